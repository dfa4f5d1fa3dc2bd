-- The floor of every board's sequence (README, "Backups"): pnpm -s restore raises it above every
-- number handed out before the restore, and the numbering and the board reads never go below
-- it. One row, always there (readers take max("floor"), so a second one would do no harm; no
-- CHECK keeps it single, since Prisma's schema engine cannot describe CHECK constraints).
CREATE TABLE "LiveSequenceFloor" (
    "id" BOOLEAN NOT NULL DEFAULT true,
    "floor" INTEGER NOT NULL DEFAULT 0,
    "raisedAt" TIMESTAMPTZ(3),

    CONSTRAINT "LiveSequenceFloor_pkey" PRIMARY KEY ("id")
);

INSERT INTO "LiveSequenceFloor" ("id", "floor") VALUES (true, 0);

-- live_board_functions' numbering, each board's next number at least the floor + 1.
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

-- live_board_functions' board read, its sequence at least the floor.
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
  SELECT COALESCE(jsonb_agg(jsonb_build_array(c."unitId", c."scheme", c.today, c.before)), '[]') INTO counts
  FROM (
    SELECT "unitId", "scheme",
           COALESCE(sum("count") FILTER (WHERE "day" = "boardDay"), 0)::int AS today,
           COALESCE(sum("count") FILTER (WHERE "day" < "boardDay"), 0)::int AS before
    FROM "DailyCount"
    WHERE "campaignId" = "campaign" AND "unitId" = ANY("unitIds") AND "day" <= "boardDay"
    GROUP BY 1, 2
  ) c;
  RETURN jsonb_build_object('sequence', GREATEST(COALESCE(current, 0), lowest), 'counts', counts);
END
$$;
