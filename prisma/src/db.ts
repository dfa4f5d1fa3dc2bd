import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/prisma/client.ts';
import { type DatabaseConfig, databaseConfigFromEnv, describeDatabase } from './config.ts';
import { DatabaseUnavailableError, lockDataDirOrThrow } from './dataDirLock.ts';

export { DatabaseUnavailableError } from './dataDirLock.ts';

export interface Database {
  config: DatabaseConfig;
  /** The driver adapter: the client and the migration engine share it (one PGlite per process). */
  adapter: SqlMigrationAwareDriverAdapterFactory;
  /** Fails with a one-line DatabaseUnavailableError when the database does not answer. */
  pingOrThrow(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

function connect(config: DatabaseConfig): Database & { client: PrismaClient } {
  if (config.kind === 'pglite') {
    const unlock = lockDataDirOrThrow(config.dataDir);
    const pglite = new PGlite(config.dataDir);
    const adapter = new PrismaPGlite(pglite);
    const client = new PrismaClient({ adapter });
    return {
      config,
      adapter,
      client,
      async pingOrThrow() {
        await pglite.query('SELECT 1');
      },
      async close() {
        await client.$disconnect();
        if (!pglite.closed) await pglite.close();
        unlock();
      },
    };
  }
  const adapter = new PrismaPg({
    connectionString: config.databaseUrl,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    connectionTimeoutMillis: 5000,
  });
  const client = new PrismaClient({ adapter });
  return {
    config,
    adapter,
    client,
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
    async close() {
      await client.$disconnect();
    },
  };
}

/** The first line of the deepest cause: "connect ECONNREFUSED 127.0.0.1:5999". */
function cause(error: unknown): string {
  let current = error as { cause?: unknown; message?: string; code?: string } | undefined;
  while (current?.cause && typeof current.cause === 'object') current = current.cause as typeof current;
  const text = current?.message || current?.code || String(error);
  return text.split('\n')[0] ?? text;
}

const connection = connect(databaseConfigFromEnv());

/** The one Prisma client of this process, configured from the environment. */
export const db: PrismaClient = connection.client;

/** The connection behind `db`: its adapter (for migrations), health check and shutdown. */
export const database: Database = connection;
