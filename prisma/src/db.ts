import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { type Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { type DatabaseConfig, databaseConfigFromEnv, describeDatabase } from './config.ts';
import { DatabaseUnavailableError, lockDataDirOrThrow, recordServerUrl } from './dataDirLock.ts';
import { keepDataDirPrivateAndSayOrThrow, keepDataDirPrivateOrThrow } from './dataDirModes.ts';
import { databaseEnvOrThrow } from './env.ts';
import { dumpOpenPglite } from './pgliteDump.ts';

export { DatabaseUnavailableError } from './dataDirLock.ts';

export interface Database {
  config: DatabaseConfig;
  /** The adapter the migration engine uses: the same one on PGlite (one PGlite per process). */
  migrationAdapter: SqlMigrationAwareDriverAdapterFactory;
  /** Fails with a one-line DatabaseUnavailableError when the database does not answer. */
  pingOrThrow(timeoutMs?: number): Promise<void>;
  /**
   * One statement straight to the driver, without Prisma's query engine: for the few
   * statements on the hot path of submissions and live boards (docs/performance.md), where the
   * engine's work on parameters and rows cost more than the database's. Rows come back as the
   * driver parses them (DATE as midnight UTC, as Prisma gives it).
   */
  sql<Row>(text: string, params: unknown[]): Promise<Row[]>;
  /**
   * Tells the commands run on this machine where the server that holds the embedded database
   * answers (in DATA_DIR's lock): they cannot open the database while it does. Nothing to
   * tell on PostgreSQL.
   */
  announceServer(graphqlUrl: string): void;
  /**
   * On the embedded database, a backup made by this process, which holds it (README,
   * "Backups"): PGlite's tarball of DATA_DIR. PostgreSQL's are taken with pg_dump.
   */
  dumpDataDir?(): Promise<{ data: Blob; takenAt: Date }>;
  /** The connections of the hot path's pool, for /metrics; PGlite has one connection and no pool. */
  poolStats?(): { total: number; idle: number; waiting: number; max: number };
  close(): Promise<void>;
}

/**
 * Prisma reports every statement (`onQuery`, for tests and benchmarks that count round trips)
 * only under test or when TOANDAN_COUNT_QUERIES=1: building the report of a statement that
 * writes a batch of enrolments costs more than the rest of its work in the client.
 */
/** PostgreSQL's DATE: parsed to midnight UTC, as Prisma gives it, whatever the machine's zone. */
const DATE_OID = 1082;
const parseDate = (value: string) => new Date(`${value}T00:00:00Z`);

const QUERY_EVENTS: Prisma.LogDefinition[] =
  process.env.VITEST || process.env.TOANDAN_COUNT_QUERIES === '1' ? [{ emit: 'event', level: 'query' }] : [];

function connect(config: DatabaseConfig): Database & { client: PrismaClient } {
  if (config.kind === 'pglite') {
    const onDisk = !config.dataDir.startsWith('memory://');
    const unlock = onDisk ? lockDataDirOrThrow(config.dataDir) : () => {};
    if (onDisk) keepDataDirPrivateAndSayOrThrow(config.dataDir);
    const pglite = new PGlite(config.dataDir);
    // A new database's files, which PGlite has just unpacked world-writable (dataDirModes.ts).
    const madePrivate = onDisk
      ? pglite.waitReady.then(() => keepDataDirPrivateOrThrow(config.dataDir))
      : null;
    madePrivate?.catch(() => {});
    const adapter = reportingFailedCommits(new PrismaPGlite(pglite));
    const client = new PrismaClient({ adapter, log: QUERY_EVENTS });
    return {
      config,
      migrationAdapter: adapter,
      client,
      async pingOrThrow() {
        await madePrivate;
        await pglite.query('SELECT 1');
      },
      async sql<Row>(text: string, params: unknown[]) {
        return (await pglite.query<Row>(text, params)).rows;
      },
      announceServer(graphqlUrl) {
        if (onDisk) recordServerUrl(config.dataDir, graphqlUrl);
      },
      ...(onDisk ? { dumpDataDir: () => dumpOpenPglite(pglite, config.dataDir) } : {}),
      async close() {
        await client.$disconnect();
        if (!pglite.closed) await pglite.close();
        unlock();
      },
    };
  }
  const { DATABASE_POOL_SIZE, DATABASE_HOT_POOL_SIZE } = databaseEnvOrThrow();
  const adapter = new PrismaPg({
    connectionString: config.databaseUrl,
    max: DATABASE_POOL_SIZE,
    connectionTimeoutMillis: 5000,
  });
  const client = new PrismaClient({ adapter, log: QUERY_EVENTS });
  let closing: Promise<void> | undefined;
  const hotPath = new pg.Pool({
    connectionString: config.databaseUrl,
    max: DATABASE_HOT_POOL_SIZE,
    connectionTimeoutMillis: 5000,
    types: {
      getTypeParser: (oid, format) => (oid === DATE_OID ? parseDate : pg.types.getTypeParser(oid, format)),
    },
  });
  hotPath.on('error', () => {});
  return {
    config,
    migrationAdapter: forMigrationEngine(adapter, config.databaseUrl),
    client,
    async sql<Row>(text: string, params: unknown[]) {
      return (await hotPath.query(text, params)).rows as Row[];
    },
    announceServer() {},
    poolStats: () => ({
      total: hotPath.totalCount,
      idle: hotPath.idleCount,
      waiting: hotPath.waitingCount,
      max: hotPath.options.max,
    }),
    async pingOrThrow(timeoutMs = 5000) {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          client.$queryRawUnsafe('SELECT 1'),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
          }),
        ]);
      } catch (error) {
        throw new DatabaseUnavailableError(`Cannot reach ${describeDatabase(config)}: ${cause(error)}`);
      } finally {
        clearTimeout(timer);
      }
    },
    // Closing twice (the app on stop, then a script that used the same module) is harmless.
    async close() {
      closing ??= Promise.all([client.$disconnect(), hotPath.end()]).then(() => undefined);
      await closing;
    },
  };
}

/**
 * Works around a fault of pglite-prisma-adapter 0.7.2: when COMMIT fails (a deferred constraint,
 * an I/O error), PGlite rolls back and rejects, but the adapter drops that rejection, so Prisma
 * would report a transaction as committed that is not. Each transaction's outcome is kept and
 * awaited after COMMIT, and a failure is thrown as the adapter throws query errors.
 */
function reportingFailedCommits(factory: PrismaPGlite): PrismaPGlite {
  type Transaction = { commit(): Promise<void> };
  type Inner = {
    startTransactionInner(conn: PGlite, options: unknown): Promise<Transaction>;
    onError(error: unknown): never;
  };
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const inner = adapter as unknown as Inner;
    const start = inner.startTransactionInner.bind(adapter);
    inner.startTransactionInner = async (conn, options) => {
      let outcome: Promise<unknown> = Promise.resolve();
      const watched = {
        transaction: (run: Parameters<PGlite['transaction']>[0]) => {
          outcome = conn.transaction(run);
          return outcome;
        },
      } as PGlite;
      const transaction = await start(watched, options);
      const commit = transaction.commit.bind(transaction);
      transaction.commit = async () => {
        await commit();
        await outcome.catch((error: unknown) => inner.onError(error));
      };
      return transaction;
    };
    return adapter;
  };
  return factory;
}

/**
 * Works around three faults of @prisma/adapter-pg 7.10 that only the schema engine meets; the
 * queries of the app do not go through this wrapper.
 * - PostgreSQL's catalogues have internal one-byte `"char"` columns (OID 18, pg_class.relkind)
 *   that the adapter refuses to map (the PGlite adapter maps them). pg returns them as
 *   one-character strings, so they are reported as text.
 * - Its executeScript splits a migration on every ";", which cuts a function's $$-quoted body
 *   (or any string holding one) apart. PostgreSQL takes the whole script in one simple query.
 * - Its shadow database is created, then connected with `{ ...config, database }`, where a
 *   `connectionString` wins: the "shadow" is the live database. Ours connects to the new one.
 */
function forMigrationEngine(factory: PrismaPg, databaseUrl: string): SqlMigrationAwareDriverAdapterFactory {
  type Queryable = { performIO?: (...args: unknown[]) => Promise<{ fields?: { dataTypeID: number }[] }> };
  const patch = <T>(queryable: T): T => {
    const target = queryable as Queryable & {
      startTransaction?: (...args: unknown[]) => Promise<unknown>;
      executeScript?: (script: string) => Promise<void>;
      client?: { query(text: string): Promise<unknown> };
      onError?: (error: unknown) => never;
    };
    const { client } = target;
    if (target.executeScript && client) {
      target.executeScript = async (script) => {
        try {
          await client.query(script);
        } catch (error) {
          target.onError?.(error);
          throw error;
        }
      };
    }
    const performIO = target.performIO?.bind(target);
    if (performIO) {
      target.performIO = async (...args) => {
        const result = await performIO(...args);
        for (const field of result.fields ?? []) if (field.dataTypeID === 18) field.dataTypeID = 25;
        return result;
      };
    }
    const startTransaction = target.startTransaction?.bind(target);
    if (startTransaction) target.startTransaction = async (...args) => patch(await startTransaction(...args));
    return queryable;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => patch(await factory.connect()),
    connectToShadowDb: async () => {
      const name = `prisma_shadow_${randomUUID().replaceAll('-', '')}`;
      const admin = await factory.connect();
      await admin.executeScript(`CREATE DATABASE "${name}"`);
      const url = new URL(databaseUrl);
      url.pathname = `/${name}`;
      const shadow = patch(await new PrismaPg({ connectionString: url.toString(), max: 2 }).connect());
      const dispose = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await dispose();
        await admin.executeScript(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.dispose();
      };
      return shadow;
    },
  };
}

/**
 * The reason, in one line: Prisma wraps the driver's words as "… Message: `Can't reach database
 * server at 127.0.0.1:5999`" after blank lines; other errors are taken at their last line.
 */
function cause(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const wrapped = /Message: `([^`]+)`/.exec(text);
  if (wrapped?.[1]) return wrapped[1];
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return lines.at(-1) ?? 'no reason given';
}

const connection = connect(databaseConfigFromEnv());

/** The one Prisma client of this process, configured from the environment. */
export const db: PrismaClient = connection.client;

const queryListeners = new Set<(sql: string) => void>();
(connection.client as unknown as { $on(event: 'query', cb: (e: { query: string }) => void): void }).$on(
  'query',
  (event) => {
    for (const listener of queryListeners) listener(event.query);
  },
);

/**
 * Calls `listener` for every SQL statement the client sends; returns the unsubscribe function.
 * Tests count round trips with it (a board must cost the same whatever the tree's size).
 */
export function onQuery(listener: (sql: string) => void): () => void {
  queryListeners.add(listener);
  return () => queryListeners.delete(listener);
}

/** A statement straight to the driver (Database.sql), reported to `onQuery` like Prisma's. */
export function sql<Row>(text: string, params: unknown[]): Promise<Row[]> {
  for (const listener of queryListeners) listener(text);
  return connection.sql<Row>(text, params);
}

/** The connection behind `db`: its adapter (for migrations), health check and shutdown. */
export const database: Database = connection;
