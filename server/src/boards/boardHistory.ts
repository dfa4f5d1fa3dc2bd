import type { Scheme } from '@toandan/db/client';
import { db } from '@toandan/db/db';
import { vnDay } from '@toandan/shared/vnDay';
import type { BoardData } from './loadBoard.ts';

export interface DayTallyData {
  date: string;
  scheme: Scheme;
  count: number;
  cumulative: number;
  plan: number;
}

/**
 * The board unit's days from the campaign's first to the board day, per scheme: what was
 * counted each day, the running total, and the plan to date (the target spread evenly over the
 * campaign's days, as tallyFigures measures status against). One grouped read of the counters
 * the board already reads; no enrolment is scanned.
 */
export async function boardHistory(board: BoardData): Promise<DayTallyData[]> {
  const startsOn = vnDay.fromDateColumn(board.campaign.startsOn);
  const endsOn = vnDay.fromDateColumn(board.campaign.endsOn);
  const last = board.date < endsOn ? board.date : endsOn;
  if (last < startsOn) return [];
  const counted = await db.$queryRaw<{ scheme: Scheme; day: Date; count: number }[]>`
    SELECT "scheme", "day", sum("count")::int AS "count" FROM "DailyCount"
    WHERE "campaignId" = ${board.campaign.id} AND "unitId" = ${board.unit.id}
      AND "day" BETWEEN ${vnDay.toDateColumn(startsOn)}::date AND ${vnDay.toDateColumn(last)}::date
    GROUP BY "scheme", "day"`;
  // Opening balances (a reorganisation's, from its day): the running total, not the day's count.
  const carriedRows = await db.$queryRaw<{ scheme: Scheme; day: Date; count: number }[]>`
    SELECT "scheme", GREATEST("fromDay", ${vnDay.toDateColumn(startsOn)}::date) AS "day", sum("count")::int AS "count"
    FROM "CarriedCount"
    WHERE "campaignId" = ${board.campaign.id} AND "unitId" = ${board.unit.id} AND "fromDay" <= ${vnDay.toDateColumn(last)}::date
    GROUP BY 1, 2`;
  const carriedOf = new Map(
    carriedRows.map((row) => [`${row.scheme}:${vnDay.fromDateColumn(row.day)}`, row.count]),
  );
  const countOf = new Map(
    counted.map((row) => [`${row.scheme}:${vnDay.fromDateColumn(row.day)}`, row.count]),
  );
  const totalDays = vnDay.between(startsOn, endsOn) + 1;
  const days = vnDay.range(startsOn, last);
  return board.totals.flatMap(({ scheme, target }) => {
    let cumulative = 0;
    return days.map((date, index) => {
      const count = countOf.get(`${scheme}:${date}`) ?? 0;
      cumulative += count + (carriedOf.get(`${scheme}:${date}`) ?? 0);
      return { date, scheme, count, cumulative, plan: Math.round((target * (index + 1)) / totalDays) };
    });
  });
}
