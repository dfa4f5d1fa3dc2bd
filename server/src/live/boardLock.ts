import { createHash } from 'node:crypto';

/**
 * The key of a board's PostgreSQL advisory lock. The publisher holds it exclusively while it
 * numbers an update and reads its values, and a board read holds it shared, so that a board and
 * the updates that follow it are read in the order of their numbers (boardPublisher.ts). Two
 * boards that happen to share a key only wait for each other a little.
 */
export function boardLockKey(campaignId: string, unitId: number): bigint {
  return createHash('sha256').update(`${campaignId}:${unitId}`).digest().readBigInt64BE(0);
}
