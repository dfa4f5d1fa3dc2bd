import { spawn } from 'node:child_process';
import {
  closeSync,
  cpSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { ActionableError } from './actionableError.ts';
import { describeDatabase } from './config.ts';
import { dataDirHolder, LOCK_FILE, lockDataDirOrThrow } from './dataDirLock.ts';
import { keepDataDirPrivateOrThrow } from './dataDirModes.ts';
import type { Database } from './db.ts';
import { applyMigrations } from './migrations.ts';
import { dumpOpenPglite, MANIFEST } from './pgliteDump.ts';

// Backups and restores of both databases (README, "Backups"): the embedded database as the
// gzipped tarball of its data directory that PGlite's dumpDataDir makes, PostgreSQL as
// pg_dump's custom-format archive. A restore goes into a new, empty database only, applies the
// migrations the backup lacks, and raises the floor of the live boards' numbers.

export class BackupError extends ActionableError {
  override name = 'BackupError';
}

/**
 * How far a restore raises the floor of every board's sequence above the highest number in the
 * backup: enough for every number the boards could have handed out since it was taken. Each
 * instance numbers a board at most once per flush, a flush at most every LIVE_COALESCE_MS (100
 * ms by default, 10 at the least): 100 numbers a second is ten instances at the default pace,
 * or one at the fastest. The margin adds 10,000 seconds of that for the instances of the lost
 * database that may still serve for a while after the restore.
 */
export const NUMBERS_PER_SECOND = 100;
export const FLOOR_MARGIN = 1_000_000;
/** Board sequences are GraphQL Ints: 32 bits, signed. */
const MAX_SEQUENCE = 2_147_483_647;

export interface RestoreSummary {
  takenAt: Date;
  /** How `takenAt` was known. */
  takenAtFrom: string;
  campaigns: number;
  enrolments: number;
  migrations: string[];
  floor: number;
}

type Query = <Row>(text: string, params: unknown[]) => Promise<Row[]>;

/** A backup of a DATA_DIR that no server holds, taken by opening it here (its lock held meanwhile). */
export async function backupDataDirOrThrow(
  dataDir: string,
  file: string,
): Promise<{ takenAt: Date; bytes: number }> {
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    throw new BackupError(`DATA_DIR ${dataDir} holds no database to back up`);
  }
  refuseExistingFile(file);
  const unlock = lockDataDirOrThrow(dataDir);
  try {
    const pglite = new PGlite(dataDir);
    try {
      const { data, takenAt } = await dumpOpenPglite(pglite, dataDir);
      const bytes = await writeBackupFile(file, Readable.fromWeb(data.stream() as never));
      return { takenAt, bytes };
    } finally {
      await pglite.close();
    }
  } finally {
    unlock();
  }
}

/**
 * Refuses to overwrite a file (an older backup under the same name stays), and makes its
 * directory when there is none yet, readable by its owner only.
 */
export function refuseExistingFile(file: string): void {
  if (existsSync(file)) throw new BackupError(`${file} already exists: give the backup a new file name`);
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new BackupError(
      `cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

/**
 * Writes a backup whole or not at all, readable by its owner only (the embedded database's
 * backup holds DATA_DIR/secrets.json): beside its name, renamed once complete.
 */
export async function writeBackupFile(file: string, content: Readable): Promise<number> {
  refuseExistingFile(file);
  const partial = `${file}.partial-${process.pid}`;
  try {
    const out = createWriteStream(partial, { mode: 0o600, flags: 'wx' });
    await pipeline(content, out);
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    if (error instanceof BackupError) throw error;
    throw new BackupError(`writing ${file} failed: ${(error as Error).message}`);
  }
  return statSync(file).size;
}

/** What a file holds, from its first bytes. */
function kindOfFile(file: string): 'tarball' | 'pg_dump' | 'directory' | 'other' {
  let fd: number;
  if (existsSync(file) && statSync(file).isDirectory()) return 'directory';
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BackupError(
      code === 'ENOENT'
        ? `there is no file ${file}`
        : `cannot read ${file}: ${code ?? (error as Error).message}`,
    );
  }
  const head = Buffer.alloc(5);
  try {
    readSync(fd, head, 0, 5, 0);
  } finally {
    closeSync(fd);
  }
  if (head[0] === 0x1f && head[1] === 0x8b) return 'tarball';
  if (head.toString('latin1') === 'PGDMP') return 'pg_dump';
  return 'other';
}

/**
 * Restores a backup of the embedded database into DATA_DIR, which must be new or empty and held
 * by no server, then applies the migrations it lacks and raises the live boards' floor.
 */
export async function restoreDataDirOrThrow(file: string, dataDir: string): Promise<RestoreSummary> {
  const kind = kindOfFile(file);
  if (kind === 'pg_dump') {
    throw new BackupError(
      `${file} is a PostgreSQL archive (pg_dump): set DATABASE_URL to the PostgreSQL database to restore it into`,
    );
  }
  if (kind === 'other') {
    throw new BackupError(
      `${file} is not a backup of the embedded database (a .tar.gz from pnpm -s backup, or a copy of a stopped DATA_DIR)`,
    );
  }
  if (kind === 'directory') refuseSourceDirectory(file, dataDir);
  const holder = dataDirHolder(dataDir);
  if (holder) {
    throw new BackupError(
      `DATA_DIR ${dataDir} is in use by a running server (pid ${holder.pid}${holder.url ? `, at ${holder.url}` : ''}): a restore goes into a new DATA_DIR (DATA_DIR=<new directory> pnpm -s restore ${file}); stop the server and start it on that directory`,
    );
  }
  // Taken first: no server can start on DATA_DIR while it is being filled.
  const unlock = lockDataDirOrThrow(dataDir);
  try {
    const present = readdirSync(dataDir).filter((entry) => entry !== LOCK_FILE);
    if (present.includes('PG_VERSION')) {
      throw new BackupError(
        `DATA_DIR ${dataDir} already holds a database: restore into a new one (DATA_DIR=<new directory> pnpm -s restore ${file}), or move this one aside first`,
      );
    }
    if (present.length > 0) {
      throw new BackupError(
        `DATA_DIR ${dataDir} is not empty (${present.slice(0, 3).join(', ')}${present.length > 3 ? ', …' : ''}): restore into a new or empty directory`,
      );
    }
    const { pglite, takenAt, takenAtFrom } =
      kind === 'tarball' ? await loadTarball(file, dataDir) : await copyDirectory(file, dataDir);
    try {
      keepDataDirPrivateOrThrow(dataDir);
      const migrations = await applyMigrations(new PrismaPGlite(pglite));
      const query: Query = async (text, params) => (await pglite.query(text, params)).rows as never;
      return { takenAt, takenAtFrom, migrations, ...(await raiseFloorAndCount(query, takenAt)) };
    } finally {
      await pglite.close();
    }
  } finally {
    unlock();
  }
}

interface Loaded {
  pglite: PGlite;
  takenAt: Date;
  takenAtFrom: string;
}

/** PGlite unpacks the tarball into DATA_DIR, which this process holds. */
async function loadTarball(file: string, dataDir: string): Promise<Loaded> {
  let pglite: PGlite;
  try {
    pglite = new PGlite(dataDir, { loadDataDir: new Blob([readFileSync(file)]) });
    await pglite.waitReady;
  } catch (error) {
    throw new BackupError(
      `${file} could not be restored as an embedded database: ${(error as Error).message}`,
    );
  }
  // The tarball carries the lock of the server it was taken from: this process holds it now.
  writeFileSync(join(dataDir, LOCK_FILE), String(process.pid), { mode: 0o600 });
  for (const entry of readdirSync(dataDir)) {
    if (entry.endsWith('.tmp')) rmSync(join(dataDir, entry), { force: true });
  }
  const manifest = join(dataDir, MANIFEST);
  if (!existsSync(manifest)) {
    return { pglite, takenAt: statSync(file).mtime, takenAtFrom: `the file's time (it has no ${MANIFEST})` };
  }
  const { takenAt } = JSON.parse(readFileSync(manifest, 'utf8')) as { takenAt: string };
  rmSync(manifest);
  return { pglite, takenAt: new Date(takenAt), takenAtFrom: 'the backup' };
}

/**
 * A copy of a stopped DATA_DIR (cp -a) as a backup: copied in, without its lock. It was taken
 * after its newest file was written, when the numbers stopped, so that time is a safe start.
 */
async function copyDirectory(source: string, dataDir: string): Promise<Loaded> {
  let newest = 0;
  const visit = (path: string) => {
    const stat = statSync(path);
    newest = Math.max(newest, stat.mtimeMs);
    if (stat.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
  };
  visit(source);
  cpSync(source, dataDir, {
    recursive: true,
    filter: (path) =>
      !path.endsWith(`/${LOCK_FILE}`) && !path.endsWith('.tmp') && !path.endsWith(`/${MANIFEST}`),
  });
  try {
    const pglite = new PGlite(dataDir);
    await pglite.waitReady;
    return { pglite, takenAt: new Date(newest), takenAtFrom: 'its newest file' };
  } catch (error) {
    throw new BackupError(
      `${source} could not be restored as an embedded database: ${(error as Error).message}`,
    );
  }
}

/** A directory restores when it is a database that no server runs on, and not DATA_DIR itself. */
function refuseSourceDirectory(source: string, dataDir: string): void {
  if (!existsSync(join(source, 'PG_VERSION'))) {
    throw new BackupError(`${source} is a directory that holds no embedded database`);
  }
  if (resolve(source) === resolve(dataDir)) {
    throw new BackupError(`${source} is DATA_DIR itself: restore it into a new DATA_DIR`);
  }
  const holder = dataDirHolder(source);
  if (holder) {
    throw new BackupError(
      `${source} is in use by a running server (pid ${holder.pid}): a copy of it would not be whole; take a backup with pnpm -s backup instead`,
    );
  }
}

/**
 * Raises the floor of every board's sequence above the highest number in the restored
 * database by what the boards could have numbered since the backup (FLOOR_MARGIN,
 * NUMBERS_PER_SECOND): the next update of every board is then a gap to any client, which
 * refetches. Returns the new floor and what the restored database holds.
 */
async function raiseFloorAndCount(
  query: Query,
  takenAt: Date,
): Promise<{ floor: number; campaigns: number; enrolments: number }> {
  const elapsedSeconds = Math.max(0, Math.ceil((Date.now() - takenAt.getTime()) / 1000));
  const [highest] = await query<{ highest: number }>(
    `SELECT GREATEST(COALESCE((SELECT max("sequence") FROM "BoardSequence"), 0),
                     COALESCE((SELECT max("floor") FROM "LiveSequenceFloor"), 0)) AS highest`,
    [],
  );
  const floor = Number(highest?.highest ?? 0) + FLOOR_MARGIN + elapsedSeconds * NUMBERS_PER_SECOND;
  if (floor > MAX_SEQUENCE) {
    throw new BackupError(
      `the live boards' numbers would pass ${MAX_SEQUENCE} (GraphQL's Int) after this restore: a backup ${elapsedSeconds} s old is too old to restore with numbering that continues`,
    );
  }
  await query(
    `INSERT INTO "LiveSequenceFloor" ("id", "floor", "raisedAt") VALUES (true, $1, now())
     ON CONFLICT ("id") DO UPDATE SET "floor" = EXCLUDED."floor", "raisedAt" = EXCLUDED."raisedAt"`,
    [floor],
  );
  const [counts] = await query<{ campaigns: number; enrolments: number }>(
    `SELECT (SELECT count(*) FROM "Campaign")::int AS campaigns, (SELECT count(*) FROM "Enrolment")::int AS enrolments`,
    [],
  );
  return { floor, campaigns: counts?.campaigns ?? 0, enrolments: counts?.enrolments ?? 0 };
}

/** The connection settings of a PostgreSQL URL for pg_dump and pg_restore: the password in the environment, not in `ps`. */
function postgresTool(databaseUrl: string): { url: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  // Their own archive's time (Archive created at) is written and read in UTC.
  const env: NodeJS.ProcessEnv = { ...process.env, TZ: 'UTC' };
  if (password) env.PGPASSWORD = password;
  return { url: url.toString(), env };
}

/** Runs pg_dump or pg_restore; a missing tool or a failure is one line saying so. */
async function runTool(tool: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const child = spawn(tool, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('close', resolve);
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new BackupError(
              `${tool} is not installed, and backups of PostgreSQL need it: install PostgreSQL's client tools (Debian: apt-get install postgresql-client), of a major version at least the server's`,
            )
          : error,
      ),
    );
  });
  if (code !== 0) {
    const reason = stderr
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => line.replace(/^(pg_dump|pg_restore): (error: )?/, ''));
    throw new BackupError(`${tool} failed: ${reason.slice(0, 3).join('; ') || `exit code ${code}`}`);
  }
  return stdout;
}

/** A backup of the PostgreSQL database: pg_dump's custom-format archive, taken in one snapshot. */
export async function backupPostgresOrThrow(databaseUrl: string, file: string): Promise<{ bytes: number }> {
  refuseExistingFile(file);
  const { url, env } = postgresTool(databaseUrl);
  const partial = `${file}.partial-${process.pid}`;
  try {
    // Created here, readable by its owner only, for pg_dump to fill (it keeps the mode).
    closeSync(openSync(partial, 'wx', 0o600));
    await runTool(
      'pg_dump',
      ['--format=custom', '--no-owner', '--no-privileges', `--file=${partial}`, `--dbname=${url}`],
      env,
    );
    refuseExistingFile(file);
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
  return { bytes: statSync(file).size };
}

/**
 * Restores a pg_dump archive into the PostgreSQL database of DATABASE_URL, which must be empty
 * (it is created when it does not exist), in one transaction; then the migrations it lacks and
 * the live boards' floor, through `database` (connected to the same URL).
 */
export async function restorePostgresOrThrow(
  file: string,
  databaseUrl: string,
  connect: () => Promise<Pick<Database, 'sql' | 'migrationAdapter' | 'close'>>,
): Promise<RestoreSummary & { created: boolean }> {
  const kind = kindOfFile(file);
  const where = describeDatabase({ kind: 'postgres', databaseUrl });
  if (kind === 'tarball') {
    throw new BackupError(
      `${file} is a backup of the embedded database: unset DATABASE_URL and set DATA_DIR to a new directory to restore it`,
    );
  }
  if (kind !== 'pg_dump') {
    throw new BackupError(`${file} is not a pg_dump archive in the custom format (pnpm -s backup makes one)`);
  }
  const { url, env } = postgresTool(databaseUrl);
  const listing = await runTool('pg_restore', ['--list', file], env);
  const created = /Archive created at (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)/.exec(listing)?.[1];
  const takenAt = created ? new Date(`${created.replace(' ', 'T')}Z`) : statSync(file).mtime;
  const takenAtFrom = created ? 'the archive' : "the file's time";

  const createdNow = await refuseNonEmptyOrCreate(databaseUrl, where, file);
  await runTool(
    'pg_restore',
    ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${url}`, file],
    env,
  );
  const database = await connect();
  try {
    const migrations = await applyMigrations(database.migrationAdapter);
    const query: Query = (text, params) => database.sql(text, params);
    return {
      takenAt,
      takenAtFrom,
      migrations,
      created: createdNow,
      ...(await raiseFloorAndCount(query, takenAt)),
    };
  } finally {
    await database.close();
  }
}

/**
 * Refuses a database that holds tables; creates it when its server has none of that name.
 * Returns true when it created it.
 */
async function refuseNonEmptyOrCreate(databaseUrl: string, where: string, file: string): Promise<boolean> {
  const target = new pg.Client({ connectionString: databaseUrl });
  try {
    await target.connect();
  } catch (error) {
    await target.end().catch(() => {});
    // 3D000: the database does not exist.
    if ((error as { code?: string }).code !== '3D000') {
      throw new BackupError(`Cannot reach ${where}: ${(error as Error).message}`);
    }
    await createDatabaseOrThrow(databaseUrl, where);
    return true;
  }
  try {
    const { rows } = await target.query<{ tables: number }>(
      `SELECT count(*)::int AS tables FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
    );
    const tables = rows[0]?.tables ?? 0;
    if (tables > 0) {
      throw new BackupError(
        `${where} already has ${tables} tables: restore into a new, empty database (DATABASE_URL=<new database> pnpm -s restore ${file}; it is created if it does not exist)`,
      );
    }
    return false;
  } finally {
    await target.end().catch(() => {});
  }
}

/** Creates the database of `databaseUrl`, connected to the server's `postgres` database. */
async function createDatabaseOrThrow(databaseUrl: string, where: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!name) throw new BackupError('DATABASE_URL names no database (postgresql://host:5432/<database>)');
  url.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: url.toString() });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } catch (error) {
    throw new BackupError(`${where} does not exist and could not be created: ${(error as Error).message}`);
  } finally {
    await admin.end().catch(() => {});
  }
}
