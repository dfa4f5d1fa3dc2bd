/** The address of a board (or of its wall screen), as API.md names it. */
export function boardPath(
  campaignId: string,
  unitCode: string,
  date?: string,
  kind: 'board' | 'wall' = 'board',
) {
  const path = `/${kind}/${encodeURIComponent(campaignId)}/${encodeURIComponent(unitCode)}`;
  return date ? `${path}?date=${date}` : path;
}
