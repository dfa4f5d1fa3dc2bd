import type { PrismaClient } from '@toandan/db/client';
import { chainOnSql } from './placements.ts';

type Sql = Pick<PrismaClient, '$executeRawUnsafe'>;

/**
 * Rewrites a campaign's DailyCountAdjustment: a recount of its enrolments, each under the chain
 * its unit had on the enrolment's day (chainOnSql), less DailyCount, which counts them under
 * today's tree; nonzero rows only, so a tree that never changed has none. Run right after
 * rebuildCounters, in the same transaction and under the same lock (mergeUnit).
 */
export async function rebuildDayTreeAdjustments(sql: Sql, campaignId: string): Promise<void> {
  await sql.$executeRawUnsafe(`DELETE FROM "DailyCountAdjustment" WHERE "campaignId" = $1`, campaignId);
  await sql.$executeRawUnsafe(
    `INSERT INTO "DailyCountAdjustment" ("campaignId", "unitId", "scheme", "day", "count")
     SELECT $1::text, unit_id, scheme, day, sum(n)::int FROM (
       SELECT a.unit_id, e.scheme, e.day, 1 AS n
       FROM "Enrolment" e
       CROSS JOIN LATERAL (${chainOnSql('e."unitId"', 'e.day')}) c
       CROSS JOIN LATERAL unnest(c.chain) AS a(unit_id)
       WHERE e."campaignId" = $1 AND e."voidedAt" IS NULL
       UNION ALL
       SELECT "unitId", scheme, day, -"count" FROM "DailyCount" WHERE "campaignId" = $1
     ) t
     GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0`,
    campaignId,
  );
}
