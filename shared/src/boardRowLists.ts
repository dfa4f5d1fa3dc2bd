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
