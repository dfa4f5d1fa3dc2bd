-- AlterTable
ALTER TABLE "CarriedCount" ADD COLUMN     "renewed" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "DailyCount" ADD COLUMN     "renewed" INTEGER NOT NULL DEFAULT 0;

-- `count` holds NEW enrolments only from here (API.md, "Renewals": today and cumulative count
-- new participants); the renewals counted so far move to `renewed`, on the chain of their day
-- and across the later changes of their unit's place, as rebuildCounters counts them
-- (prisma/src/counters.ts), into slot 0 (readers sum the slots).
WITH places AS (
  SELECT "unitId" AS unit_id, "fromDay" AS from_day, "untilDay" AS until_day, "ancestorIds" AS chain FROM "UnitPlacement"
  UNION ALL
  SELECT id, "placedOn", NULL::date, "ancestorIds" FROM "Unit" WHERE "placedOn" IS NOT NULL
), moved AS (
  SELECT e."campaignId", a.unit_id AS "unitId", e.scheme, e.day, count(*)::int AS n
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
  WHERE e.kind = 'RENEWAL' AND e."voidedAt" IS NULL
  GROUP BY 1, 2, 3, 4
)
INSERT INTO "DailyCount" ("campaignId", "unitId", "scheme", "day", "slot", "count", "renewed")
SELECT "campaignId", "unitId", scheme, day, 0, -n, n FROM moved
ON CONFLICT ("campaignId", "unitId", "scheme", "day", "slot")
DO UPDATE SET "count" = "DailyCount"."count" + EXCLUDED."count", "renewed" = "DailyCount"."renewed" + EXCLUDED."renewed";

WITH places AS (
  SELECT "unitId" AS unit_id, "fromDay" AS from_day, "untilDay" AS until_day, "ancestorIds" AS chain FROM "UnitPlacement"
  UNION ALL
  SELECT id, "placedOn", NULL::date, "ancestorIds" FROM "Unit" WHERE "placedOn" IS NOT NULL
), moved AS (
  SELECT e."campaignId", x.unit_id AS "unitId", e.scheme, q.from_day AS "fromDay", sum(x.n)::int AS n
  FROM "Enrolment" e
  JOIN places q ON q.unit_id = e."unitId" AND q.from_day > e.day
  JOIN places p ON p.unit_id = e."unitId" AND p.until_day = q.from_day
  CROSS JOIN LATERAL (
    SELECT a, 1 FROM unnest(q.chain) AS a WHERE a <> ALL(p.chain)
    UNION ALL
    SELECT a, -1 FROM unnest(p.chain) AS a WHERE a <> ALL(q.chain)
  ) AS x(unit_id, n)
  WHERE e.kind = 'RENEWAL' AND e."voidedAt" IS NULL
  GROUP BY 1, 2, 3, 4
)
INSERT INTO "CarriedCount" ("campaignId", "unitId", "scheme", "fromDay", "count", "renewed")
SELECT "campaignId", "unitId", scheme, "fromDay", -n, n FROM moved
ON CONFLICT ("campaignId", "unitId", "scheme", "fromDay")
DO UPDATE SET "count" = "CarriedCount"."count" + EXCLUDED."count", "renewed" = "CarriedCount"."renewed" + EXCLUDED."renewed";

-- The reorganisation's numbering, each tally with its renewals appended ([c, u, s, d, today,
-- cumulative, renewedToday, renewed]: the first six as before, for instances of the previous
-- release while they are replaced).
CREATE OR REPLACE FUNCTION "toandan_number_board_updates"(
  "lockKeys" bigint[],
  "boardCampaigns" text[],
  "boardUnits" int[],
  "tallyCampaigns" text[],
  "tallyUnits" int[],
  "tallySchemes" "Scheme"[],
  "tallyDays" date[]
) RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  numbered jsonb;
  tallies jsonb;
  lowest int;
BEGIN
  PERFORM pg_advisory_xact_lock(k) FROM unnest("lockKeys") WITH ORDINALITY AS t(k, i) ORDER BY i;
  SELECT COALESCE(max("floor"), 0) INTO lowest FROM "LiveSequenceFloor";
  WITH next AS (
    INSERT INTO "BoardSequence" ("campaignId", "unitId", "sequence")
    SELECT c, u, lowest + 1 FROM unnest("boardCampaigns", "boardUnits") AS t(c, u)
    ON CONFLICT ("campaignId", "unitId") DO UPDATE SET "sequence" = GREATEST("BoardSequence"."sequence", lowest) + 1
    RETURNING "campaignId", "unitId", "sequence"
  )
  SELECT COALESCE(jsonb_agg(jsonb_build_array("campaignId", "unitId", "sequence")), '[]') INTO numbered FROM next;
  SELECT COALESCE(jsonb_agg(jsonb_build_array(v.c, v.u, v.s, to_char(v.d, 'YYYY-MM-DD'), v.today, v.cumulative,
                                              v.renewed_today, v.renewed)), '[]')
  INTO tallies
  FROM (
    SELECT t.c, t.u, t.s, t.d,
           COALESCE(sum(dc."count") FILTER (WHERE dc."day" = t.d), 0)::int AS today,
           (COALESCE(sum(dc."count"), 0) + COALESCE(max(cc.n), 0))::int AS cumulative,
           COALESCE(sum(dc."renewed") FILTER (WHERE dc."day" = t.d), 0)::int AS renewed_today,
           (COALESCE(sum(dc."renewed"), 0) + COALESCE(max(cc.r), 0))::int AS renewed
    FROM unnest("tallyCampaigns", "tallyUnits", "tallySchemes", "tallyDays") AS t(c, u, s, d)
    LEFT JOIN "DailyCount" dc
      ON dc."campaignId" = t.c AND dc."unitId" = t.u AND dc."scheme" = t.s AND dc."day" <= t.d
    LEFT JOIN LATERAL (
      SELECT sum(x."count") AS n, sum(x."renewed") AS r FROM "CarriedCount" x
      WHERE x."campaignId" = t.c AND x."unitId" = t.u AND x."scheme" = t.s AND x."fromDay" <= t.d
    ) cc ON true
    GROUP BY t.c, t.u, t.s, t.d
  ) v;
  RETURN jsonb_build_object('sequences', numbered, 'tallies', tallies);
END
$$;

-- The board read, with renewals: [unit, scheme, today, before, renewedToday, renewedBefore].
CREATE OR REPLACE FUNCTION "toandan_board_counts"(
  "lockKey" bigint,
  "campaign" text,
  "boardUnit" int,
  "unitIds" int[],
  "boardDay" date
) RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  current int;
  lowest int;
  counts jsonb;
BEGIN
  PERFORM pg_advisory_xact_lock_shared("lockKey");
  SELECT "sequence" INTO current FROM "BoardSequence" WHERE "campaignId" = "campaign" AND "unitId" = "boardUnit";
  SELECT COALESCE(max("floor"), 0) INTO lowest FROM "LiveSequenceFloor";
  SELECT COALESCE(jsonb_agg(jsonb_build_array(c."unitId", c."scheme", c.today, c.before, c.renewed_today,
                                              c.renewed_before)), '[]') INTO counts
  FROM (
    SELECT "unitId", "scheme", sum(today)::int AS today, sum(before)::int AS before,
           sum(renewed_today)::int AS renewed_today, sum(renewed_before)::int AS renewed_before FROM (
      SELECT "unitId", "scheme",
             COALESCE(sum("count") FILTER (WHERE "day" = "boardDay"), 0) AS today,
             COALESCE(sum("count") FILTER (WHERE "day" < "boardDay"), 0) AS before,
             COALESCE(sum("renewed") FILTER (WHERE "day" = "boardDay"), 0) AS renewed_today,
             COALESCE(sum("renewed") FILTER (WHERE "day" < "boardDay"), 0) AS renewed_before
      FROM "DailyCount"
      WHERE "campaignId" = "campaign" AND "unitId" = ANY("unitIds") AND "day" <= "boardDay"
      GROUP BY 1, 2
      UNION ALL
      SELECT "unitId", "scheme", 0, sum("count"), 0, sum("renewed")
      FROM "CarriedCount"
      WHERE "campaignId" = "campaign" AND "unitId" = ANY("unitIds") AND "fromDay" <= "boardDay"
      GROUP BY 1, 2
    ) x
    GROUP BY 1, 2
  ) c;
  RETURN jsonb_build_object('sequence', GREATEST(COALESCE(current, 0), lowest), 'counts', counts);
END
$$;
