-- The boards' covers due within 7 days (dueWithin7Days: the board's list of the units with the
-- most covers to call back this week), read from the same counters of covers by their last day
-- as due and lapsed: covers ending from the board day to 7 days after it, not renewed. Each
-- function appends it to what it returned, so instances of the previous release, which read
-- the elements before it, keep working while they are replaced.

-- A tally's due, lapsed and due within 7 days on `day` of a campaign that starts on `starts`,
-- for `unit`'s subtree: covers ending from `day` to 30 days after it (API.md: due within 30
-- days), covers whose first uncovered day fell from the campaign's first day to `day` (a cover
-- to 28 February has lapsed on 1 March), and covers ending from `day` to 7 days after it.
CREATE OR REPLACE FUNCTION "toandan_cover_ends"("unit" int, "tallyScheme" "Scheme", "day" date, "starts" date)
RETURNS int[]
LANGUAGE sql STABLE AS $$
  SELECT ARRAY[
    COALESCE(sum("count") FILTER (WHERE "endsOn" >= "day"), 0)::int,
    COALESCE(sum("count") FILTER (WHERE "endsOn" < "day"), 0)::int,
    COALESCE(sum("count") FILTER (WHERE "endsOn" >= "day" AND "endsOn" <= "day" + 7), 0)::int]
  FROM "CoverEndCount"
  WHERE "unitId" = "unit" AND "scheme" = "tallyScheme" AND "endsOn" >= "starts" - 1 AND "endsOn" <= "day" + 30
$$;

-- The numbering, each tally with its due within 7 days appended ([c, u, s, d, today, cumulative,
-- renewedToday, renewed, dueForRenewal, lapsed, dueWithin7Days]).
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
                                              v.renewed_today, v.renewed, v.ends[1], v.ends[2], v.ends[3])), '[]')
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

-- The board read, with due within 7 days appended: [unit, scheme, today, before, renewedToday,
-- renewedBefore, dueForRenewal, lapsed, dueWithin7Days] for each of the board's units × the
-- campaign's schemes.
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
                                              c.renewed_before, c.due, c.lapsed, c.due7)), '[]') INTO counts
  FROM (
    SELECT "unitId", "scheme", sum(today)::int AS today, sum(before)::int AS before,
           sum(renewed_today)::int AS renewed_today, sum(renewed_before)::int AS renewed_before,
           sum(due)::int AS due, sum(lapsed)::int AS lapsed, sum(due7)::int AS due7 FROM (
      SELECT "unitId", "scheme",
             COALESCE(sum("count") FILTER (WHERE "day" = "boardDay"), 0) AS today,
             COALESCE(sum("count") FILTER (WHERE "day" < "boardDay"), 0) AS before,
             COALESCE(sum("renewed") FILTER (WHERE "day" = "boardDay"), 0) AS renewed_today,
             COALESCE(sum("renewed") FILTER (WHERE "day" < "boardDay"), 0) AS renewed_before,
             0 AS due, 0 AS lapsed, 0 AS due7
      FROM "DailyCount"
      WHERE "campaignId" = "campaign" AND "unitId" = ANY("unitIds") AND "day" <= "boardDay"
      GROUP BY 1, 2
      UNION ALL
      SELECT "unitId", "scheme", 0, sum("count"), 0, sum("renewed"), 0, 0, 0
      FROM "CarriedCount"
      WHERE "campaignId" = "campaign" AND "unitId" = ANY("unitIds") AND "fromDay" <= "boardDay"
      GROUP BY 1, 2
      UNION ALL
      SELECT "unitId", "scheme", 0, 0, 0, 0,
             COALESCE(sum("count") FILTER (WHERE "endsOn" >= "boardDay"), 0),
             COALESCE(sum("count") FILTER (WHERE "endsOn" < "boardDay"), 0),
             COALESCE(sum("count") FILTER (WHERE "endsOn" >= "boardDay" AND "endsOn" <= "boardDay" + 7), 0)
      FROM "CoverEndCount"
      WHERE "unitId" = ANY("unitIds") AND "endsOn" >= starts - 1 AND "endsOn" <= "boardDay" + 30
      GROUP BY 1, 2
    ) x
    GROUP BY 1, 2
  ) c;
  RETURN jsonb_build_object('sequence', GREATEST(COALESCE(current, 0), lowest), 'counts', counts);
END
$$;
