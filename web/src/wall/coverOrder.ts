import { vietnameseOrder } from '@toandan/shared/vietnameseOrder';

interface CoverRow {
  unit: { name: string };
  tallies: readonly { scheme: string; netGrowth: number; lapsed: number; dueForRenewal: number }[];
}

/**
 * The tiles of the wall's cover page for one scheme, in the order a command centre acts on:
 * the units losing the most first (the lowest net growth: a unit whose lapses outrun its new
 * sign-ups is below zero), then the most lapsed (people already lost, to win back), then the
 * most due for renewal (people about to be lost), then in Vietnamese alphabetical order.
 */
export function orderCoverTiles<Row extends CoverRow>(rows: readonly Row[], scheme: string): Row[] {
  const figures = new Map(rows.map((row) => [row, row.tallies.find((tally) => tally.scheme === scheme)]));
  return [...rows].sort((a, b) => {
    const x = figures.get(a);
    const y = figures.get(b);
    return (
      (x?.netGrowth ?? 0) - (y?.netGrowth ?? 0) ||
      (y?.lapsed ?? 0) - (x?.lapsed ?? 0) ||
      (y?.dueForRenewal ?? 0) - (x?.dueForRenewal ?? 0) ||
      vietnameseOrder(a.unit.name, b.unit.name)
    );
  });
}
