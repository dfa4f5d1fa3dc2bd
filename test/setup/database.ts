import { randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { vnDay } from '@toandan/shared/vnDay';
import pg from 'pg';
import { afterAll, expect, inject } from 'vitest';
import { type DatabaseTemplates, type TemplateName, templateNamedBy, testSecrets } from './templateNames.ts';

// Runs before each integration test file, before it imports the database module: with
// DATABASE_URL set (CI's PostgreSQL run) the file gets a new database on that server,
// otherwise a new embedded PGlite directory. Nothing is shared between files: each starts
// from a copy of the run's template it names (templateNames.ts), migrated and empty unless
// it names another.
process.env.TEST_ADMIN_DATABASE_URL ??= process.env.DATABASE_URL ?? '';
Object.assign(process.env, testSecrets());
const adminUrl = process.env.TEST_ADMIN_DATABASE_URL;
const template = await templateOfThisFile();

if (adminUrl) {
  const name = `toandan_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
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
  if (template) cpSync(template, dataDir, { recursive: true });
  process.env.DATA_DIR = dataDir;
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
}

/**
 * The template this file starts from, once its builder has finished: a PGlite directory or a
 * PostgreSQL database's name, or null for a new database. The demo of the run's start is not
 * used on a later day in Viet Nam: the file starts migrated and loads the demo of its own day.
 */
async function templateOfThisFile(): Promise<string | null> {
  const templates: DatabaseTemplates = inject('databaseTemplates');
  let name: TemplateName | 'none' = templateNamedBy(expect.getState().testPath as string) ?? 'migrated';
  if (name === 'none') return null;
  const demoAt = templates.demoAt[name];
  if (name === 'demo' && demoAt && vnDay.of(new Date(demoAt)) !== vnDay.of(new Date())) name = 'migrated';
  const marker = templates.marker[name];
  for (;;) {
    if (existsSync(`${marker}.ready`)) return templates.where[name];
    if (existsSync(`${marker}.failed`))
      throw new Error(
        `the test database template ${name} could not be built:\n${readFileSync(`${marker}.failed`, 'utf8')}`,
      );
    await sleep(100);
  }
}
