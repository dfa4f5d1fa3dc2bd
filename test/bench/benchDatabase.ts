import { randomUUID } from 'node:crypto';
import pg from 'pg';

/**
 * A database of the benchmark's own on the PostgreSQL server of DATABASE_URL, made here and
 * dropped by `drop()`; DATABASE_URL is pointed at it before the database module is imported.
 * With BENCH_KEEP_DATABASE=1 it is kept, and its name printed, to look into afterwards
 * (EXPLAIN ANALYZE of what the bench timed).
 */
export async function createBenchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    console.error(
      'error: set DATABASE_URL to a PostgreSQL server, e.g. postgresql://postgres@127.0.0.1:5432/postgres',
    );
    process.exit(2);
  }
  const name = `toandan_bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  process.env.TOKEN_SECRET ??= 'bench-only-secret-0123456789abcdefghijklmnop';
  process.env.PERSONAL_DATA_KEY ??= Buffer.alloc(32, 9).toString('base64');
  return {
    url: url.toString(),
    drop: async () => {
      if (process.env.BENCH_KEEP_DATABASE === '1') {
        console.error(`kept the bench's database: ${url.toString()}`);
        await admin.end();
        return;
      }
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}
