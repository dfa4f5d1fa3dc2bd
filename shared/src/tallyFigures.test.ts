import { describe, expect, it } from 'vitest';
import { tallyFigures } from './tallyFigures.ts';

// A 20-day drive, 16 Nov – 5 Dec; the board is read on its 7th day.
const drive = { startsOn: '2026-11-16', endsOn: '2026-12-05', date: '2026-11-22' };

describe('tallyFigures', () => {
  it('computes percents, pace and projection from exact values', () => {
    const figures = tallyFigures({
      ...drive,
      today: 1046,
      dailyGoal: 2000,
      cumulative: 14_000,
      target: 40_000,
    });
    expect(figures.percentOfDailyGoal).toBeCloseTo(52.3, 10);
    expect(figures.percentOfTarget).toBe(35);
    // 26,000 left over the 13 days after the 22nd.
    expect(figures.requiredDailyPace).toBe(2000);
    expect(figures.projectedTotal).toBe(40_000);
    expect(figures.status).toBe('ON_TRACK');
    expect(figures.metDailyGoal).toBe(false);
    expect(figures.metTarget).toBe(false);
  });

  it('grades against the plan to date: ahead from 105%, behind under 90%', () => {
    // Plan to date: 40,000 × 7 / 20 = 14,000.
    const at = (cumulative: number) =>
      tallyFigures({ ...drive, today: 10, dailyGoal: 2000, cumulative, target: 40_000 }).status;
    expect(at(14_700)).toBe('AHEAD');
    expect(at(14_699)).toBe('ON_TRACK');
    expect(at(12_600)).toBe('ON_TRACK');
    expect(at(12_599)).toBe('BEHIND');
  });

  it('says a unit has no activity yet when nothing is counted today', () => {
    expect(tallyFigures({ ...drive, today: 0, dailyGoal: 5, cumulative: 500, target: 100 }).status).toBe(
      'NO_ACTIVITY_YET',
    );
  });

  it('has no percent without a goal or target, and asks the whole remainder on the last day', () => {
    const last = tallyFigures({
      ...drive,
      date: '2026-12-05',
      today: 3,
      dailyGoal: 0,
      cumulative: 90,
      target: 0,
    });
    expect(last.percentOfDailyGoal).toBeNull();
    expect(last.percentOfTarget).toBeNull();
    expect(
      tallyFigures({ ...drive, date: '2026-12-05', today: 3, dailyGoal: 10, cumulative: 90, target: 100 })
        .requiredDailyPace,
    ).toBe(10);
    expect(
      tallyFigures({ ...drive, today: 2500, dailyGoal: 2000, cumulative: 41_000, target: 40_000 }),
    ).toMatchObject({
      metDailyGoal: true,
      metTarget: true,
      requiredDailyPace: 0,
    });
  });
});
