import { describe, expect, it } from 'vitest';
import { LAST_PAGE, nextPage, nextScreen, previousPage, previousScreen, wallViews } from './wallRotation.ts';

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

  it('shows the progress alone by default, the covers alone or both in turn when asked', () => {
    expect(wallViews(null)).toEqual(['progress']);
    expect(wallViews('nonsense')).toEqual(['progress']);
    expect(wallViews('covers')).toEqual(['covers']);
    expect(wallViews('all')).toEqual(['progress', 'covers']);
  });

  it('turns from the last page of one view to the first of the next, and back', () => {
    const both = wallViews('all');
    expect(nextScreen({ view: 'progress', page: 0 }, 1, both)).toEqual({ view: 'covers', page: 0 });
    expect(nextScreen({ view: 'covers', page: 0 }, 2, both)).toEqual({ view: 'covers', page: 1 });
    expect(nextScreen({ view: 'covers', page: 1 }, 2, both)).toEqual({ view: 'progress', page: 0 });
    expect(previousScreen({ view: 'covers', page: 1 }, 2, both)).toEqual({ view: 'covers', page: 0 });
    expect(previousScreen({ view: 'covers', page: 0 }, 2, both)).toEqual({
      view: 'progress',
      page: LAST_PAGE,
    });
    // One view: round within it.
    expect(nextScreen({ view: 'covers', page: 1 }, 2, ['covers'])).toEqual({ view: 'covers', page: 0 });
    expect(previousScreen({ view: 'covers', page: 0 }, 2, ['covers'])).toEqual({ view: 'covers', page: 1 });
  });
});
