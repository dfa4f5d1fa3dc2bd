import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyTokenOrThrow } from '@toandan/server/auth/tokens';
import { describe, expect, it } from 'vitest';
import { graphqlAt } from './fixtures/app.ts';
import { envWith, runServerScript, startServerProcess } from './fixtures/run.ts';

const secret = new TextEncoder().encode(process.env.TOKEN_SECRET);
const token = (args: string[], env = envWith({})) => runServerScript('src/cli/token.ts', args, env);
const JWT = /^[\w-]+\.[\w-]+\.[\w-]+\n$/;

describe('pnpm token', () => {
  it('prints only a signed token with the role, and no unit for the whole country', async () => {
    const result = await token(['--role', 'PARTNER']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(JWT);
    const claims = await verifyTokenOrThrow(secret, result.stdout.trim());
    expect(claims).toMatchObject({ role: 'PARTNER', unitCode: null });
    expect(claims.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
  });

  it('refuses an unknown role with the list of roles', async () => {
    const result = await token(['--role', 'BOSS']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      'unknown role "BOSS"; the roles are COMMAND_CENTER, FIELD_AGENT, PARTNER',
    );
  });

  it('refuses a field agent without a unit, and a unit that does not exist', async () => {
    const noUnit = await token(['--role', 'FIELD_AGENT']);
    expect(noUnit.code).toBe(2);
    expect(noUnit.stderr).toContain('needs --unit');
    const badDays = await token(['--role', 'PARTNER', '--days', 'forever']);
    expect(badDays.code).toBe(2);
    expect(badDays.stderr).toContain('--days must be');
  });

  it('generates the embedded secret once, keeps it with the data, and signs with it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'toandan-secret-'));
    const env = envWith({ DATA_DIR: dataDir, DATABASE_URL: undefined, TOKEN_SECRET: undefined });
    const first = await token(['--role', 'COMMAND_CENTER'], env);
    const second = await token(['--role', 'COMMAND_CENTER'], env);
    expect(first.code).toBe(0);
    const file = join(dataDir, 'secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const stored = new TextEncoder().encode(JSON.parse(readFileSync(file, 'utf8')).tokenSecret);
    for (const result of [first, second]) {
      expect((await verifyTokenOrThrow(stored, result.stdout.trim())).role).toBe('COMMAND_CENTER');
    }
    await expect(verifyTokenOrThrow(secret, first.stdout.trim())).rejects.toThrow();
  });

  it('asks for TOKEN_SECRET on PostgreSQL rather than inventing one', async () => {
    const result = await token(
      ['--role', 'PARTNER'],
      envWith({ DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/test', TOKEN_SECRET: undefined }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      'error: TOKEN_SECRET must be set (32 characters or more) when DATABASE_URL is set',
    );
  });
});

describe('starting with a bad configuration', () => {
  const start = (env: NodeJS.ProcessEnv) => runServerScript('src/server.ts', [], env);

  it('names an unreachable database host in one line and exits non-zero', async () => {
    const result = await start(
      envWith({ DATABASE_URL: 'postgresql://postgres:secret@127.0.0.1:5999/nowhere', PORT: '0' }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      "error: Cannot reach PostgreSQL at 127.0.0.1:5999/nowhere: Can't reach database server at 127.0.0.1:5999",
    );
    expect(result.stderr).not.toContain('secret');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('says so when DATA_DIR is held by another running instance', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'toandan-locked-'));
    writeFileSync(join(dataDir, 'toandan.lock'), String(process.pid));
    const result = await start(envWith({ DATA_DIR: dataDir, DATABASE_URL: undefined, PORT: '0' }));
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      `error: DATA_DIR ${dataDir} is in use by another running instance (pid ${process.pid}); stop it, or set DATA_DIR to another directory`,
    );
  });

  it('says so when DATA_DIR is not a directory', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'toandan-file-')), 'not-a-dir');
    writeFileSync(file, 'x');
    const result = await start(envWith({ DATA_DIR: file, DATABASE_URL: undefined, PORT: '0' }));
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^error: DATA_DIR .*not-a-dir cannot be used as a data directory/);
  });

  it('refuses a malformed setting before connecting to anything', async () => {
    const result = await start(
      envWith({
        PORT: 'four thousand',
        DATABASE_URL: 'mysql://x',
        LIVE_COALESCE_MS: '1',
        METRICS_TOKEN: 'short',
        TRUST_PROXY: 'yes',
      }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: PORT');
    expect(result.stderr).toContain('error: DATABASE_URL must be a postgresql:// URL');
    expect(result.stderr).toContain('error: LIVE_COALESCE_MS');
    expect(result.stderr).toContain('error: METRICS_TOKEN must be at least 32 characters');
    expect(result.stderr).toContain('error: TRUST_PROXY must be 1, true, 0 or false');
  });
});

describe('pnpm token --revoke', () => {
  it('revokes a token in the database when no server runs, once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'toandan-revoke-'));
    // A port where nothing listens: no running server to go through.
    const env = envWith({ DATA_DIR: dataDir, DATABASE_URL: process.env.DATABASE_URL, PORT: '9' });
    const issued = await token(['--role', 'PARTNER', '--days', '1'], env);
    const tokenId = (await verifyTokenOrThrow(secret, issued.stdout.trim())).tokenId;
    const first = await token(['--revoke', issued.stdout.trim(), '--reason', 'Hết hợp đồng'], env);
    expect(first.stderr.trim()).toBe(`revoked token ${tokenId}`);
    expect(first.code).toBe(0);
    const again = await token(['--revoke', tokenId, '--reason', 'Hết hợp đồng'], env);
    expect(again.stderr.trim()).toBe(`token ${tokenId} was already revoked`);
    const unreasoned = await token(['--revoke', tokenId], env);
    expect(unreasoned.code).toBe(2);
    expect(unreasoned.stderr.trim()).toBe('error: --revoke needs --reason "<why>"');
  }, 60_000);
});

describe('pnpm start on a fresh machine (embedded PGlite)', () => {
  it('migrates, loads the demo and serves it within 60 s, then stops cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'toandan-fresh-'));
    const env = envWith({ DATA_DIR: dataDir, DATABASE_URL: undefined, PORT: '0', HOST: '127.0.0.1' });
    const started = Date.now();
    const server = await startServerProcess(env);
    const { base } = server;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(60_000);

    const { data } = (await graphqlAt(base, '{ campaigns { id } unit(code: "38") { children { code } } }'))
      .body as { data: { campaigns: unknown[]; unit: { children: unknown[] } } };
    expect(data.campaigns).toHaveLength(2);
    expect(data.unit.children).toHaveLength(27);

    // The running server holds DATA_DIR, so the token command checks the unit through it.
    const port = new URL(base).port;
    const fieldAgent = await token(['--role', 'FIELD_AGENT', '--unit', '395'], { ...env, PORT: port });
    expect(fieldAgent.stderr).toBe('');
    expect((await verifyTokenOrThrow(secret, fieldAgent.stdout.trim())).unitCode).toBe('395');
    const unknownUnit = await token(['--role', 'FIELD_AGENT', '--unit', '99999'], { ...env, PORT: port });
    expect(unknownUnit.code).toBe(1);
    expect(unknownUnit.stderr.trim()).toBe('error: no unit has the code "99999"');

    expect((await server.stop()).code).toBe(0);
    expect(existsSync(join(dataDir, 'toandan.lock'))).toBe(false);
  }, 120_000);
});
