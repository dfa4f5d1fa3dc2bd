import { db } from '@toandan/db/db';
import { followWithReload, namespace, pubsub, type Revocation } from '../pubsub.ts';

/** Revoked tokens not yet expired, by id, with when they expire (ms). */
const revoked = new Map<string, number>();
const listeners = new Set<(tokenId: string) => void>();

export function isRevoked(tokenId: string): boolean {
  return revoked.has(tokenId);
}

/** Calls `listener` with each token revoked from now on, here or on another instance. */
export function onRevoked(listener: (tokenId: string) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function remember({ tokenId, expiresAt }: Revocation): void {
  if (expiresAt <= Date.now()) return;
  const known = revoked.has(tokenId);
  revoked.set(tokenId, expiresAt);
  if (!known) for (const listener of listeners) listener(tokenId);
}

async function reload(): Promise<void> {
  const now = Date.now();
  for (const [tokenId, expiresAt] of revoked) if (expiresAt <= now) revoked.delete(tokenId);
  const rows = await db.revokedToken.findMany({ where: { expiresAt: { gt: new Date(now) } } });
  for (const row of rows) remember({ tokenId: row.tokenId, expiresAt: row.expiresAt.getTime() });
}

/**
 * Loads the revocations and follows new ones: through the pub/sub at once (Redis across
 * instances), and from the database every minute as a backstop. Returns what stops it.
 */
export function followRevocations(): Promise<() => void> {
  return followWithReload('token:revoked', remember, reload, 'revoked tokens');
}

/** Records a revocation and tells every instance; true when the token was not revoked before. */
export async function revoke(
  revocation: Revocation & { reason: string; revokedBy: string | null },
): Promise<boolean> {
  const inserted = await db.revokedToken.createMany({
    data: [
      {
        tokenId: revocation.tokenId,
        reason: revocation.reason,
        revokedBy: revocation.revokedBy,
        expiresAt: new Date(revocation.expiresAt),
      },
    ],
    skipDuplicates: true,
  });
  // The register (issuedTokens.ts) shows it revoked; a token the app never issued has no row.
  if (inserted.count > 0)
    await db.issuedToken.updateMany({
      where: { id: revocation.tokenId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
  remember(revocation);
  pubsub.publish('token:revoked', namespace, {
    tokenId: revocation.tokenId,
    expiresAt: revocation.expiresAt,
  });
  return inserted.count > 0;
}
