-- AlterTable
ALTER TABLE "OfficerCount" ADD COLUMN     "renewed" INTEGER NOT NULL DEFAULT 0;

-- `count` holds NEW enrolments only from here (API.md, "Renewals": a personal quota counts people
-- brought in; a renewal keeps a participant): the renewals counted so far move to `renewed`, as
-- rebuildCounters counts them (prisma/src/counters.ts).
WITH moved AS (
  SELECT "campaignId", "officerId", scheme, count(*)::int AS n
  FROM "Enrolment"
  WHERE kind = 'RENEWAL' AND "voidedAt" IS NULL AND "officerId" IS NOT NULL
  GROUP BY 1, 2, 3
)
UPDATE "OfficerCount" o SET "count" = o."count" - m.n, "renewed" = o."renewed" + m.n
FROM moved m
WHERE o."campaignId" = m."campaignId" AND o."officerId" = m."officerId" AND o.scheme = m.scheme;
