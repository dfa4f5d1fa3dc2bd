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

-- The board's reads of `renewed` are in cover_end_counts, the next migration.
