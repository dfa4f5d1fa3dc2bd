import { describeDatabase } from './config.ts';
import { database, db } from './db.ts';
import { keyCovers } from './keyCovers.ts';
import { applyMigrations, migrationsPending } from './migrations.ts';
import { sealPersonalData } from './sealPersonalData.ts';
import { type SeedSummary, seedDemo } from './seed.ts';

export interface Prepared {
  applied: string[];
  /** Enrolments stored before personal data was sealed at rest, sealed now. */
  sealed: number;
  seeded: SeedSummary | null;
}

/**
 * What `pnpm start` does before it serves: checks that the database answers, applies pending
 * migrations, seals personal data stored before it was sealed at rest, keys the covers stored
 * before cover periods (keyCovers.ts) and, on the embedded
 * database only, loads the demo dataset on first start.
 */
export async function prepareDatabaseOrThrow(options: {
  seed: 'embedded' | 'always' | 'never';
}): Promise<Prepared> {
  await database.pingOrThrow();
  const applied = (await migrationsPending(database)) ? await applyMigrations(database.migrationAdapter) : [];
  const sealed = await sealPersonalData(db);
  await keyCovers(db);
  const wantSeed =
    options.seed === 'always' || (options.seed === 'embedded' && database.config.kind === 'pglite');
  const seeded = wantSeed ? await seedDemo(db) : null;
  return { applied, sealed, seeded };
}

export function describeCurrentDatabase(): string {
  return describeDatabase(database.config);
}
