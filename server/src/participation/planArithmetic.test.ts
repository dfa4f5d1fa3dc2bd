import { describe, expect, it } from 'vitest';
import {
  change,
  daysLeftInYear,
  endOfPreviousMonth,
  endOfPreviousYear,
  percentOf,
  plannedParticipants,
  ranksByShareOfPlan,
  remainingToPlan,
  requiredDailyPace,
} from './planArithmetic.ts';

describe('the plan', () => {
  it('is the plan’s own number when it has one, a coverage target otherwise', () => {
    expect(plannedParticipants({ planned: 3_261_620, coverageTargetPercent: 95 }, 1_936_800)).toBe(3_261_620);
    // Hải Dương 2025: 95% of the population, rounded up to a whole person.
    expect(plannedParticipants({ planned: null, coverageTargetPercent: 95 }, 1_936_801)).toBe(1_839_961);
    expect(plannedParticipants({ planned: null, coverageTargetPercent: 95 }, 1_936_800)).toBe(1_839_960);
    expect(plannedParticipants({ planned: null, coverageTargetPercent: 95 }, null)).toBeNull();
    expect(plannedParticipants(null, 1_000)).toBeNull();
  });

  it('rounds a coverage target up without floating point’s hair above a whole number', () => {
    // 9.8% of 1,500 people is 147 exactly, but 147.00000000000003 in floating point.
    expect((9.8 * 1_500) / 100).toBeGreaterThan(147);
    expect(plannedParticipants({ planned: null, coverageTargetPercent: 9.8 }, 1_500)).toBe(147);
    expect(plannedParticipants({ planned: null, coverageTargetPercent: 48.6 }, 1_170_000)).toBe(568_620);
    expect(plannedParticipants({ planned: null, coverageTargetPercent: 42.6 }, 1_170_001)).toBe(498_421);
  });

  it('gives % of plan and coverage unrounded, null without a whole', () => {
    expect(percentOf(391_893, 374_624)?.toFixed(2)).toBe('104.61');
    expect(percentOf(1, 3)).toBe((1 / 3) * 100);
    expect(percentOf(5, 0)).toBeNull();
    expect(percentOf(5, null)).toBeNull();
  });
});

describe('what is left to do by 31 December', () => {
  it('counts the days after the report day, 31 December included', () => {
    expect(daysLeftInYear('2021-11-30')).toBe(31);
    expect(daysLeftInYear('2021-12-10')).toBe(21);
    expect(daysLeftInYear('2021-12-31')).toBe(0);
    expect(daysLeftInYear('2024-01-01')).toBe(365);
  });

  it('needs the rest spread over the days left, rounded up; nothing once met', () => {
    // Seed 002: "hơn 40.000 người … chỉ còn hơn 20 ngày".
    expect(remainingToPlan(3_220_197, 3_261_620)).toBe(41_423);
    expect(requiredDailyPace(41_423, '2021-12-10')).toBe(1_973);
    expect(requiredDailyPace(41_423, '2021-11-30')).toBe(Math.ceil(41_423 / 31));
    expect(remainingToPlan(391_893, 374_624)).toBe(0);
    expect(requiredDailyPace(0, '2021-12-31')).toBe(0);
    expect(requiredDailyPace(10, '2021-12-31')).toBeNull();
    expect(remainingToPlan(10, null)).toBeNull();
    expect(requiredDailyPace(null, '2021-11-30')).toBeNull();
  });
});

describe('the days the changes are counted from', () => {
  it('is the last day of the previous month, and 31 December of the previous year', () => {
    expect(endOfPreviousMonth('2021-11-30')).toBe('2021-10-31');
    expect(endOfPreviousMonth('2024-03-15')).toBe('2024-02-29');
    expect(endOfPreviousMonth('2022-01-31')).toBe('2021-12-31');
    expect(endOfPreviousYear('2021-11-30')).toBe('2020-12-31');
    expect(endOfPreviousYear('2022-01-01')).toBe('2021-12-31');
  });

  it('is unknown when either figure is', () => {
    expect(change(3_294_829, 3_275_665)).toBe(19_164);
    expect(change(5, null)).toBeNull();
    expect(change(null, 5)).toBeNull();
  });
});

describe('ranks', () => {
  it('puts the highest share of plan first, ties sharing a rank and the next one skipped', () => {
    const ranks = ranksByShareOfPlan([
      { participants: 90, planned: 100 },
      { participants: 110, planned: 100 },
      { participants: 55, planned: 50 },
      null,
      { participants: 1, planned: 0 },
      { participants: 80, planned: 100 },
    ]);
    expect(ranks).toEqual([3, 1, 1, null, null, 4]);
  });

  it('ties shares that floating point tells apart', () => {
    // 1/3 and 3/9 are one share, though 1 / 3 * 100 and 3 / 9 * 100 need not print alike.
    expect(
      ranksByShareOfPlan([
        { participants: 1, planned: 3 },
        { participants: 3, planned: 9 },
      ]),
    ).toEqual([1, 1]);
    expect(
      ranksByShareOfPlan([
        { participants: 90_000_001, planned: 180_000_003 },
        { participants: 90_000_000, planned: 180_000_001 },
      ]),
    ).toEqual([1, 2]);
  });
});
