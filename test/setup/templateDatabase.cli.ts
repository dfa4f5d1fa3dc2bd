// Builds one template database for the test run (databaseTemplates.ts), in a process of its own
// on the DATA_DIR or DATABASE_URL of its environment: migrated, and with the demo dataset as of
// the instant given when one is.
//   node --import tsx templateDatabase.cli.ts [demo-instant-ISO]
const demoAt = process.argv[2];
const { prepareDatabaseOrThrow } = await import('@toandan/db/prepare');
const { database, db } = await import('@toandan/db/db');
await prepareDatabaseOrThrow({ seed: 'never' });
if (demoAt) {
  const { seedDemo } = await import('@toandan/db/seed');
  await seedDemo(db, new Date(demoAt));
}
await database.close();
process.exit(0);
