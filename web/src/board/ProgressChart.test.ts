import { describe, expect, it } from 'vitest';
import { tally } from '../test/tally.ts';
import { schemePoints } from './ProgressChart.tsx';

const may = { startsOn: '2026-05-01', endsOn: '2026-05-05' };
const history = [
  { date: '2026-05-01', scheme: 'VOLUNTARY_SI' as const, count: 5, cumulative: 5, plan: 20 },
  { date: '2026-05-02', scheme: 'VOLUNTARY_SI' as const, count: 3, cumulative: 8, plan: 40 },
  { date: '2026-05-01', scheme: 'HOUSEHOLD_HI' as const, count: 9, cumulative: 9, plan: 200 },
  { date: '2026-05-02', scheme: 'HOUSEHOLD_HI' as const, count: 9, cumulative: 18, plan: 400 },
];

describe('the chart’s points', () => {
  it('runs from the first day to the last, the cumulative stopping at the board day, the plan going on to the target', () => {
    const points = schemePoints(history, tally({ cumulative: 11, target: 100 }), '2026-05-02', may);
    expect(points).toEqual([
      { date: '2026-05-01', actual: 5, plan: 20 },
      // The board day's cumulative is the live tally's, ahead of the history read with the board.
      { date: '2026-05-02', actual: 11, plan: 40 },
      { date: '2026-05-03', plan: 60 },
      { date: '2026-05-04', plan: 80 },
      { date: '2026-05-05', plan: 100 },
    ]);
  });

  it('keeps each scheme to its own history and target', () => {
    const points = schemePoints(
      history,
      tally({ scheme: 'HOUSEHOLD_HI', cumulative: 18, target: 1000 }),
      '2026-05-02',
      may,
    );
    expect(points.map((point) => point.plan)).toEqual([200, 400, 600, 800, 1000]);
    expect(points.map((point) => point.actual)).toEqual([9, 18, undefined, undefined, undefined]);
  });

  it('reaches the target on the last day from a plan that was set unevenly', () => {
    const uneven = [
      { date: '2026-05-01', scheme: 'VOLUNTARY_SI' as const, count: 0, cumulative: 0, plan: 10 },
    ];
    const points = schemePoints(uneven, tally({ cumulative: 0, target: 50 }), '2026-05-01', may);
    expect(points.map((point) => point.plan)).toEqual([10, 20, 30, 40, 50]);
  });

  it('draws the plan alone before anything is known, and the cumulative of the last day on it', () => {
    expect(schemePoints([], tally({ cumulative: 0, target: 5 }), '2026-05-01', may)).toEqual([
      { date: '2026-05-01', actual: 0, plan: 1 },
      { date: '2026-05-02', plan: 2 },
      { date: '2026-05-03', plan: 3 },
      { date: '2026-05-04', plan: 4 },
      { date: '2026-05-05', plan: 5 },
    ]);
    const last = schemePoints(history, tally({ cumulative: 8, target: 100 }), '2026-05-05', may);
    expect(last.at(-1)).toEqual({ date: '2026-05-05', actual: 8, plan: 100 });
  });
});
