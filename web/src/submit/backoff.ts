import { exponentialBackoffMs } from '@toandan/shared/exponentialBackoffMs';

/** The first retry waits up to this long; each failure in a row doubles it. */
export const FIRST_RETRY_MS = 2_000;
/** However long the connection stays away, a phone tries again at least this often. */
export const MAX_RETRY_MS = 5 * 60_000;

/**
 * How long to wait before the next attempt after `failures` failed ones in a row: exponential
 * with "full jitter" (a random share of the exponential bound), so that the phones of a whole
 * commune that regain signal together do not all call the server in the same second.
 */
export function retryDelayMs(failures: number, random: () => number = Math.random): number {
  if (failures <= 0) return 0;
  const bound = exponentialBackoffMs(failures - 1, FIRST_RETRY_MS, MAX_RETRY_MS);
  // Never quite zero: a retry storm at exactly 0 ms helps nobody.
  return Math.max(250, Math.round(bound * random()));
}
