import { maskedCitizenId } from '@toandan/shared/maskedCitizenId';
import { INCOMPLETE_ANSWER, NETWORK } from '../errorMessage.ts';
import { retryDelayMs } from './backoff.ts';
import type { EnrolmentInput, QueuedSubmission, QueueStore, RefusalReason, SyncMeta } from './queueStore.ts';

/** The server's answer for one submission of a batch, in the batch's order. */
export interface SubmissionAnswer {
  enrolmentId: string | null;
  userErrors: RefusalReason[];
}

/**
 * Sends one batch through `submitEnrolments`. Resolves with one answer per input, in order, or
 * with `{ failed }`, the top-level errors' codes, when the batch as a whole got no usable answer
 * (the server refused the request, or is rate-limiting); rejects when no answer came at all (no
 * network, a response lost on the way).
 */
export type Transport = (
  inputs: EnrolmentInput[],
) => Promise<{ answers: SubmissionAnswer[] } | { failed: string[]; retryAfterMs?: number }>;

export interface QueueSnapshot {
  submissions: QueuedSubmission[];
  meta: SyncMeta;
  syncing: boolean;
  /** The keys of the batch on its way to the server now. */
  sending: readonly string[];
  /** When the next attempt is due (ms since the epoch), while some are waiting after a failure. */
  nextAttemptAt: number | null;
}

/**
 * One answer per item, each an enrolment or a reason. An item with neither may have been
 * counted (a server once answered so when its database connection dropped after the commit):
 * kept as refused, it would be corrected and sent under a new key; the batch is sent again.
 */
const answersEach = (answers: SubmissionAnswer[], items: number) =>
  answers.length === items &&
  answers.every((answer) => answer.enrolmentId !== null || answer.userErrors.length > 0);

/** Before the queue has read IndexedDB. */
export const emptySnapshot: QueueSnapshot = {
  submissions: [],
  meta: { lastSyncAt: null, failures: 0, lastFailure: null },
  syncing: false,
  sending: [],
  nextAttemptAt: null,
};

export interface SyncQueueOptions {
  store: QueueStore;
  transport: Transport;
  /** Submissions per request; the server takes up to 500. */
  batchSize?: number;
  /** Sent submissions kept on the phone to show; older ones are forgotten (they hold personal data). */
  keepSent?: number;
  /** How often to look for waiting submissions even when nothing else says to. */
  pollMs?: number;
  now?: () => number;
  random?: () => number;
  /** A new idempotency key. */
  newKey?: () => string;
}

/**
 * The field app's outbox. A submission is written to IndexedDB with its idempotency key before
 * anything is sent, so nothing is lost to a reload or a dead battery; it goes out in batches
 * when the connection allows, and leaves the `waiting` state only on the server's answer. A
 * batch whose answer is lost (sent, committed, then the signal dropped) is sent again with the
 * same keys, and the server answers each with the enrolment it already counted: every
 * submission counts exactly once. The same person under a new key is refused with
 * ALREADY_ENROLLED.
 */
export function createSyncQueue(options: SyncQueueOptions) {
  const {
    store,
    transport,
    batchSize = 50,
    keepSent = 50,
    pollMs = 30_000,
    now = Date.now,
    random = Math.random,
    newKey = () => crypto.randomUUID(),
  } = options;
  const listeners = new Set<() => void>();
  let snapshot: QueueSnapshot = emptySnapshot;
  let running: Promise<void> | null = null;
  let again = false;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  async function refresh(patch: Partial<QueueSnapshot> = {}) {
    const [submissions, meta] = await Promise.all([store.all(), store.meta()]);
    snapshot = { ...snapshot, submissions, meta, ...patch };
    for (const listener of listeners) listener();
  }

  function scheduleRetry(failures: number, retryAfterMs?: number) {
    if (retryTimer) clearTimeout(retryTimer);
    const delay = Math.max(retryDelayMs(failures, random), retryAfterMs ?? 0);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void sync();
    }, delay);
    return now() + delay;
  }

  function cancelRetry() {
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
  }

  /** One pass: every waiting submission, batch after batch, until none is left or one fails. */
  async function drain(): Promise<void> {
    // The browser knows it has no network at all: wait for its `online` event instead.
    if (typeof navigator !== 'undefined' && navigator.onLine === false) {
      await refresh();
      return;
    }
    for (;;) {
      const waiting = (await store.waiting()).slice(0, batchSize);
      if (waiting.length === 0) {
        await refresh({ nextAttemptAt: null });
        return;
      }
      const meta = await store.meta();
      let outcome: Awaited<ReturnType<Transport>>;
      await refresh({ sending: waiting.map((submission) => submission.key) });
      try {
        outcome = await transport(waiting.map((submission) => submission.input));
      } catch {
        outcome = { failed: [NETWORK] };
      }
      if ('failed' in outcome || !answersEach(outcome.answers, waiting.length)) {
        const failures = meta.failures + 1;
        const lastFailure = 'failed' in outcome ? outcome.failed : [INCOMPLETE_ANSWER];
        for (const submission of waiting)
          await store.put({ ...submission, attempts: submission.attempts + 1 });
        await store.setMeta({ ...meta, failures, lastFailure });
        const retryAfterMs = 'failed' in outcome ? outcome.retryAfterMs : undefined;
        await refresh({ sending: [], nextAttemptAt: scheduleRetry(failures, retryAfterMs) });
        return;
      }
      const at = now();
      for (const [index, submission] of waiting.entries()) {
        const answer = outcome.answers[index] as SubmissionAnswer;
        if (answer.userErrors.length === 0 && answer.enrolmentId) {
          // Counted: the whole citizen ID is no longer needed here, and a lost phone keeps less.
          await store.put({
            ...submission,
            input: {
              ...submission.input,
              ...(submission.input.citizenId
                ? { citizenId: maskedCitizenId(submission.input.citizenId) }
                : {}),
            },
            state: 'sent',
            enrolmentId: answer.enrolmentId,
            sentAt: at,
          });
        } else {
          // Refused, or the person is already enrolled (ALREADY_ENROLLED): the server sends
          // nothing of that other enrolment, and nothing of it is kept here.
          await store.put({ ...submission, state: 'refused', reasons: answer.userErrors });
        }
      }
      await store.setMeta({ lastSyncAt: at, failures: 0, lastFailure: null });
      await forgetOldSent();
      await refresh({ sending: [] });
    }
  }

  async function forgetOldSent() {
    const sent = (await store.all()).filter((submission) => submission.state === 'sent');
    const old = sent.sort((a, b) => (b.sentAt ?? 0) - (a.sentAt ?? 0)).slice(keepSent);
    for (const submission of old) await store.remove(submission.key);
  }

  /** Sends what is waiting now; calls made meanwhile run once more after it. */
  function sync(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      await refresh({ syncing: true });
      try {
        do {
          again = false;
          // One tab at a time sends (the keys would keep a second from counting twice anyway).
          const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
          if (locks) await locks.request('toandan-field-sync', drain);
          else await drain();
        } while (again);
      } finally {
        running = null;
        await refresh({ syncing: false });
      }
    })();
    return running;
  }

  /** The connection is back: try at once, whatever the backoff said. */
  async function online() {
    const meta = await store.meta();
    await store.setMeta({ ...meta, failures: 0 });
    return sync();
  }

  return {
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    /** Keeps a new submission (its key made now, at the press of the button), then tries to send it. */
    async submit(
      input: Omit<EnrolmentInput, 'idempotencyKey' | 'enrolledAt'>,
      person?: QueuedSubmission['person'],
    ): Promise<QueuedSubmission> {
      const key = newKey();
      const queued: QueuedSubmission = {
        key,
        input: { ...input, idempotencyKey: key, enrolledAt: new Date(now()).toISOString() },
        ...(person ? { person } : {}),
        state: 'waiting',
        queuedAt: now(),
        attempts: 0,
      };
      await store.put(queued);
      await refresh();
      void sync();
      return queued;
    },
    /**
     * Sends a refused submission again as corrected: a new submission with a new key (the
     * refused one stored nothing on the server), keeping the field day it was first made.
     */
    async resend(key: string, corrected: Partial<EnrolmentInput>): Promise<QueuedSubmission | null> {
      const refused = await store.get(key);
      if (refused?.state !== 'refused') return null;
      const fresh = newKey();
      const queued: QueuedSubmission = {
        key: fresh,
        input: { ...refused.input, ...corrected, idempotencyKey: fresh },
        state: 'waiting',
        queuedAt: now(),
        attempts: 0,
      };
      await store.put(queued);
      await store.remove(key);
      await refresh();
      void sync();
      return queued;
    },
    /** Drops a refused submission the officer gives up on. */
    async discard(key: string) {
      const submission = await store.get(key);
      if (submission?.state === 'refused') await store.remove(key);
      await refresh();
    },
    sync,
    online,
    /** Starts following the connection: at start, on `online`, after a failure's backoff, and on a timer. */
    start(target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window) {
      const onOnline = () => void online();
      target.addEventListener('online', onOnline);
      const poll = setInterval(() => {
        if (snapshot.submissions.some((submission) => submission.state === 'waiting') && !retryTimer)
          void sync();
      }, pollMs);
      void sync();
      return () => {
        target.removeEventListener('online', onOnline);
        clearInterval(poll);
        cancelRetry();
      };
    },
    /** Drops a pending retry, before the store is closed. */
    cancelRetry,
  };
}

export type SyncQueue = ReturnType<typeof createSyncQueue>;
