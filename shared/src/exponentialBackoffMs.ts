/**
 * The bound of an exponential backoff: `firstMs` before the first retry (`attempt` 0), doubling
 * with each failure in a row, never more than `maxMs`. Callers add the jitter their crowd needs
 * (a commune's phones, a room of wall screens) to it.
 */
export function exponentialBackoffMs(attempt: number, firstMs: number, maxMs: number): number {
  return Math.min(maxMs, firstMs * 2 ** Math.max(0, attempt));
}
