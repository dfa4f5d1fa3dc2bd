import { type DBSchema, type IDBPDatabase, openDB } from 'idb';

/** What the form gathered, as `submitEnrolments` takes it (SubmitEnrolmentInput). */
export interface EnrolmentInput {
  campaignId: string;
  unitCode: string;
  scheme: string;
  /** Left out of a renewal by `renewsCover`: the server has the person, the phone need not. */
  citizenId?: string;
  fullName?: string;
  /** A Renewal's id (renewalsDue): renews that cover. */
  renewsCover?: string;
  idempotencyKey: string;
  /** When the button was pressed, so a submission synced days later counts for its own day. */
  enrolledAt: string;
}

export interface RefusalReason {
  field: string[] | null;
  code: string;
  message: string;
}

/** One submission as the phone keeps it, from the press of the button until the server's answer. */
export interface QueuedSubmission {
  /** The idempotency key, made when the button was pressed: the same key on every retry. */
  key: string;
  input: EnrolmentInput;
  /** Who a renewal is for, as the list showed them (name, masked citizen ID): for the screen only. */
  person?: { fullName: string; citizenIdMasked: string };
  state: 'waiting' | 'sent' | 'refused';
  /** When it was queued (ms since the epoch); submissions go out in this order. */
  queuedAt: number;
  /** Attempts that reached no answer. */
  attempts: number;
  /** Set once sent: the enrolment this submission counted. */
  enrolmentId?: string;
  sentAt?: number;
  /** Set when refused: what the server said is wrong, to fix and send again. */
  reasons?: RefusalReason[];
}

export interface SyncMeta {
  /** The last time the server answered a sync (ms since the epoch). */
  lastSyncAt: number | null;
  /** Failed attempts in a row, for the backoff; 0 after an answer. */
  failures: number;
  /**
   * Why the last attempt failed, as codes worded on screen (errorMessage.ts): the top-level
   * errors' `extensions.code`, NETWORK when no answer came; null after an answer.
   */
  lastFailure: string[] | null;
}

interface FieldQueueDB extends DBSchema {
  submissions: { key: string; value: QueuedSubmission; indexes: { byState: string } };
  meta: { key: string; value: SyncMeta };
}

export interface QueueStore {
  put(submission: QueuedSubmission): Promise<void>;
  get(key: string): Promise<QueuedSubmission | undefined>;
  remove(key: string): Promise<void>;
  /** Every kept submission, oldest first. */
  all(): Promise<QueuedSubmission[]>;
  waiting(): Promise<QueuedSubmission[]>;
  meta(): Promise<SyncMeta>;
  setMeta(meta: SyncMeta): Promise<void>;
  close(): void;
}

/**
 * Not counted because the person is already enrolled in the scheme, by another submission
 * (perhaps on another phone): not a mistake to correct unless the citizen ID was mistyped.
 */
export const isAlreadyEnrolled = (submission: QueuedSubmission): boolean =>
  submission.state === 'refused' && (submission.reasons ?? []).some((r) => r.code === 'ALREADY_ENROLLED');

const initialMeta: SyncMeta = { lastSyncAt: null, failures: 0, lastFailure: null };
const byQueuedAt = (a: QueuedSubmission, b: QueuedSubmission) =>
  a.queuedAt - b.queuedAt || (a.key < b.key ? -1 : 1);

/**
 * The submissions kept in the browser's IndexedDB, through `idb`: they outlive reloads,
 * restarts and a flat battery, until the server has answered for each.
 */
export async function openQueueStore(name = 'toandan-field'): Promise<QueueStore> {
  const db: IDBPDatabase<FieldQueueDB> = await openDB<FieldQueueDB>(name, 1, {
    upgrade(database) {
      const submissions = database.createObjectStore('submissions', { keyPath: 'key' });
      submissions.createIndex('byState', 'state');
      database.createObjectStore('meta');
    },
  });
  return {
    async put(submission) {
      await db.put('submissions', submission);
    },
    get: (key) => db.get('submissions', key),
    remove: (key) => db.delete('submissions', key),
    all: async () => (await db.getAll('submissions')).sort(byQueuedAt),
    waiting: async () => (await db.getAllFromIndex('submissions', 'byState', 'waiting')).sort(byQueuedAt),
    meta: async () => (await db.get('meta', 'sync')) ?? initialMeta,
    async setMeta(meta) {
      await db.put('meta', meta, 'sync');
    },
    close: () => db.close(),
  };
}
