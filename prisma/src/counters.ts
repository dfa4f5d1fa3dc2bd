import type { PrismaClient } from '../generated/prisma/client.ts';

type Sql = Pick<PrismaClient, '$executeRawUnsafe' | '$queryRawUnsafe'>;

/**
 * Recomputes every counter from the enrolments: each counted enrolment adds 1 to its unit and
 * to every ancestor, per campaign × scheme × Viet Nam day. Used to load the demo in bulk, to
 * place the history after a merge, and to prove that the counters kept by each submission equal
 * a recount. It runs where no other writer can (counterWrites, "Lock order").
 */
export async function rebuildCounters(sql: Sql, campaignId: string): Promise<void> {
  await sql.$executeRawUnsafe(`DELETE FROM "DailyCount" WHERE "campaignId" = $1`, campaignId);
  await sql.$executeRawUnsafe(`DELETE FROM "OfficerCount" WHERE "campaignId" = $1`, campaignId);
  await sql.$executeRawUnsafe(
    `WITH ${counterWrites({
      daily: `SELECT e."campaignId", a.unit_id AS "unitId", e.scheme, e.day, 0 AS slot, 1 AS "count"
              FROM "Enrolment" e
              JOIN "Unit" u ON u.id = e."unitId"
              CROSS JOIN LATERAL unnest(u."ancestorIds" || u.id) AS a(unit_id)
              WHERE e."campaignId" = $1 AND e."voidedAt" IS NULL`,
      officers: `SELECT "campaignId", "officerId", scheme, 1 AS "count" FROM "Enrolment"
                 WHERE "campaignId" = $1 AND "voidedAt" IS NULL`,
    })}
     SELECT 1`,
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
 * The one way counters are written: submissions (writeBatch.ts), voids (addToCounters) and
 * rebuilds (rebuildCounters) put these common-table expressions, `counted` and
 * `officer_counted`, in the WITH of their statement, so that what changes the counters commits
 * with them. `daily` is a query of the changes to day counters, with the columns "campaignId",
 * "unitId", scheme, day, slot and "count" (what it adds; negative takes away); `officers` one of
 * the changes to officers' counts, with "campaignId", "officerId" (rows without one are left
 * out), scheme and "count". The changes to one counter row are summed into one update.
 *
 * Lock order. A writer holds each counter row it changed until it commits, so two writers that
 * take rows in different orders can each wait for a row the other holds, and PostgreSQL then
 * aborts one ("deadlock detected"). Every writer therefore takes its rows here, and here only,
 * in one total order of their keys: the day counters by ("campaignId", "unitId", scheme, day,
 * slot), then the officers' counts by ("campaignId", "officerId", scheme) (`officer_counted`
 * reads `counted` to the end before it starts). The order is of the keys alone, never of a
 * unit's place in the tree: root first agreed with unit ids only while ids grew with depth, and
 * a merge moves units under a successor created after them (test/counterLockOrder.test.ts).
 * Nothing else in a writer's transaction waits while it holds counter rows: a void locks its
 * enrolment before its counters, and a submission of the same person, which waits on that
 * enrolment, holds none yet (a batch writes its enrolments before their counts). The exception
 * is a rebuild, whose deletes take a campaign's rows in whatever order they find them: mergeUnit
 * locks both tables first, which waits for the writers in flight and holds back the rest; the
 * seed and the tests rebuild with no writer running.
 */
export function counterWrites(changes: { daily: string; officers: string }): string {
  return `counted AS (
       INSERT INTO "DailyCount" ("campaignId", "unitId", "scheme", "day", "slot", "count")
       SELECT "campaignId", "unitId", scheme, day, slot, sum("count")::int FROM (${changes.daily}) AS daily
       GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
       ON CONFLICT ("campaignId", "unitId", "scheme", "day", "slot")
       DO UPDATE SET "count" = "DailyCount"."count" + EXCLUDED."count"
       RETURNING 1
     ), officer_counted AS (
       INSERT INTO "OfficerCount" ("campaignId", "officerId", "scheme", "count")
       SELECT "campaignId", "officerId", scheme, sum("count")::int FROM (${changes.officers}) AS officers
       WHERE "officerId" IS NOT NULL AND (SELECT count(*) FROM counted) >= 0
       GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
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
       SELECT $1::text AS "campaignId", $2::"Scheme" AS scheme, $3::date AS day, $4::int AS "officerId", $7::int AS "count"
     ), ${counterWrites({
       daily: `SELECT c."campaignId", t.unit_id AS "unitId", c.scheme, c.day, t.slot, c."count"
               FROM change c, unnest($5::int[], $6::int[]) AS t(unit_id, slot)`,
       officers: `SELECT "campaignId", "officerId", scheme, "count" FROM change`,
     })}
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
