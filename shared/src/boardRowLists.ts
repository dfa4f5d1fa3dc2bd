/** What the two lists of a board need of a row's tallies. */
export interface ListedTally {
  today: number;
  dailyGoal: number;
}

/**
 * A row met the day's goal when every scheme that has a goal met it, and at least one has one
 * (hoàn thành chỉ tiêu ngày). One rule for Board.rowsMetDailyGoal and the web's live lists.
 */
export function rowMetDailyGoal(tallies: readonly ListedTally[]): boolean {
  return (
    tallies.some((tally) => tally.dailyGoal > 0) &&
    tallies.every((tally) => tally.dailyGoal === 0 || tally.today >= tally.dailyGoal)
  );
}

/** A row with nothing new and nothing renewed on the board day in any scheme (chưa có kết quả). */
export function rowWithoutActivity(tallies: readonly (ListedTally & { renewedToday: number })[]): boolean {
  return tallies.every((tally) => tally.today === 0 && tally.renewedToday === 0);
}

/** How many units the board's list of covers due this week names. */
export const DUE_SOON_SHOWN = 10;

/**
 * The rows with covers ending within 7 days, the most first (then in `order`, the board's
 * order of names), each with its count over the campaign's schemes: where to send the agents
 * to call back this week (đến hạn tái tục trong 7 ngày tới).
 */
export function rowsMostDueWithin7Days<Row extends { tallies: readonly { dueWithin7Days: number }[] }>(
  rows: readonly Row[],
  order: (a: Row, b: Row) => number,
): { row: Row; due: number }[] {
  return rows
    .map((row) => ({ row, due: row.tallies.reduce((sum, tally) => sum + tally.dueWithin7Days, 0) }))
    .filter(({ due }) => due > 0)
    .sort((a, b) => b.due - a.due || order(a.row, b.row));
}
