import { describe, expect, it } from 'vitest';
import { defaultWorkingHours } from './defaultWorkingHours.ts';
import { planToNow } from './planToNow.ts';

/** An instant in Viet Nam's time (UTC+7). */
const at = (local: string) => new Date(`${local}+07:00`);
const day = { planBeforeDay: 12_000, dailyGoal: 2000, date: '2026-11-22', workingHours: defaultWorkingHours };

describe('planToNow', () => {
  it.each([
    ['00:00', 12_000],
    ['07:29', 12_000],
    ['07:30', 12_000],
    // 4 h 30 of the 9 h 30 working day: 2000 × 270 / 570 = 947.4
    ['12:00', 12_947],
    ['16:59', 13_996],
    ['17:00', 14_000],
    ['23:59', 14_000],
  ])('at %s owes the days before and the hour’s share of the day’s goal: %d', (clock, plan) => {
    expect(planToNow({ ...day, now: at(`2026-11-22T${clock}:00`) })).toBe(plan);
  });

  it('owes a past board day whole and a day still to come not at all', () => {
    expect(planToNow({ ...day, now: at('2026-11-23T06:00:00') })).toBe(14_000);
    expect(planToNow({ ...day, now: at('2026-11-21T12:00:00') })).toBe(12_000);
  });

  it('reads the day in Viet Nam: 01:00 UTC is 08:00 there', () => {
    // 30 minutes in: 2000 × 30 / 570 = 105.3
    expect(planToNow({ ...day, now: new Date('2026-11-22T01:00:00Z') })).toBe(12_105);
  });

  it('follows the campaign’s working hours', () => {
    const hours = { start: '08:00', end: '12:00' };
    expect(planToNow({ ...day, workingHours: hours, now: at('2026-11-22T10:00:00') })).toBe(13_000);
    expect(planToNow({ ...day, workingHours: hours, now: at('2026-11-22T13:00:00') })).toBe(14_000);
    expect(() =>
      planToNow({ ...day, workingHours: { start: '7h30', end: '17:00' }, now: at('2026-11-22T09:00:00') }),
    ).toThrow('a working-day time must be HH:MM, not "7h30"');
  });
});
