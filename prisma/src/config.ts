import { resolve } from 'node:path';

/** Where the data lives: PostgreSQL when `DATABASE_URL` is set, embedded PGlite otherwise. */
export type DatabaseConfig = { kind: 'postgres'; databaseUrl: string } | { kind: 'pglite'; dataDir: string };

export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const databaseUrl = env.DATABASE_URL?.trim();
  if (databaseUrl) return { kind: 'postgres', databaseUrl };
  const dataDir = env.DATA_DIR?.trim() || './data';
  // memory:// is PGlite's in-memory database: nothing on disk (used to print the schema).
  if (dataDir.startsWith('memory://')) return { kind: 'pglite', dataDir };
  // pnpm runs a package's script inside the package; INIT_CWD is where the person typed it.
  return { kind: 'pglite', dataDir: resolve(env.INIT_CWD ?? process.cwd(), dataDir) };
}

/** How a database is named in messages: host and database, never the password. */
export function describeDatabase(config: DatabaseConfig): string {
  if (config.kind === 'pglite') return `embedded PGlite in ${config.dataDir}`;
  try {
    const url = new URL(config.databaseUrl);
    return `PostgreSQL at ${url.hostname}:${url.port || '5432'}${url.pathname}`;
  } catch {
    return 'PostgreSQL (DATABASE_URL is not a valid URL)';
  }
}
