import { type DBSchema, type IDBPDatabase, openDB } from 'idb';

/**
 * One person of the list as the phone keeps them: what the officer needs to find and call
 * them, and the cover's id to renew it (renewsCover). Never the whole citizen ID.
 */
export interface RenewalItem {
  id: string;
  citizenIdMasked: string;
  fullName: string;
  scheme: string;
  unitCode: string;
  unitName: string;
  coverageUntil: string;
  hamlet: string | null;
  address: string | null;
  householdCode: string | null;
  phone: string | null;
}

export interface KeptRenewals {
  /** The unit whose list it is: a token of another unit does not read it. */
  unitCode: string;
  items: RenewalItem[];
  /** When the server last gave it (ms since the epoch). */
  loadedAt: number;
}

/**
 * How long the list is kept without a fresh one from the server: an officer out of signal for
 * a week still has it; a phone lost or left in a drawer stops showing it after that
 * (docs/security.md, "On the phone").
 */
export const RENEWALS_KEPT_DAYS = 7;
const KEPT_MS = RENEWALS_KEPT_DAYS * 24 * 60 * 60 * 1000;

interface RenewalsDB extends DBSchema {
  lists: { key: string; value: KeptRenewals };
}

const NAME = 'toandan-renewals';
const open = (): Promise<IDBPDatabase<RenewalsDB>> =>
  openDB<RenewalsDB>(NAME, 1, {
    upgrade(database) {
      database.createObjectStore('lists');
    },
  });

/** The kept list of `unitCode`, or null when there is none, it is another unit's, or it is too old. */
export async function keptRenewals(unitCode: string, now = Date.now()): Promise<KeptRenewals | null> {
  const db = await open();
  try {
    const kept = await db.get('lists', 'due');
    if (!kept) return null;
    if (kept.unitCode !== unitCode || now - kept.loadedAt > KEPT_MS) {
      await db.delete('lists', 'due');
      return null;
    }
    return kept;
  } finally {
    db.close();
  }
}

export async function keepRenewals(list: KeptRenewals): Promise<void> {
  const db = await open();
  try {
    await db.put('lists', list, 'due');
  } finally {
    db.close();
  }
}

/** At sign-out: nothing of the list stays on the phone. */
export async function forgetRenewals(): Promise<void> {
  const db = await open();
  try {
    await db.clear('lists');
  } finally {
    db.close();
  }
}
