/** A wall screen shows at most this many tiles at once (API.md); a board with more pages. */
export const TILES_PER_SCREEN = 40;

/** How the bands of one tile are laid out: one column per scheme, or one row per scheme. */
export type Arrangement = 'side' | 'stacked';

/** What a band shows: each status in words, or in a word for a dense grid (30 to 40 tiles). */
export type Density = 'full' | 'compact';

/** A tile's size in pixels with its type at the smallest size the wall allows (fit 1). */
export interface TileSize {
  arrangement: Arrangement;
  density: Density;
  width: number;
  height: number;
}

export interface TileGrid {
  arrangement: Arrangement;
  density: Density;
  columns: number;
  rows: number;
  /** How many times the smallest type every size in a tile is drawn at (1 and up). */
  fit: number;
  /** False when even the smallest type does not fit: the tiles overflow their cells. */
  fits: boolean;
}

/** Big type is good, but three units on a wall need not be a poster. */
export const MAX_FIT = 3;
/** Text is not exactly proportional to its size (hinting, rounding to pixels): a margin. */
const SAFETY = 0.98;

/** Where the tiles go, and the tiles measured there (useTileSpace). */
export interface TileSpace {
  width: number;
  height: number;
  /** Between cells, in pixels, the same at every fit. */
  gap: number;
  tiles: readonly TileSize[];
}

/**
 * The grid that draws `count` tiles largest in the space given: for each arrangement and each
 * number of columns, how much the tile, measured at fit 1, can grow before its cell stops it.
 * A band's status in words is kept whenever it fits at the smallest type; in a word otherwise.
 */
export function bestTileGrid(space: TileSpace & { count: number }): TileGrid {
  const count = Math.max(1, space.count);
  const grids = (['full', 'compact'] as const).flatMap((density) => {
    const grid = largestGrid(
      count,
      space,
      space.tiles.filter((tile) => tile.density === density),
    );
    return grid ? [{ ...grid, density }] : [];
  });
  const chosen = grids.find((grid) => grid.fits) ?? grids.sort((a, b) => b.fit - a.fit)[0];
  return chosen ?? { arrangement: 'side', density: 'full', columns: count, rows: 1, fit: 1, fits: false };
}

function largestGrid(
  count: number,
  space: { width: number; height: number; gap: number },
  tiles: readonly TileSize[],
): Omit<TileGrid, 'density'> | null {
  let best: { arrangement: Arrangement; columns: number; rows: number; scale: number; empty: number } | null =
    null;
  for (const tile of tiles) {
    if (tile.width <= 0 || tile.height <= 0) continue;
    for (let columns = 1; columns <= count; columns++) {
      const rows = Math.ceil(count / columns);
      const cellWidth = (space.width - (columns - 1) * space.gap) / columns;
      const cellHeight = (space.height - (rows - 1) * space.gap) / rows;
      const scale = Math.min(cellWidth / tile.width, cellHeight / tile.height);
      const empty = columns * rows - count;
      if (!best || scale > best.scale + 1e-9 || (Math.abs(scale - best.scale) <= 1e-9 && empty < best.empty))
        best = { arrangement: tile.arrangement, columns, rows, scale, empty };
    }
  }
  if (!best) return null;
  const fit = Math.floor(best.scale * SAFETY * 100) / 100;
  return {
    arrangement: best.arrangement,
    columns: best.columns,
    rows: best.rows,
    fit: Math.min(MAX_FIT, Math.max(1, fit)),
    fits: fit >= 1,
  };
}

/**
 * How many tiles one screen holds at the smallest type: TILES_PER_SCREEN, unless names or
 * figures longer than any the wall was drawn for leave room for fewer. Paging then is better
 * than tiles running into each other.
 */
export function screenCapacity(space: TileSpace): number {
  for (let count = TILES_PER_SCREEN; count > 1; count--)
    if (bestTileGrid({ ...space, count }).fits) return count;
  return 1;
}

/** Pages of at most `capacity` tiles, as even as can be (45 units: 23 and 22, not 40 and 5). */
export function wallPages(count: number, capacity = TILES_PER_SCREEN): { pages: number; perPage: number } {
  const pages = Math.max(1, Math.ceil(count / Math.max(1, capacity)));
  return { pages, perPage: Math.max(1, Math.ceil(count / pages)) };
}
