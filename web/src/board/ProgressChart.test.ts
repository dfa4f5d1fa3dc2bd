import { describe, expect, it } from 'vitest';
import { tally } from '../test/tally.ts';
import { chartPoints } from './ProgressChart.tsx';

describe('the chart’s points', () => {
  it('gives one point a day, with the board day’s cumulative taken from the live totals', () => {
    const history = [
      { date: '2026-11-17', scheme: 'VOLUNTARY_SI' as const, count: 5, cumulative: 5, plan: 10 },
      { date: '2026-11-18', scheme: 'VOLUNTARY_SI' as const, count: 3, cumulative: 8, plan: 20 },
    ];
    expect(chartPoints(history, [tally({ cumulative: 11 })], '2026-11-18')).toEqual([
      { date: '2026-11-17', VOLUNTARY_SI: 5, 'VOLUNTARY_SI:plan': 10 },
      { date: '2026-11-18', VOLUNTARY_SI: 11, 'VOLUNTARY_SI:plan': 20 },
    ]);
  });
});
