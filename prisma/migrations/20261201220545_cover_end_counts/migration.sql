-- CreateTable
CREATE TABLE "CoverEndCount" (
    "unitId" INTEGER NOT NULL,
    "scheme" "Scheme" NOT NULL,
    "endsOn" DATE NOT NULL,
    "slot" SMALLINT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "CoverEndCount_pkey" PRIMARY KEY ("unitId","scheme","endsOn","slot")
);

-- The covers counted so far, each on the chain its unit has on the day it ends, less those a
-- counted renewal extends (prisma/src/counters.ts, rebuildCoverEnds: the same rule).
INSERT INTO "CoverEndCount" ("unitId", "scheme", "endsOn", "slot", "count")
SELECT a.unit_id, c.scheme, c."endsOn", 0, sum(c.n)::int
FROM (
  SELECT e."unitId", e.scheme, e."coverageUntil" AS "endsOn", count(*) AS n
  FROM "Enrolment" e WHERE e."voidedAt" IS NULL GROUP BY 1, 2, 3
  UNION ALL
  SELECT e."unitId", e.scheme, e."coverageUntil", -count(*)
  FROM "Enrolment" r JOIN "Enrolment" e ON e.id = r."renewsId"
  WHERE r."voidedAt" IS NULL AND e."voidedAt" IS NULL GROUP BY 1, 2, 3
) c
JOIN "Unit" u ON u.id = c."unitId"
CROSS JOIN LATERAL unnest(COALESCE(
  (SELECT p."ancestorIds" FROM "UnitPlacement" p
   WHERE p."unitId" = u.id AND (p."fromDay" IS NULL OR p."fromDay" <= c."endsOn") AND p."untilDay" > c."endsOn"
   LIMIT 1),
  u."ancestorIds") || u.id) AS a(unit_id)
GROUP BY 1, 2, 3
HAVING sum(c.n) <> 0;

-- A tally's due and lapsed on `day` of a campaign that starts on `starts`, for `unit`'s subtree:
-- covers ending from `day` to 30 days after it (API.md: due within 30 days), and covers whose
-- first uncovered day fell from the campaign's first day to `day` (a cover to 28 February has
-- lapsed on 1 March).
CREATE FUNCTION "toandan_cover_ends"("unit" int, "tallyScheme" "Scheme", "day" date, "starts" date)
RETURNS int[]
LANGUAGE sql STABLE AS $$
  SELECT ARRAY[
    COALESCE(sum("count") FILTER (WHERE "endsOn" >= "day"), 0)::int,
    COALESCE(sum("count") FILTER (WHERE "endsOn" < "day"), 0)::int]
  FROM "CoverEndCount"
  WHERE "unitId" = "unit" AND "scheme" = "tallyScheme" AND "endsOn" >= "starts" - 1 AND "endsOn" <= "day" + 30
$$;

-- The reorganisation's numbering, each tally with its renewals, due and lapsed appended ([c, u,
-- s, d, today, cumulative, renewedToday, renewed, dueForRenewal, lapsed]: the first six as
-- before, for instances of the previous release while they are replaced).
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
                                              v.renewed_today, v.renewed, v.ends[1], v.ends[2])), '[]')
  INTO tallies
  FROM (
    SELECT t.c, t.u, t.s, t.d,
           COALESCE(sum(dc."count") FILTER (WHERE dc."day" = t.d), 0)::int AS today,
           (COALESCE(sum(dc."count"), 0) + COALESCE(max(cc.n), 0))::int AS cumulative,
           COALESCE(sum(dc."renewed") FILTER (WHERE dc."day" = t.d), 0)::int AS renewed_today,
           (COALESCE(sum(dc."renewed"), 0) + COALESCE(max(cc.r), 0))::int AS renewed,
           "toandan_cover_ends"(t.u, t.s, t.d, (SELECT "startsOn" FROM "Campaign" WHERE id = t.c)) AS ends
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

-- The board read, with renewals, due and lapsed: [unit, scheme, today, before, renewedToday,
-- renewedBefore, dueForRenewal, lapsed] for each of the board's units × the campaign's schemes.
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
  starts date;
BEGIN
  PERFORM pg_advisory_xact_lock_shared("lockKey");
  SELECT "sequence" INTO current FROM "BoardSequence" WHERE "campaignId" = "campaign" AND "unitId" = "boardUnit";
  SELECT COALESCE(max("floor"), 0) INTO lowest FROM "LiveSequenceFloor";
  SELECT "startsOn" INTO starts FROM "Campaign" WHERE id = "campaign";
  SELECT COALESCE(jsonb_agg(jsonb_build_array(c."unitId", c."scheme", c.today, c.before, c.renewed_today,
                                              c.renewed_before, c.due, c.lapsed)), '[]') INTO counts
  FROM (
    SELECT "unitId", "scheme", sum(today)::int AS today, sum(before)::int AS before,
           sum(renewed_today)::int AS renewed_today, sum(renewed_before)::int AS renewed_before,
           sum(due)::int AS due, sum(lapsed)::int AS lapsed FROM (
      SELECT "unitId", "scheme",
             COALESCE(sum("count") FILTER (WHERE "day" = "boardDay"), 0) AS today,
             COALESCE(sum("count") FILTER (WHERE "day" < "boardDay"), 0) AS before,
             COALESCE(sum("renewed") FILTER (WHERE "day" = "boardDay"), 0) AS renewed_today,
             COALESCE(sum("renewed") FILTER (WHERE "day" < "boardDay"), 0) AS renewed_before,
             0 AS due, 0 AS lapsed
      FROM "DailyCount"
      WHERE "campaignId" = "campaign" AND "unitId" = ANY("unitIds") AND "day" <= "boardDay"
      GROUP BY 1, 2
      UNION ALL
      SELECT "unitId", "scheme", 0, sum("count"), 0, sum("renewed"), 0, 0
      FROM "CarriedCount"
      WHERE "campaignId" = "campaign" AND "unitId" = ANY("unitIds") AND "fromDay" <= "boardDay"
      GROUP BY 1, 2
      UNION ALL
      SELECT "unitId", "scheme", 0, 0, 0, 0,
             COALESCE(sum("count") FILTER (WHERE "endsOn" >= "boardDay"), 0),
             COALESCE(sum("count") FILTER (WHERE "endsOn" < "boardDay"), 0)
      FROM "CoverEndCount"
      WHERE "unitId" = ANY("unitIds") AND "endsOn" >= starts - 1 AND "endsOn" <= "boardDay" + 30
      GROUP BY 1, 2
    ) x
    GROUP BY 1, 2
  ) c;
  RETURN jsonb_build_object('sequence', GREATEST(COALESCE(current, 0), lowest), 'counts', counts);
END
$$;
