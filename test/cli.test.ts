import { execFileSync, spawn } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyTokenOrThrow } from '@toandan/server/auth/tokens';
import { describe, expect, it, onTestFinished } from 'vitest';
import { graphqlAt } from './fixtures/app.ts';
import {
  envWith,
  type Finished,
  finished,
  repoRoot,
  runServerScript,
  startServerProcess,
} from './fixtures/run.ts';

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
    expect(result.stderr).toContain('error: METRICS_TOKEN must be 32 characters or more');
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
  const dataDir = mkdtempSync(join(tmpdir(), 'toandan-fresh-'));
  const env = envWith({ DATA_DIR: dataDir, DATABASE_URL: undefined, PORT: '0', HOST: '127.0.0.1' });
  // The token command is told nothing of the port: it must find the server by itself.
  const { PORT: _port, ...envWithoutPort } = env;

  it('migrates, loads the demo and serves it within 60 s, keeps DATA_DIR private under umask 000, stops cleanly on SIGTERM', async () => {
    const started = Date.now();
    // A child inherits its parent's umask: the server starts as from a shell with `umask 000`.
    const umask = process.umask(0);
    let server: Awaited<ReturnType<typeof startServerProcess>>;
    let healthyAfterMs = Number.POSITIVE_INFINITY;
    try {
      server = await startServerProcess(env);
    } finally {
      process.umask(umask);
    }
    try {
      const { base } = server;
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      healthyAfterMs = Date.now() - started;

      const { data } = (await graphqlAt(base, '{ campaigns { id } unit(code: "38") { children { code } } }'))
        .body as { data: { campaigns: unknown[]; unit: { children: unknown[] } } };
      // The drive of the 2025 reform's weeks, May's campaign month, a drive, and the standing
      // all-year campaign (vận động thường xuyên).
      expect(data.campaigns).toHaveLength(4);
      // Its 27 communes since 1 July 2025 (its 27 districts' before) and its provincial office (BHXH tỉnh).
      expect(data.unit.children).toHaveLength(28);

      // The running server holds DATA_DIR, so the token command checks the unit through it,
      // on whatever port it listens: the README's own line, pasted into a shell.
      const readmeLine = await inShell(readmeTokenLine(), envWithoutPort);
      expect(readmeLine).toEqual({ code: 0, stdout: expect.stringMatching(JWT), stderr: '' });
      expect((await verifyTokenOrThrow(secret, readmeLine.stdout.trim())).unitCode).toBe('X395');
      const unknownUnit = await token(['--role', 'FIELD_AGENT', '--unit', '99999'], envWithoutPort);
      expect(unknownUnit.stderr.trim()).toBe('error: no unit has the code "99999"');
      expect(unknownUnit.code).toBe(1);
    } finally {
      expect((await server.stop()).code).toBe(0);
    }
    expect(existsSync(join(dataDir, 'toandan.lock'))).toBe(false);
    expect(openToOthers(dataDir)).toEqual([]);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(healthyAfterMs).toBeLessThan(60_000);
  }, 120_000);

  it('makes a DATA_DIR left open to others private again, and says so in one line', async () => {
    // As an older version left it: PGlite's files world-writable, the directories open.
    execFileSync('chmod', ['-R', 'go+rwX', dataDir]);
    expect(openToOthers(dataDir).length).toBeGreaterThan(900);
    // No server runs: the token command opens the database itself, and keeps stdout for the token.
    const result = await token(['--role', 'FIELD_AGENT', '--unit', 'X395'], envWithoutPort);
    expect(result.stdout).toMatch(JWT);
    expect(result.stderr).toMatch(
      new RegExp(
        `^DATA_DIR ${dataDir}: made \\d+ files and \\d+ directories readable by their owner only \\(they were open to the group or others\\)\n$`,
      ),
    );
    expect(openToOthers(dataDir)).toEqual([]);
  }, 60_000);

  it('stops on Ctrl-C with exit code 0, one line, and no error from pnpm', async () => {
    const child = spawn('pnpm', ['start'], {
      cwd: repoRoot,
      env,
      // Its own process group, as a terminal's foreground job: Ctrl-C signals every process in it.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exit = finished(child);
    onTestFinished(() => {
      if (child.exitCode === null && child.signalCode === null)
        process.kill(-(child.pid as number), 'SIGKILL');
    });
    let output = '';
    const serving = new Promise<string>((resolve, reject) => {
      const seen = (chunk: Buffer) => {
        output += chunk;
        const match = /serving (http:\/\/localhost:\d+)\/graphql/.exec(output);
        if (match?.[1]) resolve(match[1]);
      };
      child.stdout.on('data', seen);
      child.stderr.on('data', seen);
      child.on('close', () => reject(new Error(`pnpm start exited before serving: ${output}`)));
    });
    const base = await serving;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    process.kill(-(child.pid as number), 'SIGINT');
    const { code, stdout, stderr } = await exit;
    expect(code).toBe(0);
    const printed = stdout + stderr;
    expect(printed).not.toMatch(/ERR_PNPM|ELIFECYCLE/);
    // After the line that it serves, only the one that it stops (log lines: JSON, not a terminal).
    const lines = printed.slice(printed.lastIndexOf('\n', printed.indexOf('Toàn Dân is serving')) + 1);
    expect(
      lines
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { msg: string }).msg),
    ).toEqual([expect.stringMatching(/^Toàn Dân is serving /), 'SIGINT: stopping']);
  }, 120_000);
});

describe("the README's token line on PostgreSQL", () => {
  it.runIf(process.env.DATABASE_URL)('prints only the token', async () => {
    const { prepareDatabaseOrThrow } = await import('@toandan/db/prepare');
    const { db, database } = await import('@toandan/db/db');
    const { loadSmallTree } = await import('./fixtures/smallTree.ts');
    await prepareDatabaseOrThrow({ seed: 'never' });
    await loadSmallTree();
    const thanhHoa = await db.unit.findUniqueOrThrow({ where: { code: '38' } });
    await db.unit.create({
      data: {
        code: 'X395',
        name: 'Thọ Xuân',
        kind: 'COMMUNE',
        parentId: thanhHoa.id,
        ancestorIds: [...thanhHoa.ancestorIds, thanhHoa.id],
        depth: 2,
      },
    });
    await database.close();
    const result = await inShell(readmeTokenLine(), envWith({}));
    expect(result).toEqual({ code: 0, stdout: expect.stringMatching(JWT), stderr: '' });
    expect((await verifyTokenOrThrow(secret, result.stdout.trim())).unitCode).toBe('X395');
  });
});

/** The README's line that signs a field agent in for one commune, without its comment. */
function readmeTokenLine(): string {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const line = readme
    .split('\n')
    .find((text) => text.startsWith('pnpm -s token --role FIELD_AGENT --unit X395'));
  if (!line) throw new Error('README.md has no line `pnpm -s token --role FIELD_AGENT --unit X395`');
  return line.replace(/\s+#.*$/, '');
}

/** A line run as a person runs it: in a shell, at the repository's root. */
function inShell(line: string, env: NodeJS.ProcessEnv): Promise<Finished> {
  return finished(spawn('bash', ['-c', line], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] }));
}

/** Every file and directory under `dir` that its group or others may read, write or enter. */
function openToOthers(dir: string): string[] {
  return [dir, ...readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((name) => join(dir, name))]
    .filter((path) => lstatSync(path).mode & 0o077)
    .map((path) => `${path} ${(lstatSync(path).mode & 0o777).toString(8)}`);
}
