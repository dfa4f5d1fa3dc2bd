import { describe, expect, it } from 'vitest';
import { nextPage, previousPage } from './wallRotation.ts';

describe('the wall’s rotation', () => {
  it('turns the pages of a board of more than 40 units, and round again', () => {
    expect(nextPage(0, 2)).toBe(1);
    expect(nextPage(1, 2)).toBe(0);
    expect(previousPage(0, 3)).toBe(2);
  });

  it('stays on the one page of a board that fits a screen', () => {
    expect(nextPage(0, 1)).toBe(0);
    expect(previousPage(0, 1)).toBe(0);
  });
});
