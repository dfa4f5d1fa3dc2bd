/** The next page of the wall's tiles, round again after the last (the rotation and key →). */
export function nextPage(page: number, pages: number): number {
  return pages > 0 ? (page + 1) % pages : 0;
}

/** The page before (key ←). */
export function previousPage(page: number, pages: number): number {
  return pages > 0 ? (page - 1 + pages) % pages : 0;
}

/** What a wall screen shows: the progress of the units (tiles of their targets) or their covers. */
export type WallView = 'progress' | 'covers';

/** The views of `?view=`: the progress alone (the default), the covers alone, or both in turn. */
export function wallViews(asked: string | null): readonly WallView[] {
  if (asked === 'covers') return ['covers'];
  if (asked === 'all') return ['progress', 'covers'];
  return ['progress'];
}

export interface WallScreen {
  view: WallView;
  page: number;
}

/**
 * The screen after `screen`, which is one of `pages` of its view: its next page, then the first
 * page of the next view, round again after the last (the rotation and key →).
 */
export function nextScreen(screen: WallScreen, pages: number, views: readonly WallView[]): WallScreen {
  if (screen.page + 1 < pages) return { view: screen.view, page: screen.page + 1 };
  const at = views.indexOf(screen.view);
  return { view: views[(at + 1) % views.length] ?? screen.view, page: 0 };
}

/**
 * The screen before (key ←): the page before, else the last page of the view before, whose
 * number of pages is not known until it is drawn (LAST_PAGE: the view shows its last).
 */
export function previousScreen(screen: WallScreen, pages: number, views: readonly WallView[]): WallScreen {
  const page = Math.min(screen.page, pages - 1);
  if (page > 0) return { view: screen.view, page: page - 1 };
  const at = views.indexOf(screen.view);
  const view = views[(at - 1 + views.length) % views.length] ?? screen.view;
  return { view, page: view === screen.view ? Math.max(0, pages - 1) : LAST_PAGE };
}

/** A page beyond any view's: the view draws its last page, and says how many it has. */
export const LAST_PAGE = Number.MAX_SAFE_INTEGER;
