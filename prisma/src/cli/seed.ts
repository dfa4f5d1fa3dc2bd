import { runCli } from './run.ts';

await runCli(async () => {
  const { database } = await import('../db.ts');
  const { prepareDatabaseOrThrow, describeCurrentDatabase } = await import('../prepare.ts');
  try {
    const started = performance.now();
    const { seeded } = await prepareDatabaseOrThrow({ seed: 'always' });
    if (!seeded) {
      console.log(`the demo dataset is already in ${describeCurrentDatabase()}: nothing added`);
      return;
    }
    console.log(
      `loaded the demo dataset into ${describeCurrentDatabase()} in ${Math.round(performance.now() - started)} ms: ` +
        `${seeded.units} units, ${seeded.officers} officers, ${seeded.enrolments} enrolments`,
    );
    for (const campaign of seeded.campaigns) {
      console.log(`  ${campaign.id}  ${campaign.startsOn} – ${campaign.endsOn}  ${campaign.name}`);
    }
  } finally {
    await database.close();
  }
});
