import { db } from '@toandan/db/db';
import { followWithReload, namespace, pubsub } from '../pubsub.ts';

/**
 * The codes of the officers who are not active: every token of theirs is refused (registerOfficers
 * with active: false), the ones `pnpm -s token --officer` printed included, which the server
 * keeps no register of. A short list (who left, who lost the right to collect), kept in memory
 * and followed like the revocations (revocations.ts).
 */
const inactive = new Set<string>();
const listeners = new Set<(officerCode: string) => void>();

export function isOfficerInactive(officerCode: string | null): boolean {
  return officerCode !== null && inactive.has(officerCode);
}

/** Calls `listener` with each officer deactivated from now on, here or on another instance. */
export function onOfficerDeactivated(listener: (officerCode: string) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function apply({ officerCode, active }: { officerCode: string; active: boolean }): void {
  if (active) {
    inactive.delete(officerCode);
    return;
  }
  const known = inactive.has(officerCode);
  inactive.add(officerCode);
  if (!known) for (const listener of listeners) listener(officerCode);
}

async function reload(): Promise<void> {
  const rows = await db.officer.findMany({ where: { active: false }, select: { code: true } });
  const now = new Set(rows.map((row) => row.code));
  for (const code of inactive) if (!now.has(code)) inactive.delete(code);
  for (const code of now) apply({ officerCode: code, active: false });
}

/** Loads the inactive officers and follows changes, at once through the pub/sub and every minute. */
export function followOfficerStatus(): Promise<() => void> {
  return followWithReload('officer:status', apply, reload, 'inactive officers');
}

/** Tells every instance (this one at once) that these officers' status was committed. */
export function officerStatusChanged(changes: { officerCode: string; active: boolean }[]): void {
  for (const change of changes) {
    apply(change);
    pubsub.publish('officer:status', namespace, change);
  }
}
