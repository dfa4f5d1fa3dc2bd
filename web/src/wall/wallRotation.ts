export interface WallPosition {
  /** Which board: 0 is the unit of the address, then each child unit in turn. */
  slot: number;
  /** Which page of that board's rows. */
  page: number;
}

/** The next screen: the next page of this board's rows, or the first page of the next board. */
export function nextPosition(position: WallPosition, pages: number, slots: number): WallPosition {
  if (position.page + 1 < pages) return { slot: position.slot, page: position.page + 1 };
  return { slot: slots > 0 ? (position.slot + 1) % slots : 0, page: 0 };
}

/** The next board, from its first page (key → on the wall). */
export function nextSlot(position: WallPosition, slots: number): WallPosition {
  return { slot: slots > 0 ? (position.slot + 1) % slots : 0, page: 0 };
}

/** The board before (key ← on the wall). */
export function previousSlot(position: WallPosition, slots: number): WallPosition {
  return { slot: slots > 0 ? (position.slot - 1 + slots) % slots : 0, page: 0 };
}

/** How many rows fit a page of the wall at its large type. */
export function rowsPerPage(viewportHeight: number): number {
  return Math.max(3, Math.floor((viewportHeight - 420) / 76));
}

/** How many rows fit between the top of the rows and what must stay visible below them. */
export function rowsThatFit(space: {
  viewportHeight: number;
  rowsTop: number;
  rowHeight: number;
  below: number;
}): number {
  if (space.rowHeight <= 0) return 3;
  return Math.max(3, Math.floor((space.viewportHeight - space.rowsTop - space.below) / space.rowHeight));
}
