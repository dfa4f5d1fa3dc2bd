import type { Campaign, Scheme, Unit } from '@toandan/db/client';
import { db } from '@toandan/db/db';
import { dailyGoal } from '@toandan/shared/dailyGoal';
import { type PlannedDay, planBeforeDay } from '@toandan/shared/planBeforeDay';
import { type TallyFigures, tallyFigures } from '@toandan/shared/tallyFigures';
import { vietnameseOrder } from '@toandan/shared/vietnameseOrder';
import { vnDay } from '@toandan/shared/vnDay';
import { boardLockKey } from '../live/boardLock.ts';
import { campaignAndUnitOrThrow } from '../lookups.ts';
import { childrenOn } from '../units/placements.ts';

export interface TallyData extends TallyFigures {
  scheme: Scheme;
  today: number;
  dailyGoal: number;
  /** True when the command centre set the goal for this day; false when derived. */
  dailyGoalIsExplicit: boolean;
  cumulative: number;
  /** RENEWAL enrolments on the board day, and from the campaign's first day to it. */
  renewedToday: number;
  renewed: number;
  /** Covers ending from the board day to 30 days after it, not renewed (CoverEndCount). */
  dueForRenewal: number;
  /** Covers whose first uncovered day fell from the campaign's first day to the board day. */
  lapsed: number;
  /** Covers ending from the board day to 7 days after it, not renewed (the board's list of the
   * units with the most to call back this week). */
  dueWithin7Days: number;
  /** cumulative − lapsed. */
  netGrowth: number;
  target: number;
  /** What was due on the days before the board day, at their goals (planBeforeDay). */
  planBeforeDay: number;
}

export interface BoardRowData {
  unit: Unit;
  tallies: TallyData[];
}

export interface OfficerProgressData {
  total: number;
  atZero: number;
  metQuota: number;
}

export interface BoardData {
  campaign: Campaign;
  unit: Unit;
  /** The day served: the one asked for, or today, within the campaign's days. */
  date: string;
  /** The board's version: live updates continue from it (0 until one is sent). */
  sequence: number;
  totals: TallyData[];
  rows: BoardRowData[];
  officers: OfficerProgressData;
}

/** One earlier day of one unit and scheme: what was counted on it and the goal set for it. */
interface DayRead {
  unitId: number;
  scheme: Scheme;
  day: Date;
  counted: number;
  goal: number | null;
}

/**
 * One board: the unit's whole-subtree totals and one row per direct child, per scheme of the
 * campaign, judged at `now`. The same SQL statements whatever the size of the tree: counters
 * already hold every subtree's sums (docs/domain.md, "Counting"), so no enrolment is read.
 * The day, asked for or today, is served within the campaign's days (API.md, Query.board): a
 * campaign that has ended shows its last day, one still to come its first.
 */
export async function loadBoard(
  campaignId: string,
  unitCode: string,
  asked?: string,
  now: Date = new Date(),
): Promise<BoardData> {
  const { campaign, unit } = await campaignAndUnitOrThrow(campaignId, unitCode, {
    campaign: {},
    unit: {},
  });
  const startsOn = vnDay.fromDateColumn(campaign.startsOn);
  const endsOn = vnDay.fromDateColumn(campaign.endsOn);
  const wanted = asked ?? vnDay.of(now);
  const date = wanted < startsOn ? startsOn : wanted > endsOn ? endsOn : wanted;

  // The tree as it stood on the board's day (a reorganisation since leaves that day's as it was).
  const children = (await childrenOn(unit.id, date)).sort((a, b) => vietnameseOrder(a.name, b.name));
  const unitIds = [unit.id, ...children.map((child) => child.id)];
  const day = vnDay.toDateColumn(date);

  // The sequence and the counts are read in one statement under the board's lock, shared with
  // other readers and exclusive to the publisher, so no update can be numbered between the two
  // reads, and the updates numbered after this board carry values at least as new
  // (live/boardPublisher.ts, migration live_board_functions).
  const [read] = await db.$queryRaw<
    {
      board: {
        sequence: number;
        counts: [number, Scheme, number, number, number, number, number, number, number][];
      };
    }[]
  >`
    SELECT "toandan_board_counts"(${boardLockKey(campaign.id, unit.id).toString()}::bigint, ${campaign.id},
      ${unit.id}, ${unitIds}::int[], ${day}::date) AS board`;
  if (!read) throw new Error('the board read returned nothing');
  const counts = read.board.counts.map(
    ([
      unitId,
      scheme,
      today,
      before,
      renewedToday,
      renewedBefore,
      dueForRenewal,
      lapsed,
      dueWithin7Days,
    ]) => ({
      unitId,
      scheme,
      today,
      before,
      renewedToday,
      renewed: renewedBefore + renewedToday,
      dueForRenewal,
      lapsed,
      dueWithin7Days,
    }),
  );
  // The days before the board day set each one's goal (planBeforeDay): what each counted, and
  // the goals the command centre set, the board day's included. Outside the board's lock: a late
  // sync landing between the two reads moves a past day's derived goal, never a count shown.
  const [targets, days, officers] = await Promise.all([
    // Today's targets, less what reorganisations after the board's day moved into them.
    db.$queryRaw<{ unitId: number; scheme: Scheme; target: number }[]>`
      SELECT t."unitId", t."scheme", (t."target" - COALESCE((
        SELECT sum(c."delta") FROM "TargetChange" c
        WHERE c."campaignId" = t."campaignId" AND c."unitId" = t."unitId" AND c."scheme" = t."scheme" AND c."fromDay" > ${day}::date
      ), 0))::int AS "target"
      FROM "Target" t WHERE t."campaignId" = ${campaign.id} AND t."unitId" = ANY(${unitIds}::int[])`,
    db.$queryRaw<DayRead[]>`
      SELECT "unitId", "scheme", "day", COALESCE(c."counted", 0)::int AS "counted", g."goal"
      FROM (
        SELECT "unitId", "scheme", "day", sum("count")::int AS "counted" FROM "DailyCount"
        WHERE "campaignId" = ${campaign.id} AND "unitId" = ANY(${unitIds}::int[]) AND "day" < ${day}::date
        GROUP BY 1, 2, 3
      ) c
      FULL JOIN (
        SELECT "unitId", "scheme", "day", "goal" FROM "DailyGoal"
        WHERE "campaignId" = ${campaign.id} AND "unitId" = ANY(${unitIds}::int[]) AND "day" <= ${day}::date
      ) g USING ("unitId", "scheme", "day")`,
    db.$queryRaw<OfficerProgressData[]>`
      SELECT count(*)::int AS "total",
             count(*) FILTER (WHERE NOT EXISTS (
               SELECT 1 FROM "OfficerCount" c
               WHERE c."officerId" = o.id AND c."campaignId" = ${campaign.id} AND (c."count" > 0 OR c."renewed" > 0)))::int AS "atZero",
             count(*) FILTER (WHERE EXISTS (
               SELECT 1 FROM "OfficerQuota" q WHERE q."officerId" = o.id AND q."campaignId" = ${campaign.id})
               AND NOT EXISTS (
               SELECT 1 FROM "OfficerQuota" q
               LEFT JOIN "OfficerCount" c
                 ON c."officerId" = q."officerId" AND c."campaignId" = q."campaignId" AND c."scheme" = q."scheme"
               WHERE q."officerId" = o.id AND q."campaignId" = ${campaign.id} AND COALESCE(c."count", 0) < q."quota"))::int AS "metQuota"
      FROM "Officer" o JOIN "Unit" u ON u.id = o."unitId"
      WHERE o."active" AND (u.id = ${unit.id} OR ${unit.id} = ANY(u."ancestorIds"))`,
  ]);

  const key = (unitId: number, scheme: Scheme) => `${unitId}:${scheme}`;
  const countOf = new Map(counts.map((row) => [key(row.unitId, row.scheme), row]));
  const targetOf = new Map(targets.map((row) => [key(row.unitId, row.scheme), row.target]));
  const daysOf = new Map<string, Map<string, PlannedDay>>();
  const goalOf = new Map<string, number>();
  for (const row of days) {
    const rowDay = vnDay.fromDateColumn(row.day);
    if (rowDay === date) {
      if (row.goal !== null) goalOf.set(key(row.unitId, row.scheme), row.goal);
      continue;
    }
    const tally = key(row.unitId, row.scheme);
    const known = daysOf.get(tally) ?? new Map<string, PlannedDay>();
    known.set(rowDay, { counted: row.counted, explicitGoal: row.goal ?? undefined });
    daysOf.set(tally, known);
  }
  const noDays = new Map<string, PlannedDay>();

  const talliesOf = (unitId: number): TallyData[] =>
    campaign.schemes.map((scheme) => {
      const counted = countOf.get(key(unitId, scheme));
      const today = counted?.today ?? 0;
      const before = counted?.before ?? 0;
      const renewedToday = counted?.renewedToday ?? 0;
      const renewed = counted?.renewed ?? 0;
      const dueForRenewal = counted?.dueForRenewal ?? 0;
      const lapsed = counted?.lapsed ?? 0;
      const dueWithin7Days = counted?.dueWithin7Days ?? 0;
      const target = targetOf.get(key(unitId, scheme)) ?? 0;
      const explicitGoal = goalOf.get(key(unitId, scheme));
      const goal = explicitGoal ?? dailyGoal({ target, countedBefore: before, day: date, startsOn, endsOn });
      const cumulative = before + today;
      const earlier = daysOf.get(key(unitId, scheme)) ?? noDays;
      const planBefore = planBeforeDay({ target, startsOn, endsOn, day: date, days: earlier });
      return {
        scheme,
        today,
        dailyGoal: goal,
        dailyGoalIsExplicit: explicitGoal !== undefined,
        cumulative,
        renewedToday,
        renewed,
        dueForRenewal,
        lapsed,
        dueWithin7Days,
        netGrowth: cumulative - lapsed,
        target,
        planBeforeDay: planBefore,
        ...tallyFigures({
          today,
          renewedToday,
          dailyGoal: goal,
          cumulative,
          target,
          planBeforeDay: planBefore,
          date,
          endsOn,
          workingHours: { start: campaign.workingHoursStart, end: campaign.workingHoursEnd },
          now,
        }),
      };
    });

  return {
    campaign,
    unit,
    date,
    sequence: read.board.sequence,
    totals: talliesOf(unit.id),
    rows: children.map((child) => ({ unit: child, tallies: talliesOf(child.id) })),
    officers: officers[0] ?? { total: 0, atZero: 0, metQuota: 0 },
  };
}
