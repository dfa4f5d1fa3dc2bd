import { describe, expect, it } from 'vitest';
import { formatDay, formatNumber, formatPercent, formatShortDay, formatTime } from './format.ts';

describe('Vietnamese formatting (DOMAIN.md)', () => {
  it('writes numbers and percentages as Vietnamese reports do', () => {
    expect(formatNumber(3294829, 'vi')).toBe('3.294.829');
    expect(formatPercent(104.61, 'vi')).toBe('104,61%');
    expect(formatPercent(84.7349, 'vi')).toBe('84,73%');
    expect(formatPercent(null, 'vi')).toBe('–');
  });

  it('writes English with English separators', () => {
    expect(formatNumber(3294829, 'en')).toBe('3,294,829');
    expect(formatPercent(104.61, 'en')).toBe('104.61%');
  });

  it('writes a Viet Nam day as dd/mm/yyyy whatever the screen’s time zone', () => {
    expect(formatDay('2026-11-22', 'vi')).toBe('22/11/2026');
    expect(formatDay('2026-11-22', 'en')).toBe('22/11/2026');
    expect(formatShortDay('2026-05-01')).toBe('01/05');
  });

  it('gives times in Viet Nam: 23:30 UTC is 06:30 the next morning', () => {
    expect(formatTime('2026-05-04T23:30:05Z', 'vi')).toBe('06:30:05');
  });
});
