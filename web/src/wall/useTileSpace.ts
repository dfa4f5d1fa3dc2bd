import { type RefObject, useLayoutEffect, useState } from 'react';
import type { Arrangement, Density, TileSpace } from './wallLayout.ts';

const sameSpace = (a: TileSpace | null, b: TileSpace) =>
  a !== null &&
  a.width === b.width &&
  a.height === b.height &&
  a.gap === b.gap &&
  a.tiles.length === b.tiles.length &&
  a.tiles.every((tile, i) => tile.width === b.tiles[i]?.width && tile.height === b.tiles[i]?.height);

/**
 * The space of the element `tiles` and the size of each probe tile (WallProbe) inside `probes`,
 * measured before paint once the tiles are `drawn`, and again whenever the space changes (a
 * resize, full screen) or `probeKey` does (what the probes hold: names, language, the widest
 * figures).
 */
export function useTileSpace(
  tiles: RefObject<HTMLElement | null>,
  probes: RefObject<HTMLElement | null>,
  drawn: boolean,
  probeKey: string,
): TileSpace | null {
  const [space, setSpace] = useState<TileSpace | null>(null);
  const [resized, setResized] = useState(0);

  useLayoutEffect(() => {
    const element = tiles.current;
    if (!drawn || !element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setResized((n) => n + 1));
    observer.observe(element);
    // Type drawn before its font had loaded measured another width.
    void document.fonts?.ready.then(() => setResized((n) => n + 1));
    return () => observer.disconnect();
  }, [tiles, drawn]);

  useLayoutEffect(() => {
    const element = tiles.current;
    const probe = probes.current;
    if (!drawn || !element || !probe) return;
    const next: TileSpace = {
      width: element.clientWidth,
      height: element.clientHeight,
      gap: Number.parseFloat(getComputedStyle(element).rowGap) || 0,
      tiles: [...probe.querySelectorAll<HTMLElement>('[data-probe]')].map((tile) => {
        const box = tile.getBoundingClientRect();
        const [arrangement, density] = (tile.dataset.probe ?? '').split(' ') as [Arrangement, Density];
        return { arrangement, density, width: box.width, height: box.height };
      }),
    };
    setSpace((current) => (sameSpace(current, next) ? current : next));
  }, [tiles, probes, drawn, probeKey, resized]);

  return space;
}
