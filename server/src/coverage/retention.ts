import type { Prisma } from '@toandan/db/client';
import { db } from '@toandan/db/db';
import { vnDay } from '@toandan/shared/vnDay';
import { env } from '../env.ts';
import { logger } from '../log.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How long an imported cover is kept after it ends (COVERAGE_RETENTION_MONTHS, default 24). A
 * cover that ended more than 90 days before can no longer be renewed (shared/cover.ts): the
 * rest of the period lets a returning person's history be seen, then nothing of it is kept.
 */
export const retentionMonths = (): number => env.COVERAGE_RETENTION_MONTHS;

/**
 * The first last day of a cover still kept on `today`: covers that ended before it are erased.
 * The same day `months` earlier, or the month's last day when it has no such day.
 */
export function erasureCutoff(today: string, months: number): string {
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) - months;
  const y = Math.floor(index / 12);
  const m = index % 12;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(day, lastDay))).toISOString().slice(0, 10);
}

/**
 * Erases the imported covers that ended more than the retention period before today (Law
 * 91/2025: kept no longer than their purpose needs). One statement over the index of last
 * days, whatever the table's size: no job per row. Returns how many it erased.
 */
export async function eraseLapsedCovers(
  now: Date = new Date(),
  client: Pick<Prisma.TransactionClient, '$executeRawUnsafe'> = db,
): Promise<number> {
  return client.$executeRawUnsafe(
    `DELETE FROM "ImportedCover" WHERE "coverageUntil" < $1::date`,
    erasureCutoff(vnDay.today(now), retentionMonths()),
  );
}

/**
 * Erases at the server's start and then once a day (every instance does it: the statement is
 * idempotent, and a second instance finds nothing left). Each import erases too
 * (importCoverage.ts). Returns what stops the daily round.
 */
export async function startCoverageRetention(): Promise<() => void> {
  const run = async () => {
    try {
      const erased = await eraseLapsedCovers();
      if (erased > 0) logger.info({ erased }, 'imported covers past retention erased');
    } catch (error) {
      logger.error({ err: error }, 'erasing imported covers past retention failed');
    }
  };
  await run();
  const timer = setInterval(run, DAY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
