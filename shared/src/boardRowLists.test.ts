import { describe, expect, it } from 'vitest';
import { rowMetDailyGoal, rowsMostDueWithin7Days, rowWithoutActivity } from './boardRowLists.ts';

describe('the lists of a board', () => {
  it('counts a row as done when every scheme with a goal met it', () => {
    expect(
      rowMetDailyGoal([
        { today: 3, dailyGoal: 3 },
        { today: 0, dailyGoal: 0 },
      ]),
    ).toBe(true);
    expect(
      rowMetDailyGoal([
        { today: 3, dailyGoal: 3 },
        { today: 1, dailyGoal: 2 },
      ]),
    ).toBe(false);
    // No goal at all (ahead of plan): nothing to meet, so not listed as done.
    expect(rowMetDailyGoal([{ today: 5, dailyGoal: 0 }])).toBe(false);
  });

  it('lists rows with nothing counted today', () => {
    expect(
      rowWithoutActivity([
        { today: 0, renewedToday: 0, dailyGoal: 4 },
        { today: 0, renewedToday: 0, dailyGoal: 0 },
      ]),
    ).toBe(true);
    expect(
      rowWithoutActivity([
        { today: 0, renewedToday: 0, dailyGoal: 4 },
        { today: 1, renewedToday: 0, dailyGoal: 0 },
      ]),
    ).toBe(false);
    // A renewal is activity: the row is not listed as idle (API.md, "Renewals").
    expect(rowWithoutActivity([{ today: 0, renewedToday: 1, dailyGoal: 4 }])).toBe(false);
  });

  it('lists the rows with covers due within 7 days, the most first, over every scheme', () => {
    const row = (name: string, ...due: number[]) => ({
      name,
      tallies: due.map((dueWithin7Days) => ({ dueWithin7Days })),
    });
    const rows = [row('b', 2, 1), row('a', 0, 0), row('c', 3), row('d', 1, 3)];
    expect(
      rowsMostDueWithin7Days(rows, (x, y) => x.name.localeCompare(y.name)).map(({ row, due }) => [
        row.name,
        due,
      ]),
    ).toEqual([
      ['d', 4],
      ['b', 3],
      ['c', 3],
    ]);
  });
});
