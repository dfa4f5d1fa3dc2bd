import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll } from 'vitest';

// Runs before each integration test file, before it imports the database module: with
// DATABASE_URL set (CI's PostgreSQL run) the file gets a new database on that server,
// otherwise a new embedded PGlite directory. Nothing is shared between files.
process.env.TEST_ADMIN_DATABASE_URL ??= process.env.DATABASE_URL ?? '';
process.env.TOKEN_SECRET ??= 'test-only-secret-0123456789abcdefghijklmnop';
process.env.PERSONAL_DATA_KEY ??= Buffer.alloc(32, 7).toString('base64');
const adminUrl = process.env.TEST_ADMIN_DATABASE_URL;

if (adminUrl) {
  const name = `toandan_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  afterAll(async () => {
    const cleanup = new pg.Client({ connectionString: adminUrl });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await cleanup.end();
  });
} else {
  const dataDir = mkdtempSync(join(tmpdir(), 'toandan-test-'));
  process.env.DATA_DIR = dataDir;
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
}
