import { vietnameseOrder } from '@toandan/shared/vietnameseOrder';

export type SortKey = 'name' | 'percent' | 'gap';
export interface SortOrder {
  key: SortKey;
  descending: boolean;
}

/** How each key sorts when first chosen: names A–Z, the ranking from the first (the highest
 * share of the target, as rankings are read out at a briefing) and the biggest shortfall of the
 * day first. The units behind have a filter of their own (rowIsBehind). */
export const firstDirection: Record<SortKey, boolean> = { name: false, percent: true, gap: true };

interface SortableTally {
  today: number;
  dailyGoal: number;
  cumulative: number;
  target: number;
}
interface SortableRow {
  unit: { name: string };
  tallies: readonly SortableTally[];
}

/** The row's cumulative as a share of its target over every scheme, null without a target. */
export function rowPercentOfTarget(row: SortableRow): number | null {
  const target = row.tallies.reduce((sum, tally) => sum + tally.target, 0);
  if (target <= 0) return null;
  return (row.tallies.reduce((sum, tally) => sum + tally.cumulative, 0) / target) * 100;
}

/** What the row still lacks of today's goals, over every scheme (nothing counts below zero). */
export function rowGap(row: SortableRow): number {
  return row.tallies.reduce((sum, tally) => sum + Math.max(0, tally.dailyGoal - tally.today), 0);
}

/** Each name's place in Vietnamese order, worked out once per list of names: collating is
 * the costly part of a sort, and live updates change numbers, never names. */
let rankedNames: readonly string[] = [];
let nameRank = new Map<string, number>();
function rankOf(names: string[]): Map<string, number> {
  if (names.length !== rankedNames.length || names.some((name, index) => name !== rankedNames[index])) {
    rankedNames = names;
    nameRank = new Map([...new Set(names)].sort(vietnameseOrder).map((name, index) => [name, index]));
  }
  return nameRank;
}

/**
 * The rows in the chosen order, Vietnamese alphabetical order (Intl.Collator 'vi') breaking
 * ties; rows without a target go last whatever the direction. Returns a new array.
 */
export function sortRows<Row extends SortableRow>(rows: readonly Row[], order: SortOrder): Row[] {
  const direction = order.descending ? -1 : 1;
  const rank = rankOf(rows.map((row) => row.unit.name));
  const byName = (a: Row, b: Row) => (rank.get(a.unit.name) ?? 0) - (rank.get(b.unit.name) ?? 0);
  const compare = (a: Row, b: Row): number => {
    if (order.key === 'name') return direction * byName(a, b);
    if (order.key === 'gap') return direction * (rowGap(a) - rowGap(b)) || byName(a, b);
    const pa = rowPercentOfTarget(a);
    const pb = rowPercentOfTarget(b);
    if (pa === null || pb === null) return (pa === null ? 1 : 0) - (pb === null ? 1 : 0) || byName(a, b);
    return direction * (pa - pb) || byName(a, b);
  };
  return [...rows].sort(compare);
}

/**
 * Each row's rank by its share of the target (rowPercentOfTarget), 1 the highest; ties share a
 * rank and the next one skips (1, 1, 3), as the briefing report ranks units. Rows without a
 * target have none.
 */
export function rankRows<Row extends SortableRow>(rows: readonly Row[]): Map<Row, number> {
  const shares = rows
    .map((row) => ({ row, percent: rowPercentOfTarget(row) }))
    .filter((entry): entry is { row: Row; percent: number } => entry.percent !== null)
    .sort((a, b) => b.percent - a.percent);
  const ranks = new Map<Row, number>();
  shares.forEach((entry, index) => {
    const previous = shares[index - 1];
    ranks.set(
      entry.row,
      previous && previous.percent === entry.percent ? (ranks.get(previous.row) ?? 1) : index + 1,
    );
  });
  return ranks;
}

/** A row behind plan in any scheme (its status, by the API's own rule): what "only the units
 * behind" keeps. */
export function rowIsBehind(row: { tallies: readonly { status: string }[] }): boolean {
  return row.tallies.some((tally) => tally.status === 'BEHIND');
}
