import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from '@toandan/db/env';
import { envSchema } from '@toandan/server/env';
import { describe, expect, it } from 'vitest';
import { envWith, repoRoot, runServerScript } from './fixtures/run.ts';

/** The variables of the README's "Configuration" table, in its order. */
function documentedVariables(): string[] {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const section = readme.split(/^## Configuration$/m)[1]?.split(/^## /m)[0] ?? '';
  return [...section.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((match) => match[1] as string);
}

/** A wrong value of each variable that has a rule; the others take any text. */
const WRONG: Record<string, string> = {
  PORT: '4000a',
  DATABASE_URL: 'mysql://db/toandan',
  DATABASE_POOL_SIZE: '0',
  DATABASE_HOT_POOL_SIZE: 'six',
  TOKEN_SECRET: 'short',
  PERSONAL_DATA_KEY: 'not 32 bytes',
  REDIS_URL: 'localhost:6379',
  CORS_ORIGINS: 'https://bang.example.vn/board',
  TRUST_PROXY: 'yes',
  METRICS_TOKEN: 'short',
  RATE_LIMIT_SUBMISSIONS_PER_MINUTE: 'lots',
  RATE_LIMIT_COST_PER_MINUTE: '-1',
  LIVE_COALESCE_MS: '1',
  LOG_LEVEL: 'verbose',
  LOG_FORMAT: 'xml',
};

describe('the configuration', () => {
  it('validates every variable the README documents, and documents every variable it validates', () => {
    const documented = documentedVariables();
    expect(documented.length).toBeGreaterThan(10);
    expect(new Set(documented).size).toBe(documented.length);
    expect([...documented].sort()).toEqual(Object.keys(envSchema.shape).sort());
  });

  it('names the variable of a wrong value in one line', () => {
    for (const [variable, value] of Object.entries(WRONG)) {
      const parsed = parseEnv(envSchema, { [variable]: value });
      expect(parsed.ok, variable).toBe(false);
      if (parsed.ok) continue;
      expect(parsed.problems, variable).toEqual([
        expect.stringMatching(new RegExp(`^${variable} (must|is) [^\n]+$`)),
      ]);
    }
    // The same values, right, are taken.
    expect(
      parseEnv(envSchema, {
        RATE_LIMIT_SUBMISSIONS_PER_MINUTE: '5',
        CORS_ORIGINS: ' https://a.vn, http://localhost:5173 ',
      }),
    ).toMatchObject({
      ok: true,
      env: { RATE_LIMIT_SUBMISSIONS_PER_MINUTE: 5, CORS_ORIGINS: ['https://a.vn', 'http://localhost:5173'] },
    });
  });

  it('stops the server on a wrong value with that one line, where a rate limit used to fall back silently', async () => {
    const result = await runServerScript(
      'src/server.ts',
      [],
      envWith({ RATE_LIMIT_SUBMISSIONS_PER_MINUTE: 'lots' }),
    );
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: RATE_LIMIT_SUBMISSIONS_PER_MINUTE must be a whole number\n',
    });
  });

  it("stops the database package's own commands too, which run without the server", async () => {
    const migrate = join(repoRoot, 'prisma/src/cli/migrate.ts');
    const result = await runServerScript(migrate, [], envWith({ DATABASE_HOT_POOL_SIZE: 'six' }));
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: DATABASE_HOT_POOL_SIZE must be a whole number of connections\n',
    });
  });
});
