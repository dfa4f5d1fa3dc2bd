import { describe, expect, it } from 'vitest';
import { nextPosition, nextSlot, previousSlot, rowsThatFit } from './wallRotation.ts';

describe('the wall’s rotation', () => {
  it('pages through a board’s rows, then moves to the next board, and round again', () => {
    expect(nextPosition({ slot: 0, page: 0 }, 3, 4)).toEqual({ slot: 0, page: 1 });
    expect(nextPosition({ slot: 0, page: 2 }, 3, 4)).toEqual({ slot: 1, page: 0 });
    expect(nextPosition({ slot: 3, page: 0 }, 1, 4)).toEqual({ slot: 0, page: 0 });
  });

  it('skips to the next or previous board with the keys', () => {
    expect(nextSlot({ slot: 1, page: 2 }, 4)).toEqual({ slot: 2, page: 0 });
    expect(previousSlot({ slot: 0, page: 1 }, 4)).toEqual({ slot: 3, page: 0 });
  });

  it('fits whole rows between the totals and the footer', () => {
    expect(rowsThatFit({ viewportHeight: 1080, rowsTop: 400, rowHeight: 80, below: 120 })).toBe(7);
    expect(rowsThatFit({ viewportHeight: 600, rowsTop: 500, rowHeight: 80, below: 120 })).toBe(3);
  });
});
