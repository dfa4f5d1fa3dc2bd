import { describe, expect, it } from 'vitest';
import { monthEnds } from './monthEnds.ts';

describe('monthEnds', () => {
  it('lists the month ends before today, newest first, across a year and a leap February', () => {
    expect(monthEnds('2024-03-15', 4)).toEqual(['2024-02-29', '2024-01-31', '2023-12-31', '2023-11-30']);
  });
  it('starts with the previous month on a month’s last day too: today is offered on its own', () => {
    expect(monthEnds('2021-11-30', 1)).toEqual(['2021-10-31']);
  });
});
