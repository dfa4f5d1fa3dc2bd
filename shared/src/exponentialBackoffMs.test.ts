import { describe, expect, it } from 'vitest';
import { exponentialBackoffMs } from './exponentialBackoffMs.ts';

describe('exponentialBackoffMs', () => {
  it('doubles from the first wait with each failure, up to the bound', () => {
    expect([0, 1, 2, 3, 4, 5, 30].map((attempt) => exponentialBackoffMs(attempt, 500, 5000))).toEqual([
      500, 1000, 2000, 4000, 5000, 5000, 5000,
    ]);
    expect(exponentialBackoffMs(-1, 500, 5000)).toBe(500);
  });
});
