import { describe, expect, it } from 'vitest';
import { coverageMonthsAllowed, coverageUntil } from './cover.ts';

describe('cover periods', () => {
  it('run from their first day for the months paid, both days included', () => {
    expect(coverageUntil('2026-12-01', 3)).toBe('2027-02-28');
    expect(coverageUntil('2027-03-01', 3)).toBe('2027-05-31');
    expect(coverageUntil('2026-05-10', 12)).toBe('2027-05-09');
    expect(coverageUntil('2027-01-31', 1)).toBe('2027-02-28');
    expect(coverageUntil('2028-01-31', 1)).toBe('2028-02-29');
    expect(coverageUntil('2025-08-29', 6)).toBe('2026-02-28');
    expect(coverageUntil('2026-03-01', 1)).toBe('2026-03-31');
    expect(coverageUntil('2024-02-29', 12)).toBe('2025-02-28');
    expect(coverageUntil('2026-11-15', 60)).toBe('2031-11-14');
  });

  it('are paid in the months each scheme allows', () => {
    expect([3, 6, 12].every((m) => coverageMonthsAllowed('HOUSEHOLD_HI', m))).toBe(true);
    expect([1, 2, 4, 24, 0].some((m) => coverageMonthsAllowed('HOUSEHOLD_HI', m))).toBe(false);
    expect([1, 3, 6, 12, 24, 36, 48, 60].every((m) => coverageMonthsAllowed('VOLUNTARY_SI', m))).toBe(true);
    expect([0, 2, 5, 13, 18, 72, -12, 1.5].some((m) => coverageMonthsAllowed('VOLUNTARY_SI', m))).toBe(false);
  });
});
