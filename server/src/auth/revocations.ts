import { db } from '@toandan/db/db';
import { logger } from '../log.ts';
import { namespace, pubsub, type Revocation } from '../pubsub.ts';

/** Revoked tokens not yet expired, by id, with when they expire (ms). */
const revoked = new Map<string, number>();
const listeners = new Set<(tokenId: string) => void>();
/** The database is read again this often, in case a message from another instance was lost. */
const RELOAD_MS = 60_000;

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
export async function followRevocations(): Promise<() => void> {
  await reload();
  const messages = pubsub.subscribe('token:revoked', namespace);
  void (async () => {
    for await (const revocation of messages) remember(revocation);
  })();
  const timer = setInterval(() => {
    reload().catch((error: unknown) =>
      logger.error(`reloading revoked tokens failed: ${(error as Error).message}`),
    );
  }, RELOAD_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    void messages.return?.();
  };
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
  remember(revocation);
  pubsub.publish('token:revoked', namespace, {
    tokenId: revocation.tokenId,
    expiresAt: revocation.expiresAt,
  });
  return inserted.count > 0;
}
