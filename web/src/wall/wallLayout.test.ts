import { describe, expect, it } from 'vitest';
import { bestTileGrid, screenCapacity, type TileSize, wallPages } from './wallLayout.ts';

// Tiles as a 1920×1080 screen measures them at the smallest type (WallProbe).
const tiles: TileSize[] = [
  { arrangement: 'side', density: 'full', width: 415, height: 120 },
  { arrangement: 'stacked', density: 'full', width: 211, height: 201 },
  { arrangement: 'side', density: 'compact', width: 432, height: 101 },
  { arrangement: 'stacked', density: 'compact', width: 220, height: 162 },
];
const screen = { width: 1885, height: 879, gap: 6, tiles };

describe('the grid of the wall’s tiles', () => {
  it('draws 27 districts in one grid, with each status in words, a little larger than the smallest type', () => {
    const grid = bestTileGrid({ ...screen, count: 27 });
    expect(grid).toMatchObject({ arrangement: 'stacked', density: 'full', columns: 7, rows: 4, fits: true });
    expect(grid.fit).toBeGreaterThan(1);
    // The cells hold the tile at that size.
    expect(grid.columns * 211 * grid.fit + (grid.columns - 1) * 6).toBeLessThanOrEqual(1885);
    expect(grid.rows * 201 * grid.fit + (grid.rows - 1) * 6).toBeLessThanOrEqual(879);
  });

  it('says each status in a word when 40 units leave no room for the words', () => {
    const grid = bestTileGrid({ ...screen, count: 40 });
    expect(grid).toMatchObject({ density: 'compact', columns: 8, rows: 5, fits: true });
  });

  it('grows the type for a few units, up to a limit', () => {
    expect(bestTileGrid({ ...screen, count: 3 }).fit).toBeGreaterThan(2);
    expect(bestTileGrid({ ...screen, count: 1 }).fit).toBe(3);
  });

  it('says so when even the smallest type does not fit, and never draws it smaller', () => {
    const grid = bestTileGrid({ ...screen, count: 80 });
    expect(grid.fits).toBe(false);
    expect(grid.fit).toBe(1);
  });
});

describe('the wall’s pages', () => {
  it('holds 40 tiles a screen, fewer only when names or figures longer than any seen need wider tiles', () => {
    expect(screenCapacity(screen)).toBe(40);
    const wider = tiles.map((tile) => ({ ...tile, width: tile.width * 1.3 }));
    const capacity = screenCapacity({ ...screen, tiles: wider });
    expect(capacity).toBeLessThan(40);
    expect(bestTileGrid({ ...screen, tiles: wider, count: capacity }).fits).toBe(true);
    expect(bestTileGrid({ ...screen, tiles: wider, count: capacity + 1 }).fits).toBe(false);
    expect(wallPages(40, capacity).pages).toBe(2);
  });

  it('has one page up to 40 units, then pages as even as can be', () => {
    expect(wallPages(0)).toEqual({ pages: 1, perPage: 1 });
    expect(wallPages(27)).toEqual({ pages: 1, perPage: 27 });
    expect(wallPages(40)).toEqual({ pages: 1, perPage: 40 });
    expect(wallPages(41)).toEqual({ pages: 2, perPage: 21 });
    expect(wallPages(45)).toEqual({ pages: 2, perPage: 23 });
    expect(wallPages(63)).toEqual({ pages: 2, perPage: 32 });
  });
});
