import type { PrismaClient } from '../generated/prisma/client.ts';
import { citizenKey, personKey } from './enrolmentKeys.ts';
import { personalData } from './personalData.ts';

const BATCH = 1000;

/**
 * Seals the citizen IDs and names stored before they were sealed at rest (migration
 * `security`), and turns those enrolments' person keys into keyed hashes (and gives them the
 * citizenKey of cover periods), a batch at a time.
 * Idempotent: it only touches what is still plain, so every start runs it. Returns how many
 * enrolments it sealed.
 */
export async function sealPersonalData(db: PrismaClient): Promise<number> {
  const sealing = personalData();
  let sealed = 0;
  for (;;) {
    const plain = await db.$queryRawUnsafe<
      {
        id: string;
        campaignId: string;
        scheme: string;
        citizenId: string;
        fullName: string;
        counted: boolean;
      }[]
    >(
      `SELECT id, "campaignId", scheme::text AS scheme, "citizenIdSealed" AS "citizenId", "fullNameSealed" AS "fullName",
              "personKey" IS NOT NULL AS counted
       FROM "Enrolment" WHERE "citizenIdSealed" NOT LIKE 'v1.%' LIMIT ${BATCH}`,
    );
    if (plain.length === 0) return sealed;
    await db.$executeRawUnsafe(
      `UPDATE "Enrolment" e SET "citizenIdSealed" = t.ci, "fullNameSealed" = t.fn, "personKey" = t.pk,
         "citizenKey" = t.ck
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS t(id, ci, fn, pk, ck)
       WHERE e.id = t.id`,
      plain.map((row) => row.id),
      plain.map((row) => sealing.seal(row.citizenId)),
      plain.map((row) => sealing.seal(row.fullName)),
      plain.map((row) => (row.counted ? personKey(row.campaignId, row.scheme, row.citizenId) : null)),
      plain.map((row) => citizenKey(row.scheme, row.citizenId)),
    );
    sealed += plain.length;
  }
}
