import { cpSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlAt } from './fixtures/app.ts';
import {
  convergedOn,
  enrolmentSubmitter,
  fetchBoard,
  talliesOf,
  until,
  watchBoard,
  wsClient,
} from './fixtures/live.ts';
import {
  envWith,
  freePort,
  runServerScript,
  type ServerProcess,
  startServerProcess,
} from './fixtures/run.ts';
import { bearer, commandCenterToken } from './fixtures/tokens.ts';

// `pnpm -s backup` of a running server and `pnpm -s restore` into a fresh database, on the
// database of this run: embedded PGlite, or PostgreSQL in CI's second pass (README, "Backups").
const DAY = '2026-05-10';
const onPostgres = Boolean(process.env.DATABASE_URL);
const scratch = mkdtempSync(join(tmpdir(), 'toandan-backups-'));
const running: ServerProcess[] = [];
/** The restored database, on the same PostgreSQL server, dropped after the file. */
const restoredUrl = (() => {
  if (!onPostgres) return '';
  const url = new URL(process.env.DATABASE_URL as string);
  url.pathname = `${url.pathname}_restored`;
  return url.toString();
})();

beforeAll(async () => {
  const load = await runServerScript(
    fileURLToPath(new URL('./fixtures/loadSmallTree.cli.ts', import.meta.url)),
    [],
    envWith({}),
  );
  expect(load.stderr).toBe('');
  expect(load.code).toBe(0);
}, 120_000);
afterAll(async () => {
  await Promise.all(running.map((server) => server.stop()));
  rmSync(scratch, { recursive: true, force: true });
  if (onPostgres) {
    const admin = new pg.Client({ connectionString: process.env.TEST_ADMIN_DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${new URL(restoredUrl).pathname.slice(1)}" WITH (FORCE)`);
    await admin.end();
  }
});

const backup = (file: string, env = envWith({})) => runServerScript('src/cli/backup.ts', [file], env);
const restore = (file: string, env: NodeJS.ProcessEnv) => runServerScript('src/cli/restore.ts', [file], env);
/** The environment of a server, a backup or a restore on the restored database. */
const restoredEnv = (dataDir: string) =>
  envWith(onPostgres ? { DATABASE_URL: restoredUrl } : { DATA_DIR: dataDir });

async function serve(env: NodeJS.ProcessEnv) {
  const server = await startServerProcess(env);
  running.push(server);
  return server;
}

async function stop(server: ServerProcess) {
  running.splice(running.indexOf(server), 1);
  return server.stop();
}

const submitTo = (base: string) =>
  enrolmentSubmitter((query, variables) => graphqlAt(base, query, variables), '038171');

/** Every figure a board shows of its unit and children, without its version. */
const BOARD_FIGURES = `query ($unitCode: String!) {
  board(campaignId: "test-campaign", unitCode: $unitCode, date: "${DAY}") {
    totals { scheme today cumulative target dailyGoal metTarget status }
    rows { unit { code } tallies { scheme today cumulative target dailyGoal metTarget status } }
  }
  enrolments(campaignId: "test-campaign", unitCode: $unitCode, first: 100) { edges { node { id citizenId fullName } } }
}`;
const UNITS = ['VN', '38', '386', '386-01'];
async function figures(base: string) {
  const all: Record<string, unknown> = {};
  for (const unitCode of UNITS) {
    const { body } = await graphqlAt(base, BOARD_FIGURES, { unitCode });
    expect(body.errors).toBeUndefined();
    all[unitCode] = body.data;
  }
  return all;
}

describe(`a backup of a running server, restored into a fresh ${onPostgres ? 'PostgreSQL database' : 'DATA_DIR'}`, () => {
  it('serves the same boards and counters, and open boards see numbers above theirs', async () => {
    const port = String(await freePort());
    const original = await serve(envWith({ HOST: '127.0.0.1', PORT: port }));
    const base = original.base;
    const submit = submitTo(base);
    // A client that keeps its board across a reconnect without refetching (it never calls
    // reconnected()): only the numbering can tell it that the board it holds is not the server's.
    const client = wsClient(base, {
      retryAttempts: 120,
      retryWait: () => new Promise((resolve) => setTimeout(resolve, 300)),
      shouldRetry: () => true,
    });
    const watcher = watchBoard(client, '38', { base, date: DAY });
    await watcher.opened();
    for (let n = 0; n < 4; n++) expect((await submit('386-01')).data?.submitEnrolment.userErrors).toEqual([]);
    await convergedOn(base, '38', watcher.state, DAY);
    const atBackup = await figures(base);

    // POST /backup takes the backup command's own token, and only on the embedded database.
    const refused = await fetch(`${base}/backup`, {
      method: 'POST',
      headers: { authorization: bearer(await commandCenterToken()) },
    });
    expect(refused.status).toBe(onPostgres ? 404 : 401);

    const file = join(scratch, 'backups', onPostgres ? 'toandan.dump' : 'toandan.tar.gz');
    const taken = await backup(file);
    expect(taken.stderr).toMatch(/^backed up .* into .*toandan\.(dump|tar\.gz) \(\d+\.\d MiB/);
    expect(taken.stdout).toBe('');
    expect(taken.code).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // pg_dump's archive starts with PGDMP; PGlite's tarball is gzipped.
    const magic = onPostgres ? Buffer.from('PGDMP') : Buffer.from([0x1f, 0x8b]);
    expect(readFileSync(file).subarray(0, magic.length).equals(magic)).toBe(true);
    // A second backup under the same name leaves the first alone.
    const again = await backup(file);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(`error: ${file} already exists: give the backup a new file name\n`);

    // After the backup, the server goes on: these enrolments, and the numbers of their updates,
    // are what the restore loses.
    for (let n = 0; n < 4; n++) expect((await submit('390')).data?.submitEnrolment.userErrors).toEqual([]);
    const before = await convergedOn(base, '38', watcher.state, DAY);
    const held = watcher.state.board?.sequence ?? 0;
    expect(held).toBe(before.sequence);
    const seen = watcher.state.updates.length;
    const gaps = () => watcher.state.refetches.filter((reason) => reason === 'gap').length;
    const gapsBefore = gaps();

    // Restoring over a database in use, or one that has data, is refused, and says why.
    const overInUse = await restore(file, envWith({}));
    expect(overInUse.code).toBe(1);
    expect(overInUse.stderr).toMatch(
      onPostgres
        ? /^error: PostgreSQL at 127\.0\.0\.1:\d+\/\w+ already has \d+ tables: restore into a new, empty database/
        : /^error: DATA_DIR .* is in use by a running server \(pid \d+, at http:\/\/127\.0\.0\.1:\d+\/graphql\): a restore goes into a new DATA_DIR/,
    );

    expect((await stop(original)).code).toBe(0);
    if (!onPostgres) {
      // With no server on it, the command opens DATA_DIR itself.
      const offline = await backup(join(scratch, 'backups', 'stopped.tar.gz'));
      expect(offline.stderr).toMatch(/^backed up embedded PGlite in \S+ into \S+stopped\.tar\.gz \(/);
      expect(offline.code).toBe(0);
    }
    const dataDir = join(scratch, 'restored');
    const restored = await restore(file, restoredEnv(dataDir));
    expect(restored.stdout).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.stderr).toMatch(
      /^restored .* 1 campaign\(s\), \d+ enrolment\(s\), as of .* \(from the (backup|archive)\)\n/,
    );
    expect(restored.stderr).toMatch(
      /live boards now number their updates from \d+: above every number handed out before/,
    );

    if (!onPostgres) {
      // A copy of the stopped DATA_DIR restores too, as of its newest file.
      const copy = join(scratch, 'copy-of-data');
      cpSync(process.env.DATA_DIR as string, copy, { recursive: true });
      const fromCopy = await restore(copy, envWith({ DATA_DIR: join(scratch, 'restored-from-copy') }));
      expect(fromCopy.code).toBe(0);
      expect(fromCopy.stderr).toMatch(/\(from its newest file\)\n/);
      const enrolments = (output: string) => /(\d+) enrolment\(s\)/.exec(output)?.[1];
      // The copy has the enrolments made after the backup as well.
      expect(Number(enrolments(fromCopy.stderr))).toBe(Number(enrolments(restored.stderr)) + 4);
    }

    const server = await serve({ ...restoredEnv(dataDir), HOST: '127.0.0.1', PORT: port });
    expect(await figures(server.base)).toEqual(atBackup);

    // The client reconnects to the restored server on the same address: the first number it
    // sees there is above the one it holds, a gap, so it refetches the restored board.
    await until(() => gaps() > gapsBefore, 'the refetch after the restore', 30_000);
    expect(watcher.state.refetches).not.toContain('reconnect');
    const first = watcher.state.updates[seen];
    expect(first?.sequence).toBeGreaterThan(held);
    await watcher.settled();
    expect(talliesOf(watcher.state.board)).toEqual(talliesOf(await fetchBoard(server.base, '38', DAY)));

    // And it follows the restored server's updates from there.
    const submitRestored = enrolmentSubmitter(
      (query, variables) => graphqlAt(server.base, query, variables),
      '038172',
    );
    for (let n = 0; n < 3; n++) {
      expect((await submitRestored('386-01')).data?.submitEnrolment.userErrors).toEqual([]);
    }
    const after = await convergedOn(server.base, '38', watcher.state, DAY);
    expect(watcher.state.board?.sequence).toBe(after.sequence);
    expect(after.sequence).toBeGreaterThan(held);
    expect(watcher.state.errors).toEqual([]);
    watcher.stop();
    await client.dispose();
  }, 180_000);
});

describe.runIf(onPostgres)('backups of PostgreSQL without its client tools', () => {
  it('say that pg_dump is missing', async () => {
    const result = await backup(join(scratch, 'no-tools.dump'), envWith({ PATH: '/nonexistent' }));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^error: pg_dump is not installed, and backups of PostgreSQL need it: install/,
    );
  });
});
