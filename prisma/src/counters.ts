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

/** Hot counters (the nation's and provinces') are spread over this many rows. */
export const COUNTER_SLOTS = 4;

/**
 * The slot of each unit's counter row for one change: a random one of COUNTER_SLOTS for the
 * nation's and provinces' rows, which every submission in the country touches, so that
 * concurrent submissions queue less on one row lock; 0 below them.
 */
export function counterSlots(units: { depth: number }[]): number[] {
  return units.map((unit) => (unit.depth <= 1 ? Math.floor(Math.random() * COUNTER_SLOTS) : 0));
}

/**
 * Common-table expressions that add `delta` to the day counters of the units listed in
 * `unitIds` (the enrolment's unit and every ancestor, root first) and to the officer's count,
 * for each row of `source` (columns "campaignId", scheme, day, "officerId"). They go in the
 * WITH of the statement that writes the enrolment, so that the enrolment and its counts commit
 * together. Rows are touched root first in every statement, so concurrent submissions queue
 * instead of deadlocking.
 */
export function counterUpdates(
  source: string,
  params: { unitIds: string; slots: string; delta: string },
): string {
  return `counted AS (
       INSERT INTO "DailyCount" ("campaignId", "unitId", "scheme", "day", "slot", "count")
       SELECT s."campaignId", t.unit_id, s.scheme, s.day, t.slot, ${params.delta}
       FROM ${source} s, unnest(${params.unitIds}::int[], ${params.slots}::int[]) WITH ORDINALITY AS t(unit_id, slot, position)
       ORDER BY t.position
       ON CONFLICT ("campaignId", "unitId", "scheme", "day", "slot")
       DO UPDATE SET "count" = "DailyCount"."count" + EXCLUDED."count"
     ), officer_counted AS (
       INSERT INTO "OfficerCount" ("campaignId", "officerId", "scheme", "count")
       SELECT s."campaignId", s."officerId", s.scheme, ${params.delta} FROM ${source} s WHERE s."officerId" IS NOT NULL
       ON CONFLICT ("campaignId", "officerId", "scheme") DO UPDATE SET "count" = "OfficerCount"."count" + EXCLUDED."count"
     )`;
}

export interface CounterChange {
  campaignId: string;
  /** The enrolment's unit and every ancestor, root first, with their depths. */
  units: { id: number; depth: number }[];
  scheme: string;
  day: Date;
  officerId: number | null;
  /** +1 for an enrolment, −1 for a void. */
  delta: 1 | -1;
}

/** Adds `delta` to the day's counter of the unit and of every ancestor, and to the officer's. */
export async function addToCounters(sql: Sql, change: CounterChange): Promise<void> {
  await sql.$executeRawUnsafe(
    `WITH change AS (
       SELECT $1::text AS "campaignId", $2::"Scheme" AS scheme, $3::date AS day, $4::int AS "officerId"
     ), ${counterUpdates('change', { unitIds: '$5', slots: '$6', delta: '$7::int' })}
     SELECT 1`,
    change.campaignId,
    change.scheme,
    change.day.toISOString().slice(0, 10),
    change.officerId,
    change.units.map((unit) => unit.id),
    counterSlots(change.units),
    change.delta,
  );
}
