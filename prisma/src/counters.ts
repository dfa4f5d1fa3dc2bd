import type { PrismaClient } from '../generated/prisma/client.ts';

type Sql = Pick<PrismaClient, '$executeRawUnsafe' | '$queryRawUnsafe'>;

/**
 * Recomputes every counter from the enrolments: each counted enrolment adds 1 to its unit and
 * to every ancestor, per campaign × scheme × Viet Nam day. Used to load the demo in bulk and
 * to prove that the counters kept by each submission equal a recount.
 */
export async function rebuildCounters(sql: Sql, campaignId: string): Promise<void> {
  await sql.$executeRawUnsafe(`DELETE FROM "DailyCount" WHERE "campaignId" = $1`, campaignId);
  await sql.$executeRawUnsafe(
    `INSERT INTO "DailyCount" ("campaignId", "unitId", "scheme", "day", "slot", "count")
     SELECT e."campaignId", a.unit_id, e."scheme", e."day", 0, count(*)::int
     FROM "Enrolment" e
     JOIN "Unit" u ON u.id = e."unitId"
     CROSS JOIN LATERAL unnest(u."ancestorIds" || u.id) AS a(unit_id)
     WHERE e."campaignId" = $1 AND e."voidedAt" IS NULL
     GROUP BY 1, 2, 3, 4`,
    campaignId,
  );
  await sql.$executeRawUnsafe(`DELETE FROM "OfficerCount" WHERE "campaignId" = $1`, campaignId);
  await sql.$executeRawUnsafe(
    `INSERT INTO "OfficerCount" ("campaignId", "officerId", "scheme", "count")
     SELECT "campaignId", "officerId", "scheme", count(*)::int
     FROM "Enrolment"
     WHERE "campaignId" = $1 AND "voidedAt" IS NULL AND "officerId" IS NOT NULL
     GROUP BY 1, 2, 3`,
    campaignId,
  );
}

export interface CounterRow {
  unitId: number;
  scheme: string;
  day: string;
  count: number;
}

/** The counters of a campaign as they stand, slots summed: for checks and tests. */
export async function readCounters(sql: Sql, campaignId: string): Promise<CounterRow[]> {
  const rows = await sql.$queryRawUnsafe<{ unitId: number; scheme: string; day: string; count: number }[]>(
    `SELECT "unitId", "scheme"::text AS scheme, to_char("day", 'YYYY-MM-DD') AS day, sum("count")::int AS count
     FROM "DailyCount" WHERE "campaignId" = $1
     GROUP BY 1, 2, 3 HAVING sum("count") <> 0 ORDER BY 1, 2, 3`,
    campaignId,
  );
  return rows.map((row) => ({ ...row, count: Number(row.count) }));
}
