import { describe, expect, it } from 'vitest';
import { vnDay } from './vnDay.ts';

describe('vnDay', () => {
  it('counts 06:30 on 5 May in Viet Nam (23:30 UTC on 4 May) for 5 May', () => {
    expect(vnDay.of(new Date('2026-05-04T23:30:00Z'))).toBe('2026-05-05');
  });

  it('puts 23:59 and 00:00 Viet Nam time on either side of midnight', () => {
    expect(vnDay.of(new Date('2026-05-04T23:59:59+07:00'))).toBe('2026-05-04');
    expect(vnDay.of(new Date('2026-05-05T00:00:00+07:00'))).toBe('2026-05-05');
    expect(vnDay.of(new Date('2026-05-04T16:59:59.999Z'))).toBe('2026-05-04');
    expect(vnDay.of(new Date('2026-05-04T17:00:00.000Z'))).toBe('2026-05-05');
  });

  it('gives each instant its own day when calls go back and forth between days and years', () => {
    const instants = [
      '2026-05-04T16:59:59.999Z',
      '2026-05-04T17:00:00.000Z',
      '1969-12-31T16:59:59.999Z',
      '1969-12-31T17:00:00.000Z',
    ];
    for (let round = 0; round < 2; round++) {
      expect(instants.map((instant) => vnDay.of(new Date(instant)))).toEqual([
        '2026-05-04',
        '2026-05-05',
        '1969-12-31',
        '1970-01-01',
      ]);
    }
    expect(() => vnDay.of(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('starts a Viet Nam day at 17:00 UTC the day before', () => {
    expect(vnDay.startOf('2026-05-05').toISOString()).toBe('2026-05-04T17:00:00.000Z');
  });

  it('accepts only real calendar days', () => {
    expect(vnDay.isValid('2026-05-31')).toBe(true);
    expect(vnDay.isValid('2028-02-29')).toBe(true);
    expect(vnDay.isValid('2026-02-29')).toBe(false);
    expect(vnDay.isValid('2026-13-01')).toBe(false);
    expect(vnDay.isValid('2026-5-1')).toBe(false);
    expect(vnDay.isValid('05/05/2026')).toBe(false);
  });

  it('does day arithmetic across month and year ends', () => {
    expect(vnDay.addDays('2026-05-31', 1)).toBe('2026-06-01');
    expect(vnDay.addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(vnDay.between('2026-05-01', '2026-05-31')).toBe(30);
    expect(vnDay.range('2026-04-29', '2026-05-02')).toEqual([
      '2026-04-29',
      '2026-04-30',
      '2026-05-01',
      '2026-05-02',
    ]);
  });
});
