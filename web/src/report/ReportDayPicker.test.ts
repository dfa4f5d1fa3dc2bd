import { describe, expect, it } from 'vitest';
import { dayOfTyped } from './ReportDayPicker.tsx';

describe('a report day typed as Vietnamese write it', () => {
  it('reads day/month/year, with slashes, dashes or dots, and one-digit days and months', () => {
    expect(dayOfTyped('30/11/2021')).toBe('2021-11-30');
    expect(dayOfTyped(' 1-2-2024 ')).toBe('2024-02-01');
    expect(dayOfTyped('29.02.2024')).toBe('2024-02-29');
  });
  it('refuses what is no day: 31 November, 29 February of 2023, the ISO order, words', () => {
    for (const typed of ['31/11/2021', '29/02/2023', '2021-11-30', 'hôm qua', ''])
      expect(dayOfTyped(typed)).toBeNull();
  });
});
