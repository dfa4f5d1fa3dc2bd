import { runCli } from './run.ts';

await runCli(async () => {
  const { database } = await import('../db.ts');
  const { applyMigrations } = await import('../migrations.ts');
  const { describeDatabase } = await import('../config.ts');
  try {
    await database.pingOrThrow();
    const applied = await applyMigrations(database.migrationAdapter);
    console.log(
      applied.length
        ? `applied ${applied.length} migration(s) to ${describeDatabase(database.config)}: ${applied.join(', ')}`
        : `${describeDatabase(database.config)} is up to date`,
    );
  } finally {
    await database.close();
  }
});
