import type { CSSProperties } from 'react';
import type { TileGrid } from './wallLayout.ts';

/**
 * The attributes of a wall's grid of tiles (.wall-tiles): its arrangement, density and fit as
 * data attributes for CSS and tests, and its columns, rows and fit as CSS variables; a square-ish
 * guess for `perPage` until the tiles are measured. `style` adds variables of the page's own.
 */
export function tileGridAttributes(
  grid: TileGrid | null,
  perPage: number,
  style: Record<string, number> = {},
) {
  const columns = grid?.columns ?? Math.ceil(Math.sqrt(perPage * 2));
  return {
    'data-arrangement': grid?.arrangement ?? 'side',
    'data-density': grid?.density ?? 'full',
    'data-fit': grid?.fit ?? 1,
    'data-fits': grid ? String(grid.fits) : undefined,
    style: {
      '--columns': columns,
      '--rows': grid?.rows ?? Math.ceil(perPage / columns),
      '--fit': grid?.fit ?? 1,
      ...style,
    } as CSSProperties,
  };
}
