import { describe, expect, it } from 'vitest';
import { type PlannedDay, planBeforeDay } from './planBeforeDay.ts';
import { vnDay } from './vnDay.ts';

const drive = { startsOn: '2026-11-16', endsOn: '2026-12-05', target: 40_000 };
const daysOf = (entries: [string, PlannedDay][]) => new Map(entries);

describe('planBeforeDay', () => {
  it('owes nothing before the first day', () => {
    expect(planBeforeDay({ ...drive, day: '2026-11-16', days: daysOf([]) })).toBe(0);
  });

  it('sums the derived goals of a unit on pace: 2,000 a day for six days', () => {
    const onPace = daysOf(vnDay.range('2026-11-16', '2026-11-21').map((d) => [d, { counted: 2000 }]));
    expect(planBeforeDay({ ...drive, day: '2026-11-22', days: onPace })).toBe(12_000);
  });

  it('asks more of a unit that fell behind, as its daily goals did', () => {
    // Nothing on the 16th: 40,000 / 20 = 2,000; then 40,000 / 19 = 2,105.3, rounded up.
    const idle = daysOf([['2026-11-16', { counted: 0 }]]);
    expect(planBeforeDay({ ...drive, day: '2026-11-18', days: idle })).toBe(2000 + 2106);
  });

  it('takes the command centre’s goal where it set one, and the derived goal after it', () => {
    // A launch day asking 3,000, met: then (40,000 − 3,000) / 19 = 1,947.4, rounded up.
    const launch = daysOf([['2026-11-16', { counted: 3000, explicitGoal: 3000 }]]);
    expect(planBeforeDay({ ...drive, day: '2026-11-18', days: launch })).toBe(3000 + 1948);
  });

  it('stops at the campaign’s last day', () => {
    const onPace = daysOf(vnDay.range('2026-11-16', '2026-12-05').map((d) => [d, { counted: 2000 }]));
    expect(planBeforeDay({ ...drive, day: '2026-12-05', days: onPace })).toBe(38_000);
    expect(planBeforeDay({ ...drive, day: '2026-12-09', days: onPace })).toBe(40_000);
  });
});
