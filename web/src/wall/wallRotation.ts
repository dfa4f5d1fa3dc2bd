/** The next page of the wall's tiles, round again after the last (the rotation and key →). */
export function nextPage(page: number, pages: number): number {
  return pages > 0 ? (page + 1) % pages : 0;
}

/** The page before (key ←). */
export function previousPage(page: number, pages: number): number {
  return pages > 0 ? (page - 1 + pages) % pages : 0;
}
