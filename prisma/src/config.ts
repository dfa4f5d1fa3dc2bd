import { resolve } from 'node:path';
import { databaseEnvOrThrow } from './env.ts';

/** Where the data lives: PostgreSQL when `DATABASE_URL` is set, embedded PGlite otherwise. */
export type DatabaseConfig = { kind: 'postgres'; databaseUrl: string } | { kind: 'pglite'; dataDir: string };

export function databaseConfigFromEnv(source: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const env = databaseEnvOrThrow(source);
  if (env.DATABASE_URL) return { kind: 'postgres', databaseUrl: env.DATABASE_URL };
  // memory:// is PGlite's in-memory database: nothing on disk (used to print the schema).
  if (env.DATA_DIR.startsWith('memory://')) return { kind: 'pglite', dataDir: env.DATA_DIR };
  // pnpm runs a package's script inside the package; INIT_CWD is where the person typed it.
  return { kind: 'pglite', dataDir: resolve(source.INIT_CWD ?? process.cwd(), env.DATA_DIR) };
}

/** How a database is named in messages: host and database, never the password. */
export function describeDatabase(config: DatabaseConfig): string {
  if (config.kind === 'pglite') return `embedded PGlite in ${config.dataDir}`;
  const url = new URL(config.databaseUrl);
  return `PostgreSQL at ${url.hostname}:${url.port || '5432'}${url.pathname}`;
}
