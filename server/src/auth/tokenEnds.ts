import type { Auth } from './authenticate.ts';
import { isOfficerInactive, onOfficerDeactivated } from './officerStatus.ts';
import { isRevoked, onRevoked } from './revocations.ts';

export type TokenEnd = 'revoked' | 'expired';

interface Held {
  /** The officer who holds the token: deactivating the officer ends it too. */
  officerCode: string | null;
  ends: Set<(end: TokenEnd) => void>;
  timer: NodeJS.Timeout;
}

/** What is open under each token: its sockets and streams, ended together. */
const holders = new Map<string, Held>();
/** setTimeout's longest delay (about 24.8 days); a token lives up to 366, so its timer is re-armed. */
const MAX_DELAY_MS = 2 ** 31 - 1;
let followingRevocations = false;

function endAll(tokenId: string, end: TokenEnd): void {
  const held = holders.get(tokenId);
  if (!held) return;
  holders.delete(tokenId);
  clearTimeout(held.timer);
  for (const ended of held.ends) ended(end);
}

function expiryTimer(tokenId: string, expiresAt: number): NodeJS.Timeout {
  const timer = setTimeout(
    () => {
      const held = holders.get(tokenId);
      if (!held) return;
      // A timer may fire a millisecond early, and a long one fires before the expiry on purpose.
      if (Date.now() >= expiresAt) endAll(tokenId, 'expired');
      else held.timer = expiryTimer(tokenId, expiresAt);
    },
    Math.min(Math.max(expiresAt - Date.now(), 1), MAX_DELAY_MS),
  );
  timer.unref();
  return timer;
}

/**
 * Calls `end` once, when the token is revoked (here, or on another instance as soon as this one
 * hears of it: revocations.ts) or the moment it expires; at once when it already is. One timer
 * per token, however many sockets and streams it holds open. Returns what forgets `end`, for a
 * holder that closed on its own.
 */
export function untilTokenEnds(auth: Auth, end: (end: TokenEnd) => void): () => void {
  const expiresAt = auth.expiresAt.getTime();
  const ended = () => isRevoked(auth.tokenId) || isOfficerInactive(auth.officerCode);
  if (ended() || expiresAt <= Date.now()) {
    let forgotten = false;
    queueMicrotask(() => {
      if (!forgotten) end(ended() ? 'revoked' : 'expired');
    });
    return () => {
      forgotten = true;
    };
  }
  if (!followingRevocations) {
    onRevoked((tokenId) => endAll(tokenId, 'revoked'));
    // A deactivated officer's tokens end as revoked ones do; an officer holds a handful.
    onOfficerDeactivated((officerCode) => {
      for (const [tokenId, held] of holders) if (held.officerCode === officerCode) endAll(tokenId, 'revoked');
    });
    followingRevocations = true;
  }
  let held = holders.get(auth.tokenId);
  if (!held) {
    held = { officerCode: auth.officerCode, ends: new Set(), timer: expiryTimer(auth.tokenId, expiresAt) };
    holders.set(auth.tokenId, held);
  }
  const holder = (ended: TokenEnd) => end(ended);
  held.ends.add(holder);
  return () => {
    const current = holders.get(auth.tokenId);
    if (!current?.ends.delete(holder) || current.ends.size > 0) return;
    clearTimeout(current.timer);
    holders.delete(auth.tokenId);
  };
}
