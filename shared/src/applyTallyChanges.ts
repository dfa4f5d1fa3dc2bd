import type { TallyChange } from './boardUpdate.ts';

/** The counts of a tally that live changes carry. */
export interface LiveTally {
  scheme: string;
  today: number;
  cumulative: number;
  renewedToday: number;
  renewed: number;
  dueForRenewal: number;
  lapsed: number;
  /** Covers ending from the day to 7 days after it, not renewed. */
  dueWithin7Days: number;
  netGrowth: number;
}

/** The part of the API's Board that live changes touch. */
export interface TalliedBoard<Tally extends LiveTally> {
  sequence: number;
  unit: { code: string };
  totals: Tally[];
  rows: { unit: { code: string }; tallies: Tally[] }[];
}

/**
 * Returns the board with the changes' absolute values written into the tallies they name (the
 * board's own totals, or a child's row) and the new sequence; what does not change keeps its
 * identity, so a view re-renders only the rows that moved. `recompute` derives what else a
 * tally shows (percentages, status) from its new counts.
 */
export function applyTallyChanges<Tally extends LiveTally, Board extends TalliedBoard<Tally>>(
  board: Board,
  changes: TallyChange[],
  sequence: number,
  recompute: (tally: Tally) => Tally = (t) => t,
): Board {
  const byUnit = new Map<string, TallyChange[]>();
  for (const change of changes) byUnit.set(change.unitCode, [...(byUnit.get(change.unitCode) ?? []), change]);
  const updated = (unitCode: string, tallies: Tally[]): Tally[] => {
    const mine = byUnit.get(unitCode);
    if (!mine) return tallies;
    return tallies.map((tally) => {
      const change = mine.find((c) => c.scheme === tally.scheme);
      return change
        ? recompute({
            ...tally,
            today: change.today,
            cumulative: change.cumulative,
            renewedToday: change.renewedToday,
            renewed: change.renewed,
            dueForRenewal: change.dueForRenewal,
            lapsed: change.lapsed,
            dueWithin7Days: change.dueWithin7Days,
            netGrowth: change.netGrowth,
          })
        : tally;
    });
  };
  return {
    ...board,
    sequence,
    totals: updated(board.unit.code, board.totals),
    rows: board.rows.map((row) =>
      byUnit.has(row.unit.code) ? { ...row, tallies: updated(row.unit.code, row.tallies) } : row,
    ),
  };
}
