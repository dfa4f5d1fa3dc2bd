import type { PrismaClient } from '../generated/prisma/client.ts';

type Sql = Pick<PrismaClient, '$executeRawUnsafe' | '$queryRawUnsafe'>;

/**
 * SQL of the places of every unit, one row each (columns unit_id, from_day, until_day, chain):
 * its earlier places (UnitPlacement) and its row's, from `placedOn`, for units placed anew.
 */
const PLACES = `SELECT "unitId" AS unit_id, "fromDay" AS from_day, "untilDay" AS until_day, "ancestorIds" AS chain
                FROM "UnitPlacement"
                UNION ALL
                SELECT id, "placedOn", NULL::date, "ancestorIds" FROM "Unit" WHERE "placedOn" IS NOT NULL`;

/**
 * Recomputes every counter from the enrolments, each on the tree of its own day: it adds 1 to
 * its unit and to every ancestor the unit had on the enrolment's day (the place of that day,
 * UnitPlacement, else the row's), per campaign × scheme × Viet Nam day, and at every later
 * change of the unit's place, 1 from that day to the ancestors it joined and −1 to those it
 * left (CarriedCount: docs/design.md, "Counters and the tree's history"). Used to load the demo
 * in bulk and to prove that the counters kept by each submission, void and reorganisation equal
 * a recount. It runs where no other writer can (counterWrites, "Lock order").
 */
export async function rebuildCounters(sql: Sql, campaignId: string): Promise<void> {
  await sql.$executeRawUnsafe(`DELETE FROM "DailyCount" WHERE "campaignId" = $1`, campaignId);
  await sql.$executeRawUnsafe(`DELETE FROM "CarriedCount" WHERE "campaignId" = $1`, campaignId);
  await sql.$executeRawUnsafe(`DELETE FROM "OfficerCount" WHERE "campaignId" = $1`, campaignId);
  await sql.$executeRawUnsafe(
    `WITH places AS (${PLACES}), ${counterWrites({
      daily: `SELECT e."campaignId", a.unit_id AS "unitId", e.scheme, e.day, 0 AS slot,
                     (e.kind = 'NEW')::int AS "count", (e.kind = 'RENEWAL')::int AS "renewed"
              FROM "Enrolment" e
              JOIN "Unit" u ON u.id = e."unitId"
              CROSS JOIN LATERAL (
                SELECT COALESCE(
                  (SELECT p.chain FROM places p
                   WHERE p.unit_id = e."unitId" AND p.until_day IS NOT NULL
                     AND (p.from_day IS NULL OR p.from_day <= e.day) AND p.until_day > e.day LIMIT 1),
                  u."ancestorIds") || u.id AS chain
              ) c
              CROSS JOIN LATERAL unnest(c.chain) AS a(unit_id)
              WHERE e."campaignId" = $1 AND e."voidedAt" IS NULL`,
      carried: `SELECT e."campaignId", x.unit_id AS "unitId", e.scheme, q.from_day AS "fromDay",
                       CASE WHEN e.kind = 'NEW' THEN x.n ELSE 0 END AS "count",
                       CASE WHEN e.kind = 'RENEWAL' THEN x.n ELSE 0 END AS "renewed"
                FROM "Enrolment" e
                JOIN places q ON q.unit_id = e."unitId" AND q.from_day > e.day
                JOIN places p ON p.unit_id = e."unitId" AND p.until_day = q.from_day
                CROSS JOIN LATERAL (
                  SELECT a, 1 FROM unnest(q.chain) AS a WHERE a <> ALL(p.chain)
                  UNION ALL
                  SELECT a, -1 FROM unnest(p.chain) AS a WHERE a <> ALL(q.chain)
                ) AS x(unit_id, n)
                WHERE e."campaignId" = $1 AND e."voidedAt" IS NULL`,
      officers: `SELECT "campaignId", "officerId", scheme, (kind = 'NEW')::int AS "count",
                        (kind = 'RENEWAL')::int AS "renewed"
                 FROM "Enrolment" WHERE "campaignId" = $1 AND "voidedAt" IS NULL`,
    })}
     SELECT 1`,
    campaignId,
  );
  await sql.$executeRawUnsafe(
    `DELETE FROM "CarriedCount" WHERE "campaignId" = $1 AND "count" = 0 AND "renewed" = 0`,
    campaignId,
  );
}

export interface CarriedRow {
  unitId: number;
  scheme: string;
  fromDay: string;
  count: number;
  renewed: number;
}

/** The opening balances of a campaign as they stand, nonzero only: for checks and tests. */
export async function readCarried(sql: Sql, campaignId: string): Promise<CarriedRow[]> {
  const rows = await sql.$queryRawUnsafe<CarriedRow[]>(
    `SELECT "unitId", "scheme"::text AS scheme, to_char("fromDay", 'YYYY-MM-DD') AS "fromDay", "count", "renewed"
     FROM "CarriedCount" WHERE "campaignId" = $1 AND ("count" <> 0 OR "renewed" <> 0) ORDER BY 1, 2, 3`,
    campaignId,
  );
  return rows.map((row) => ({ ...row, count: Number(row.count), renewed: Number(row.renewed) }));
}

export interface CounterRow {
  unitId: number;
  scheme: string;
  day: string;
  /** NEW enrolments. */
  count: number;
  /** RENEWAL enrolments. */
  renewed: number;
}

/** The counters of a campaign as they stand, slots summed: for checks and tests. */
export async function readCounters(sql: Sql, campaignId: string): Promise<CounterRow[]> {
  const rows = await sql.$queryRawUnsafe<CounterRow[]>(
    `SELECT "unitId", "scheme"::text AS scheme, to_char("day", 'YYYY-MM-DD') AS day, sum("count")::int AS count,
            sum("renewed")::int AS renewed
     FROM "DailyCount" WHERE "campaignId" = $1
     GROUP BY 1, 2, 3 HAVING sum("count") <> 0 OR sum("renewed") <> 0 ORDER BY 1, 2, 3`,
    campaignId,
  );
  return rows.map((row) => ({ ...row, count: Number(row.count), renewed: Number(row.renewed) }));
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
 * "unitId", scheme, day, slot, "count" (the NEW enrolments it adds; negative takes away) and
 * "renewed" (the RENEWAL ones: a second count on the same row); `officers` one of
 * the changes to officers' counts, with "campaignId", "officerId" (rows without one are left
 * out), scheme, "count" (NEW, what a quota counts) and "renewed" (RENEWAL, shown beside it). The
 * changes to one counter row are summed into one update.
 *
 * Lock order. A writer holds each counter row it changed until it commits, so two writers that
 * take rows in different orders can each wait for a row the other holds, and PostgreSQL then
 * aborts one ("deadlock detected"). Every writer therefore takes its rows here, and here only,
 * in one total order of their keys: the day counters by ("campaignId", "unitId", scheme, day,
 * slot), then the opening balances by ("campaignId", "unitId", scheme, "fromDay") (`carried`:
 * what an enrolment dated before its unit's latest change carries across it, with the columns
 * "campaignId", "unitId", scheme, "fromDay", "count" and "renewed"), then the cover ends by
 * ("unitId", scheme, "endsOn", slot) (`coverEnds`: "unitId", the cover's own unit, which is
 * counted with every ancestor it has on "endsOn" as DailyCount is on the enrolment's day, unless
 * `alone`, a row already spread over the ancestors (a reorganisation's); scheme; "endsOn", the
 * last day covered; "count"; and alone), then the officers' counts by
 * ("campaignId", "officerId", scheme) (each reads the one before to the end before it starts). The order is of the keys alone, never of a
 * unit's place in the tree: root first agreed with unit ids only while ids grew with depth, and
 * a merge moves units under a successor created after them (test/counterLockOrder.test.ts).
 * Nothing else in a writer's transaction waits while it holds counter rows: a void locks its
 * enrolment before its counters, and a submission of the same person, which waits on that
 * enrolment, holds none yet (a batch writes its enrolments before their counts). The exception
 * is a rebuild, whose deletes take a campaign's rows in whatever order they find them: the seed
 * and the tests rebuild with no writer running. A reorganisation writes counters only while it
 * holds the tree's lock exclusively, so no other writer holds any (units/reorganise.ts).
 */
export function counterWrites(changes: {
  daily: string;
  carried?: string;
  coverEnds?: string;
  officers: string;
}): string {
  return `counted AS (
       INSERT INTO "DailyCount" ("campaignId", "unitId", "scheme", "day", "slot", "count", "renewed")
       SELECT "campaignId", "unitId", scheme, day, slot, sum("count")::int, sum("renewed")::int
       FROM (${changes.daily}) AS daily
       GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
       ON CONFLICT ("campaignId", "unitId", "scheme", "day", "slot")
       DO UPDATE SET "count" = "DailyCount"."count" + EXCLUDED."count",
                     "renewed" = "DailyCount"."renewed" + EXCLUDED."renewed"
       RETURNING 1
     ), carried_counted AS (
       INSERT INTO "CarriedCount" ("campaignId", "unitId", "scheme", "fromDay", "count", "renewed")
       SELECT "campaignId", "unitId", scheme, "fromDay", sum("count")::int, sum("renewed")::int FROM (${
         changes.carried ??
         `SELECT NULL::text AS "campaignId", NULL::int AS "unitId", NULL::"Scheme" AS scheme,
                 NULL::date AS "fromDay", 0 AS "count", 0 AS "renewed" WHERE false`
       }) AS carried
       WHERE (SELECT count(*) FROM counted) >= 0
       GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
       ON CONFLICT ("campaignId", "unitId", "scheme", "fromDay")
       DO UPDATE SET "count" = "CarriedCount"."count" + EXCLUDED."count",
                     "renewed" = "CarriedCount"."renewed" + EXCLUDED."renewed"
       RETURNING 1
     ), cover_ends_counted AS (
       INSERT INTO "CoverEndCount" ("unitId", "scheme", "endsOn", "slot", "count")
       SELECT "unitId", scheme, "endsOn", slot, sum("count")::int FROM (
         SELECT a.unit_id AS "unitId", e.scheme, e."endsOn",
                CASE WHEN NOT e.alone AND a.position <= 2 THEN floor(random() * ${COUNTER_SLOTS})::int ELSE 0 END AS slot,
                e."count"
         FROM (${
           changes.coverEnds ??
           `SELECT NULL::int AS "unitId", NULL::"Scheme" AS scheme, NULL::date AS "endsOn", 0 AS "count",
                   false AS alone WHERE false`
         }) AS e
         JOIN "Unit" u ON u.id = e."unitId"
         CROSS JOIN LATERAL unnest(CASE WHEN e.alone THEN ARRAY[u.id] ELSE COALESCE(
           (SELECT p."ancestorIds" FROM "UnitPlacement" p
            WHERE p."unitId" = u.id AND (p."fromDay" IS NULL OR p."fromDay" <= e."endsOn") AND p."untilDay" > e."endsOn"
            LIMIT 1),
           u."ancestorIds") || u.id END) WITH ORDINALITY AS a(unit_id, position)
         WHERE (SELECT count(*) FROM carried_counted) >= 0
       ) AS ends
       GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
       ON CONFLICT ("unitId", "scheme", "endsOn", "slot")
       DO UPDATE SET "count" = "CoverEndCount"."count" + EXCLUDED."count"
       RETURNING 1
     ), officer_counted AS (
       INSERT INTO "OfficerCount" ("campaignId", "officerId", "scheme", "count", "renewed")
       SELECT "campaignId", "officerId", scheme, sum("count")::int, sum("renewed")::int FROM (${changes.officers}) AS officers
       WHERE "officerId" IS NOT NULL AND (SELECT count(*) FROM cover_ends_counted) >= 0
       GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
       ON CONFLICT ("campaignId", "officerId", "scheme")
       DO UPDATE SET "count" = "OfficerCount"."count" + EXCLUDED."count",
                     "renewed" = "OfficerCount"."renewed" + EXCLUDED."renewed"
     )`;
}

export interface CounterChange {
  campaignId: string;
  /** The enrolment's unit and every ancestor, root first, with their depths. */
  units: { id: number; depth: number }[];
  scheme: string;
  day: Date;
  /** NEW counts in `count`, RENEWAL in `renewed`. */
  kind: 'NEW' | 'RENEWAL';
  officerId: number | null;
  /** +1 for an enrolment, −1 for a void. */
  delta: 1 | -1;
  /**
   * For a day before the unit's latest change of place: what it carries across each change
   * (+1 to the ancestors joined, −1 to those left, from the change's day), times `delta`.
   */
  carried?: { unitId: number; fromDay: string; count: number }[];
  /** What the change moves of the covers' ends (coverEndChanges). */
  coverEnds?: CoverEndChange[];
}

/**
 * Adds `delta` to the day's counter of the unit and of every ancestor (the chain of the day),
 * to the opening balances it carries, and to the officer's count.
 */
export async function addToCounters(sql: Sql, change: CounterChange): Promise<void> {
  await sql.$executeRawUnsafe(
    `WITH change AS (
       SELECT $1::text AS "campaignId", $2::"Scheme" AS scheme, $3::date AS day, $4::int AS "officerId", $7::int AS "count",
              $11::boolean AS renewal
     ), ${counterWrites({
       daily: `SELECT c."campaignId", t.unit_id AS "unitId", c.scheme, c.day, t.slot,
                      CASE WHEN c.renewal THEN 0 ELSE c."count" END AS "count",
                      CASE WHEN c.renewal THEN c."count" ELSE 0 END AS "renewed"
               FROM change c, unnest($5::int[], $6::int[]) AS t(unit_id, slot)`,
       carried: `SELECT c."campaignId", k.unit_id AS "unitId", c.scheme, k.from_day AS "fromDay",
                        CASE WHEN c.renewal THEN 0 ELSE k.n * c."count" END AS "count",
                        CASE WHEN c.renewal THEN k.n * c."count" ELSE 0 END AS "renewed"
                 FROM change c, unnest($8::int[], $9::date[], $10::int[]) AS k(unit_id, from_day, n)`,
       coverEnds: COVER_END_ROWS(12),
       officers: `SELECT "campaignId", "officerId", scheme, CASE WHEN renewal THEN 0 ELSE "count" END AS "count",
                         CASE WHEN renewal THEN "count" ELSE 0 END AS "renewed" FROM change`,
     })}
     SELECT 1`,
    change.campaignId,
    change.scheme,
    change.day.toISOString().slice(0, 10),
    change.officerId,
    change.units.map((unit) => unit.id),
    counterSlots(change.units),
    change.delta,
    (change.carried ?? []).map((row) => row.unitId),
    (change.carried ?? []).map((row) => row.fromDay),
    (change.carried ?? []).map((row) => row.count),
    change.kind === 'RENEWAL',
    ...coverEndParameters(change.coverEnds ?? []),
  );
}

/**
 * A change of the covers that end on a day without renewal: `delta` (+1, −1) to the cover's unit
 * and to every ancestor it has on `endsOn`, the last day covered.
 */
export interface CoverEndChange {
  unitId: number;
  scheme: string;
  /** YYYY-MM-DD, a Viet Nam day. */
  endsOn: string;
  delta: number;
}

/** The coverEnds query of counterWrites over four array parameters from `first` on. */
const COVER_END_ROWS = (first: number) =>
  `SELECT u AS "unitId", s::"Scheme" AS scheme, d AS "endsOn", n AS "count", false AS alone
   FROM unnest($${first}::int[], $${first + 1}::text[], $${first + 2}::date[], $${first + 3}::int[]) AS t(u, s, d, n)`;

const coverEndParameters = (rows: CoverEndChange[]) => [
  rows.map((row) => row.unitId),
  rows.map((row) => row.scheme),
  rows.map((row) => row.endsOn),
  rows.map((row) => row.delta),
];

/** The tree's advisory lock (migration reorganisation, toandan_tree_guard). */
const TREE_LOCK = 7315000019;

/**
 * The one entry for covers written outside an enrolment (importCoverage's BHXH list, and any
 * later source): adds each row's delta to the cover ends of its unit and ancestors, through
 * counterWrites, so in the one lock order. Call it inside the transaction that writes the
 * covers, so that they and their counts commit together. It first takes the tree's lock shared
 * in a statement of its own, so the chains it reads in the next are those of the tree in force
 * (a reorganisation holds it exclusively while it moves the cover ends). A cover's rows are
 * +1 at its end when written, and when a renewal extends it −1 at its end and +1 at the
 * renewal's (a renewal written by submitEnrolment does that part itself).
 */
export async function addToCoverEnds(sql: Sql, rows: CoverEndChange[]): Promise<void> {
  if (rows.length === 0) return;
  await sql.$queryRawUnsafe(`SELECT pg_advisory_xact_lock_shared(${TREE_LOCK})::text`);
  await sql.$executeRawUnsafe(
    `WITH ${counterWrites({
      daily: NO_DAILY,
      coverEnds: COVER_END_ROWS(1),
      officers: NO_OFFICERS,
    })} SELECT 1`,
    ...coverEndParameters(rows),
  );
}

const NO_DAILY = `SELECT NULL::text AS "campaignId", NULL::int AS "unitId", NULL::"Scheme" AS scheme, NULL::date AS day,
                         0 AS slot, 0 AS "count", 0 AS "renewed" WHERE false`;
const NO_OFFICERS = `SELECT NULL::text AS "campaignId", NULL::int AS "officerId", NULL::"Scheme" AS scheme, 0 AS "count",
                             0 AS "renewed" WHERE false`;

/**
 * The covers that still end unrenewed, recounted from the enrolments and the imported covers
 * (ImportedCover): each counted cover that no counted renewal extends, +1 at its end on the
 * chain its unit has on that day. Not by campaign. An imported cover erased after its retention
 * period leaves its end counted, as history, which a recount no longer finds.
 * Runs, as rebuildCounters, where no other writer can (the seed, the tests).
 */
export async function rebuildCoverEnds(sql: Sql): Promise<void> {
  await sql.$executeRawUnsafe(`DELETE FROM "CoverEndCount"`);
  await sql.$executeRawUnsafe(
    `WITH ${counterWrites({
      daily: NO_DAILY,
      // As the writers count: +1 at each counted cover's end, −1 at the end of each cover a
      // counted renewal extends (joined by its primary key: an anti-join of the table with itself
      // was planned as a nested loop where statistics are missing, PGlite after a bulk load),
      // summed per unit × scheme × day before the chains are looked up.
      coverEnds: `SELECT "unitId", scheme, "endsOn", sum(n)::int AS "count", false AS alone FROM (
                    SELECT e."unitId", e.scheme, e."coverageUntil" AS "endsOn", 1 AS n
                    FROM "Enrolment" e WHERE e."voidedAt" IS NULL
                    UNION ALL
                    SELECT e."unitId", e.scheme, e."coverageUntil", -1
                    FROM "Enrolment" r JOIN "Enrolment" e ON e.id = r."renewsId"
                    WHERE r."voidedAt" IS NULL AND e."voidedAt" IS NULL
                    UNION ALL
                    -- BHXH's list of cover (importCoverage), renewed as enrolments are.
                    SELECT c."unitId", c.scheme, c."coverageUntil", 1 FROM "ImportedCover" c
                    UNION ALL
                    SELECT c."unitId", c.scheme, c."coverageUntil", -1
                    FROM "Enrolment" r JOIN "ImportedCover" c ON c.id = r."renewsCoverageId"
                    WHERE r."voidedAt" IS NULL
                  ) AS covers GROUP BY 1, 2, 3`,
      officers: NO_OFFICERS,
    })} SELECT 1`,
  );
}

export interface CoverEndRow {
  unitId: number;
  scheme: string;
  endsOn: string;
  count: number;
}

/** The cover ends as they stand, slots summed, nonzero only: for checks and tests. */
export async function readCoverEnds(sql: Sql): Promise<CoverEndRow[]> {
  const rows = await sql.$queryRawUnsafe<CoverEndRow[]>(
    `SELECT "unitId", "scheme"::text AS scheme, to_char("endsOn", 'YYYY-MM-DD') AS "endsOn", sum("count")::int AS count
     FROM "CoverEndCount" GROUP BY 1, 2, 3 HAVING sum("count") <> 0 ORDER BY 1, 2, 3`,
  );
  return rows.map((row) => ({ ...row, count: Number(row.count) }));
}
