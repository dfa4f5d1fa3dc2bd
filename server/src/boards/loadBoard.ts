import type { Campaign, Scheme, Unit } from '@toandan/db/client';
import { db } from '@toandan/db/db';
import { dailyGoal } from '@toandan/shared/dailyGoal';
import { type TallyFigures, tallyFigures } from '@toandan/shared/tallyFigures';
import { vietnameseOrder } from '@toandan/shared/vietnameseOrder';
import { vnDay } from '@toandan/shared/vnDay';
import { boardLockKey } from '../live/boardLock.ts';
import { campaignAndUnitOrThrow } from '../lookups.ts';

export interface TallyData extends TallyFigures {
  scheme: Scheme;
  today: number;
  dailyGoal: number;
  /** True when the command centre set the goal for this day; false when derived. */
  dailyGoalIsExplicit: boolean;
  cumulative: number;
  target: number;
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
  date: string;
  /** The board's version: live updates continue from it (0 until one is sent). */
  sequence: number;
  totals: TallyData[];
  rows: BoardRowData[];
  officers: OfficerProgressData;
}

/**
 * One board: the unit's whole-subtree totals and one row per direct child, per scheme of the
 * campaign. The same SQL statements whatever the size of the tree: counters already
 * hold every subtree's sums (docs/domain.md, "Counting"), so no enrolment is read.
 */
export async function loadBoard(
  campaignId: string,
  unitCode: string,
  date: string = vnDay.today(),
): Promise<BoardData> {
  const { campaign, unit } = await campaignAndUnitOrThrow(campaignId, unitCode, {
    campaign: {},
    unit: { include: { children: { where: { mergedIntoId: null } } } },
  });

  const children = [...unit.children].sort((a, b) => vietnameseOrder(a.name, b.name));
  const unitIds = [unit.id, ...children.map((child) => child.id)];
  const day = vnDay.toDateColumn(date);

  // The sequence and the counts are read in one statement under the board's lock, shared with
  // other readers and exclusive to the publisher, so no update can be numbered between the two
  // reads, and the updates numbered after this board carry values at least as new
  // (live/boardPublisher.ts, migration live_board_functions).
  const [read] = await db.$queryRaw<
    { board: { sequence: number; counts: [number, Scheme, number, number][] } }[]
  >`
    SELECT "toandan_board_counts"(${boardLockKey(campaign.id, unit.id).toString()}::bigint, ${campaign.id},
      ${unit.id}, ${unitIds}::int[], ${day}::date) AS board`;
  if (!read) throw new Error('the board read returned nothing');
  const counts = read.board.counts.map(([unitId, scheme, today, before]) => ({
    unitId,
    scheme,
    today,
    before,
  }));
  const [targets, goals, officers] = await Promise.all([
    db.target.findMany({ where: { campaignId: campaign.id, unitId: { in: unitIds } } }),
    db.dailyGoal.findMany({ where: { campaignId: campaign.id, unitId: { in: unitIds }, day } }),
    db.$queryRaw<OfficerProgressData[]>`
      SELECT count(*)::int AS "total",
             count(*) FILTER (WHERE NOT EXISTS (
               SELECT 1 FROM "OfficerCount" c
               WHERE c."officerId" = o.id AND c."campaignId" = ${campaign.id} AND c."count" > 0))::int AS "atZero",
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
  const goalOf = new Map(goals.map((row) => [key(row.unitId, row.scheme), row.goal]));
  const startsOn = vnDay.fromDateColumn(campaign.startsOn);
  const endsOn = vnDay.fromDateColumn(campaign.endsOn);

  const talliesOf = (unitId: number): TallyData[] =>
    campaign.schemes.map((scheme) => {
      const counted = countOf.get(key(unitId, scheme));
      const today = counted?.today ?? 0;
      const before = counted?.before ?? 0;
      const target = targetOf.get(key(unitId, scheme)) ?? 0;
      const explicitGoal = goalOf.get(key(unitId, scheme));
      const goal = explicitGoal ?? dailyGoal({ target, countedBefore: before, day: date, startsOn, endsOn });
      const cumulative = before + today;
      return {
        scheme,
        today,
        dailyGoal: goal,
        dailyGoalIsExplicit: explicitGoal !== undefined,
        cumulative,
        target,
        ...tallyFigures({ today, dailyGoal: goal, cumulative, target, date, startsOn, endsOn }),
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
