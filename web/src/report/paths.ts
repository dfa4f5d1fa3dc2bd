/** The address of a unit's briefing report (API.md, "Participation"); today's without a day. */
export function reportPath(unitCode: string, asOf?: string): string {
  const path = `/report/${encodeURIComponent(unitCode)}`;
  return asOf ? `${path}?asOf=${asOf}` : path;
}

/** Where the server gives the same report as a file. */
export function reportDownloadPath(unitCode: string, asOf: string, format: 'xlsx' | 'csv'): string {
  return `/reports/participation/${encodeURIComponent(unitCode)}.${format}?asOf=${asOf}`;
}
