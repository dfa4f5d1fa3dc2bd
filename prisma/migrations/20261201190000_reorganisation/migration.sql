-- The reorganisation (issue 19): counters on the tree of their day, with opening balances apart
-- (docs/design.md, "Counters and the tree's history", "The move from the bridge").

-- AlterTable
ALTER TABLE "Unit" ADD COLUMN     "dissolvedOn" DATE;

-- CreateTable
CREATE TABLE "CarriedCount" (
    "campaignId" TEXT NOT NULL,
    "unitId" INTEGER NOT NULL,
    "scheme" "Scheme" NOT NULL,
    "fromDay" DATE NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "CarriedCount_pkey" PRIMARY KEY ("campaignId","unitId","scheme","fromDay")
);

-- CreateTable
CREATE TABLE "TargetChange" (
    "campaignId" TEXT NOT NULL,
    "unitId" INTEGER NOT NULL,
    "scheme" "Scheme" NOT NULL,
    "fromDay" DATE NOT NULL,
    "delta" INTEGER NOT NULL,

    CONSTRAINT "TargetChange_pkey" PRIMARY KEY ("campaignId","unitId","scheme","fromDay")
);

-- CreateTable
CREATE TABLE "PlanChange" (
    "unitId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "indicator" "Indicator" NOT NULL,
    "fromDay" DATE NOT NULL,
    "delta" INTEGER NOT NULL,

    CONSTRAINT "PlanChange_pkey" PRIMARY KEY ("unitId","year","indicator","fromDay")
);

-- CreateTable
CREATE TABLE "TreeVersion" (
    "id" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "TreeVersion_pkey" PRIMARY KEY ("id")
);

INSERT INTO "TreeVersion" ("id", "version") VALUES (true, 0);

-- AddForeignKey
ALTER TABLE "CarriedCount" ADD CONSTRAINT "CarriedCount_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TargetChange" ADD CONSTRAINT "TargetChange_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The bridge's adjustments are exactly the difference between the two trees: with them, each
-- enrolment counts on the chain of its own day.
INSERT INTO "DailyCount" ("campaignId", "unitId", "scheme", "day", "slot", "count")
SELECT "campaignId", "unitId", "scheme", "day", 0, "count" FROM "DailyCountAdjustment"
ON CONFLICT ("campaignId", "unitId", "scheme", "day", "slot")
DO UPDATE SET "count" = "DailyCount"."count" + EXCLUDED."count";

-- DropForeignKey
ALTER TABLE "DailyCountAdjustment" DROP CONSTRAINT "DailyCountAdjustment_campaignId_fkey";

-- DropTable
DROP TABLE "DailyCountAdjustment";

-- The opening balances of the merges already made: the recount of prisma/src/counters.ts
-- (carriedRecount), for every campaign.
INSERT INTO "CarriedCount" ("campaignId", "unitId", "scheme", "fromDay", "count")
WITH places AS (
  SELECT "unitId" AS unit_id, "fromDay" AS from_day, "untilDay" AS until_day, "ancestorIds" AS chain FROM "UnitPlacement"
  UNION ALL
  SELECT id, "placedOn", NULL::date, "ancestorIds" FROM "Unit" WHERE "placedOn" IS NOT NULL
)
SELECT e."campaignId", x.unit_id, e.scheme, q.from_day, sum(x.n)::int
FROM "Enrolment" e
JOIN places q ON q.unit_id = e."unitId" AND q.from_day > e.day
JOIN places p ON p.unit_id = e."unitId" AND p.until_day = q.from_day
CROSS JOIN LATERAL (
  SELECT a, 1 FROM unnest(q.chain) AS a WHERE a <> ALL(p.chain)
  UNION ALL
  SELECT a, -1 FROM unnest(p.chain) AS a WHERE a <> ALL(q.chain)
) AS x(unit_id, n)
WHERE e."voidedAt" IS NULL
GROUP BY 1, 2, 3, 4
HAVING sum(x.n) <> 0;

-- Every counter writer's check that the chains it computed are of the tree in force, holding
-- the tree's lock shared (applyReorganisation holds it exclusively while it changes the tree).
-- A PL/pgSQL statement takes a fresh snapshot, so the version read after the lock is granted is
-- the one committed before it. 7315000019: the tree's lock key (server/src/units/treeLock.ts).
CREATE FUNCTION "toandan_tree_guard"("expected" int) RETURNS boolean
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(7315000019);
  RETURN (SELECT max("version") FROM "TreeVersion") = "expected";
END
$$;

-- live_sequence_floor's numbering, each tally's cumulative with its opening balances.
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
           (COALESCE(sum(dc."count"), 0) + COALESCE((
             SELECT sum(cc."count") FROM "CarriedCount" cc
             WHERE cc."campaignId" = t.c AND cc."unitId" = t.u AND cc."scheme" = t.s AND cc."fromDay" <= t.d
           ), 0))::int AS cumulative
    FROM unnest("tallyCampaigns", "tallyUnits", "tallySchemes", "tallyDays") AS t(c, u, s, d)
    LEFT JOIN "DailyCount" dc
      ON dc."campaignId" = t.c AND dc."unitId" = t.u AND dc."scheme" = t.s AND dc."day" <= t.d
    GROUP BY t.c, t.u, t.s, t.d
  ) v;
  RETURN jsonb_build_object('sequences', numbered, 'tallies', tallies);
END
$$;

-- live_sequence_floor's board read, the days before with their opening balances.
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
    SELECT "unitId", "scheme", sum(today)::int AS today, sum(before)::int AS before FROM (
      SELECT "unitId", "scheme",
             COALESCE(sum("count") FILTER (WHERE "day" = "boardDay"), 0) AS today,
             COALESCE(sum("count") FILTER (WHERE "day" < "boardDay"), 0) AS before
      FROM "DailyCount"
      WHERE "campaignId" = "campaign" AND "unitId" = ANY("unitIds") AND "day" <= "boardDay"
      GROUP BY 1, 2
      UNION ALL
      SELECT "unitId", "scheme", 0, sum("count")
      FROM "CarriedCount"
      WHERE "campaignId" = "campaign" AND "unitId" = ANY("unitIds") AND "fromDay" <= "boardDay"
      GROUP BY 1, 2
    ) x
    GROUP BY 1, 2
  ) c;
  RETURN jsonb_build_object('sequence', GREATEST(COALESCE(current, 0), lowest), 'counts', counts);
END
$$;
