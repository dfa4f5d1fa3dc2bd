import { describe, expect, it } from 'vitest';
import { dailyGoal } from './dailyGoal.ts';

const may = { startsOn: '2026-05-01', endsOn: '2026-05-31' };

describe('dailyGoal', () => {
  it('spreads the target over the campaign on its first day', () => {
    expect(dailyGoal({ ...may, target: 3100, countedBefore: 0, day: '2026-05-01' })).toBe(100);
  });

  it('spreads what is missing over the days left, today included, rounding up', () => {
    // 40,000 household health participants still needed with 20 days left (Thanh Hóa, 2021).
    expect(dailyGoal({ ...may, target: 40_000, countedBefore: 0, day: '2026-05-12' })).toBe(2000);
    expect(dailyGoal({ ...may, target: 1000, countedBefore: 999, day: '2026-05-30' })).toBe(1);
    expect(dailyGoal({ ...may, target: 101, countedBefore: 0, day: '2026-05-30' })).toBe(51);
  });

  it('asks nothing of a unit that has met its target or of days outside the campaign', () => {
    expect(dailyGoal({ ...may, target: 100, countedBefore: 120, day: '2026-05-10' })).toBe(0);
    expect(dailyGoal({ ...may, target: 100, countedBefore: 0, day: '2026-06-01' })).toBe(0);
    expect(dailyGoal({ ...may, target: 100, countedBefore: 0, day: '2026-04-30' })).toBe(0);
  });

  it('puts the whole remainder on the last day', () => {
    expect(dailyGoal({ ...may, target: 500, countedBefore: 380, day: '2026-05-31' })).toBe(120);
  });
});
