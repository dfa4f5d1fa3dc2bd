import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { envWith, finished, spawnServerScript } from '../fixtures/run.ts';
import { type DatabaseTemplates, demoInstant, markerOf, TEMPLATES, testSecrets } from './templateNames.ts';

/**
 * Vitest's global setup for the integration tests: the databases test files start from, built
 * once per run instead of once per file (templateNames.ts). A new embedded database costs
 * PGlite's initdb and the migrations, seconds each, and the demo dataset tens of seconds, in
 * each of sixty files; a copy of a directory (PGlite) or `CREATE DATABASE … TEMPLATE`
 * (PostgreSQL) costs a fraction of a second.
 *
 * The builders run in processes of their own, beside the web build, and this returns without
 * waiting for them: a file's setup (database.ts) waits for the one template it starts from.
 */
export default async function buildDatabaseTemplates(project: TestProject) {
  const run = randomUUID().replaceAll('-', '').slice(0, 12);
  const runStart = new Date();
  const adminUrl = process.env.TEST_ADMIN_DATABASE_URL || process.env.DATABASE_URL || '';
  const templates: DatabaseTemplates = {
    where: {} as DatabaseTemplates['where'],
    demoAt: {} as DatabaseTemplates['demoAt'],
    marker: {} as DatabaseTemplates['marker'],
  };
  const builders: ReturnType<typeof spawnServerScript>[] = [];

  for (const name of TEMPLATES) {
    const marker = markerOf(run, name);
    const demoAt = demoInstant(name, runStart);
    let env: NodeJS.ProcessEnv;
    if (adminUrl) {
      const database = `toandan_template_${run}_${TEMPLATES.indexOf(name)}`;
      await adminQuery(adminUrl, `CREATE DATABASE "${database}"`);
      const url = new URL(adminUrl);
      url.pathname = `/${database}`;
      env = envWith({ ...testSecrets(), DATABASE_URL: url.toString(), DATA_DIR: undefined });
      templates.where[name] = database;
    } else {
      env = envWith({ ...testSecrets(), DATABASE_URL: undefined, DATA_DIR: `${marker}.pglite` });
      templates.where[name] = `${marker}.pglite`;
    }
    templates.demoAt[name] = demoAt;
    templates.marker[name] = marker;
    const child = spawnServerScript(
      fileURLToPath(new URL('./templateDatabase.cli.ts', import.meta.url)),
      demoAt ? [demoAt] : [],
      env,
    );
    builders.push(child);
    void finished(child).then(({ code, stdout, stderr }) => {
      if (code === 0) writeFileSync(`${marker}.ready`, '');
      else writeFileSync(`${marker}.failed`, `exit ${code}\n${stdout}\n${stderr}`);
    });
  }
  project.provide('databaseTemplates', templates);

  return async () => {
    for (const child of builders) if (child.exitCode === null) child.kill('SIGKILL');
    for (const name of TEMPLATES) {
      rmSync(`${templates.marker[name]}.ready`, { force: true });
      rmSync(`${templates.marker[name]}.failed`, { force: true });
      if (adminUrl)
        await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${templates.where[name]}" WITH (FORCE)`);
      else rmSync(templates.where[name], { recursive: true, force: true });
    }
  };
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}
