// @testDatabase none
// (starts from a database no migration has touched: test/setup/templateNames.ts)
import { database } from '@toandan/db/db';
import { applyMigrations, databaseDrift, schemaDrift } from '@toandan/db/migrations';
import { afterAll, describe, expect, it } from 'vitest';

afterAll(() => database.close());

describe('migrations', () => {
  it('build exactly schema.prisma on an empty database, and apply once', async () => {
    await database.pingOrThrow();
    // The check below is not vacuous: an empty database differs from the schema.
    expect(await databaseDrift(database.migrationAdapter)).toContain('CREATE TABLE "Enrolment"');

    const applied = await applyMigrations(database.migrationAdapter);
    expect(applied.length).toBeGreaterThan(0);
    expect(await databaseDrift(database.migrationAdapter)).toBe('');
    expect(await applyMigrations(database.migrationAdapter)).toEqual([]);
  });

  it('match schema.prisma when replayed in a shadow database (no migration is missing)', async () => {
    expect(await schemaDrift(database.migrationAdapter)).toBe('');
  });
});
