import { describe, expect, it } from 'vitest';
import { rowMetDailyGoal, rowWithoutActivity } from './boardRowLists.ts';

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
});
