import type { PrismaClient } from '../generated/prisma/client.ts';
import { citizenKey } from './enrolmentKeys.ts';
import { personalData } from './personalData.ts';

const BATCH = 1000;

/**
 * Gives the enrolments stored before cover periods (migration `cover_periods`) their
 * `citizenKey`, the keyed hash that finds a person's covers in every campaign, a batch at a
 * time: SQL cannot compute it without PERSONAL_DATA_KEY. Idempotent, so every start runs it,
 * after sealPersonalData (it reads sealed IDs only). Returns how many rows it keyed.
 */
export async function keyCovers(db: PrismaClient): Promise<number> {
  const sealing = personalData();
  let keyed = 0;
  for (;;) {
    const rows = await db.$queryRawUnsafe<{ id: string; scheme: string; sealed: string }[]>(
      `SELECT id, scheme::text AS scheme, "citizenIdSealed" AS sealed
       FROM "Enrolment" WHERE "citizenKey" IS NULL AND "citizenIdSealed" LIKE 'v1.%' LIMIT ${BATCH}`,
    );
    if (rows.length === 0) return keyed;
    await db.$executeRawUnsafe(
      `UPDATE "Enrolment" e SET "citizenKey" = t.ck FROM unnest($1::text[], $2::text[]) AS t(id, ck) WHERE e.id = t.id`,
      rows.map((row) => row.id),
      rows.map((row) => citizenKey(row.scheme, sealing.open(row.sealed))),
    );
    keyed += rows.length;
  }
}
