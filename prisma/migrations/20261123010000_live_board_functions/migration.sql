-- Live boards in one round trip each (server/src/live/boardPublisher.ts, boards/loadBoard.ts).
-- Each statement of a PL/pgSQL function takes a fresh snapshot under READ COMMITTED, so what is
-- read after the board's advisory lock is taken sees every commit made before it was granted;
-- the lock is held until the calling statement's transaction ends.

-- Numbers the next update of each board and reads the tallies it carries, holding the boards'
-- locks exclusively. Locks are taken in the order given (the caller sorts them), so two
-- instances never wait on each other in a ring.
CREATE FUNCTION "toandan_number_board_updates"(
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
BEGIN
  PERFORM pg_advisory_xact_lock(k) FROM unnest("lockKeys") WITH ORDINALITY AS t(k, i) ORDER BY i;
  WITH next AS (
    INSERT INTO "BoardSequence" ("campaignId", "unitId", "sequence")
    SELECT c, u, 1 FROM unnest("boardCampaigns", "boardUnits") AS t(c, u)
    ON CONFLICT ("campaignId", "unitId") DO UPDATE SET "sequence" = "BoardSequence"."sequence" + 1
    RETURNING "campaignId", "unitId", "sequence"
  )
  SELECT COALESCE(jsonb_agg(jsonb_build_array("campaignId", "unitId", "sequence")), '[]') INTO numbered FROM next;
  SELECT COALESCE(jsonb_agg(jsonb_build_array(v.c, v.u, v.s, to_char(v.d, 'YYYY-MM-DD'), v.today, v.cumulative)), '[]')
  INTO tallies
  FROM (
    SELECT t.c, t.u, t.s, t.d,
           COALESCE(sum(dc."count") FILTER (WHERE dc."day" = t.d), 0)::int AS today,
           COALESCE(sum(dc."count"), 0)::int AS cumulative
    FROM unnest("tallyCampaigns", "tallyUnits", "tallySchemes", "tallyDays") AS t(c, u, s, d)
    LEFT JOIN "DailyCount" dc
      ON dc."campaignId" = t.c AND dc."unitId" = t.u AND dc."scheme" = t.s AND dc."day" <= t.d
    GROUP BY t.c, t.u, t.s, t.d
  ) v;
  RETURN jsonb_build_object('sequences', numbered, 'tallies', tallies);
END
$$;

-- A board's sequence and its units' counts up to a day, holding the board's lock shared: no
-- update can be numbered between the two reads, and the updates numbered after it carry
-- values at least as new.
CREATE FUNCTION "toandan_board_counts"(
  "lockKey" bigint,
  "campaign" text,
  "boardUnit" int,
  "unitIds" int[],
  "boardDay" date
) RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  current int;
  counts jsonb;
BEGIN
  PERFORM pg_advisory_xact_lock_shared("lockKey");
  SELECT "sequence" INTO current FROM "BoardSequence" WHERE "campaignId" = "campaign" AND "unitId" = "boardUnit";
  SELECT COALESCE(jsonb_agg(jsonb_build_array(c."unitId", c."scheme", c.today, c.before)), '[]') INTO counts
  FROM (
    SELECT "unitId", "scheme",
           COALESCE(sum("count") FILTER (WHERE "day" = "boardDay"), 0)::int AS today,
           COALESCE(sum("count") FILTER (WHERE "day" < "boardDay"), 0)::int AS before
    FROM "DailyCount"
    WHERE "campaignId" = "campaign" AND "unitId" = ANY("unitIds") AND "day" <= "boardDay"
    GROUP BY 1, 2
  ) c;
  RETURN jsonb_build_object('sequence', COALESCE(current, 0), 'counts', counts);
END
$$;
