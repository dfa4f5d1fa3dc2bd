import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { FIRST_RETRY_MS, MAX_RETRY_MS, retryDelayMs } from './backoff.ts';
import { type EnrolmentInput, openQueueStore, type QueueStore } from './queueStore.ts';
import { createSyncQueue, type SubmissionAnswer, type Transport } from './syncQueue.ts';

let stores: QueueStore[] = [];
let stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops) stop();
  for (const store of stores) store.close();
  stores = [];
  stops = [];
});

let databases = 0;
async function freshStore(name = `queue-${++databases}`) {
  const store = await openQueueStore(name);
  stores.push(store);
  return { store, name };
}

/**
 * Stands in for the server's idempotency rule only (the real server is in the browser tests):
 * a key counts the first time and answers with the same enrolment every time after.
 */
function keyedServer() {
  const counted = new Map<string, string>();
  const calls: EnrolmentInput[][] = [];
  const answer = (input: EnrolmentInput): SubmissionAnswer => {
    if (input.scheme === 'UNEMPLOYMENT') {
      return {
        enrolmentId: null,
        duplicate: false,
        userErrors: [
          { field: ['input', 'scheme'], code: 'INVALID', message: 'The campaign does not run UNEMPLOYMENT.' },
        ],
      };
    }
    const known = counted.get(input.idempotencyKey);
    if (known) return { enrolmentId: known, duplicate: true, userErrors: [] };
    const id = `enrolment-${counted.size + 1}`;
    counted.set(input.idempotencyKey, id);
    return { enrolmentId: id, duplicate: false, userErrors: [] };
  };
  return { counted, calls, answer };
}

const person = (n: number, scheme = 'VOLUNTARY_SI') => ({
  campaignId: 'thang-5-2026',
  unitCode: '395-01',
  scheme,
  citizenId: `03809000${String(1000 + n)}`,
  fullName: `Người thứ ${n}`,
});

let keys = 0;
function queueWith(
  store: QueueStore,
  transport: Transport,
  extra: Partial<Parameters<typeof createSyncQueue>[0]> = {},
) {
  return createSyncQueue({
    store,
    transport,
    random: () => 0.5,
    newKey: () => `key-${++keys}-abcdef`,
    ...extra,
  });
}

describe('retryDelayMs', () => {
  it('doubles the bound with each failure, up to five minutes, and draws a random share of it', () => {
    expect(retryDelayMs(0)).toBe(0);
    expect(retryDelayMs(1, () => 1)).toBe(FIRST_RETRY_MS);
    expect(retryDelayMs(2, () => 1)).toBe(2 * FIRST_RETRY_MS);
    expect(retryDelayMs(5, () => 1)).toBe(16 * FIRST_RETRY_MS);
    expect(retryDelayMs(30, () => 1)).toBe(MAX_RETRY_MS);
    expect(retryDelayMs(4, () => 0.5)).toBe(4 * FIRST_RETRY_MS);
    // Full jitter, but never a storm at 0 ms.
    expect(retryDelayMs(3, () => 0)).toBe(250);
  });
});

describe('the field queue', () => {
  it('keeps what is submitted without a connection, and sends it once the connection is back', async () => {
    const { store } = await freshStore();
    const server = keyedServer();
    let online = false;
    const queue = queueWith(store, async (inputs) => {
      if (!online) throw new TypeError('Failed to fetch');
      server.calls.push(inputs);
      return { answers: inputs.map(server.answer) };
    });
    const first = await queue.submit(person(1));
    await queue.submit(person(2));
    await queue.sync();
    let snapshot = queue.getSnapshot();
    expect(snapshot.submissions.map((s) => s.state)).toEqual(['waiting', 'waiting']);
    // Each press of the button tries at once: two attempts, two failures in a row.
    expect(snapshot.meta).toMatchObject({ failures: 2, lastError: 'Failed to fetch', lastSyncAt: null });
    // The backoff says when to try again: the first retry after up to 2 s (here half of it).
    expect(snapshot.nextAttemptAt).toBeGreaterThan(Date.now());
    expect(snapshot.submissions[0]?.input).toMatchObject({
      idempotencyKey: first.key,
      fullName: 'Người thứ 1',
    });
    expect(Date.parse(snapshot.submissions[0]?.input.enrolledAt ?? '')).toBeLessThanOrEqual(Date.now());

    online = true;
    await queue.online();
    snapshot = queue.getSnapshot();
    expect(snapshot.submissions.map((s) => s.state)).toEqual(['sent', 'sent']);
    expect(snapshot.meta.failures).toBe(0);
    expect(snapshot.meta.lastSyncAt).toBeGreaterThan(0);
    expect(server.counted.size).toBe(2);
    expect(server.calls).toHaveLength(1);
  });

  it('survives a reload: a new queue over the same IndexedDB finds what was waiting', async () => {
    const { store, name } = await freshStore();
    const before = queueWith(store, async () => {
      throw new TypeError('Failed to fetch');
    });
    const kept = await before.submit(person(3));
    await before.sync();
    store.close();

    const reopened = await openQueueStore(name);
    stores.push(reopened);
    const server = keyedServer();
    const after = queueWith(reopened, async (inputs) => ({ answers: inputs.map(server.answer) }));
    await after.sync();
    expect(after.getSnapshot().submissions).toMatchObject([{ key: kept.key, state: 'sent', attempts: 1 }]);
    expect([...server.counted.keys()]).toEqual([kept.key]);
  });

  it('sends the same keys again when the answer was lost after the server counted, so each counts once', async () => {
    const { store } = await freshStore();
    const server = keyedServer();
    let loseNextAnswer = true;
    const queue = queueWith(store, async (inputs) => {
      const answers = inputs.map(server.answer);
      server.calls.push(inputs);
      if (loseNextAnswer) {
        loseNextAnswer = false;
        throw new TypeError('network connection lost');
      }
      return { answers };
    });
    await queue.submit(person(4));
    await queue.sync();
    expect(queue.getSnapshot().submissions[0]?.state).toBe('waiting');
    await queue.sync();
    const [sent] = queue.getSnapshot().submissions;
    expect(sent).toMatchObject({ state: 'sent', enrolmentId: 'enrolment-1', duplicate: true });
    expect(server.calls.map((call) => call.map((input) => input.idempotencyKey))).toEqual([
      [sent?.key],
      [sent?.key],
    ]);
    expect(server.counted.size).toBe(1);
  });

  it('shows a refusal with its reason, and sends the corrected submission under a new key', async () => {
    const { store } = await freshStore();
    const server = keyedServer();
    const queue = queueWith(store, async (inputs) => ({ answers: inputs.map(server.answer) }));
    const wrong = await queue.submit(person(5, 'UNEMPLOYMENT'));
    await queue.sync();
    expect(queue.getSnapshot().submissions).toMatchObject([
      { key: wrong.key, state: 'refused', reasons: [{ code: 'INVALID', field: ['input', 'scheme'] }] },
    ]);
    const fixed = await queue.resend(wrong.key, { scheme: 'HOUSEHOLD_HI' });
    await queue.sync();
    expect(fixed?.key).not.toBe(wrong.key);
    expect(fixed?.input.enrolledAt).toBe(wrong.input.enrolledAt);
    expect(queue.getSnapshot().submissions).toMatchObject([
      { key: fixed?.key, state: 'sent', input: { scheme: 'HOUSEHOLD_HI' } },
    ]);
    expect(await queue.resend(wrong.key, {})).toBeNull();
  });

  it('sends a long backlog in batches, oldest first, and keeps only the latest sent ones', async () => {
    const { store } = await freshStore();
    const server = keyedServer();
    let online = false;
    let now = 1_000;
    const timed = queueWith(
      store,
      async (inputs) => {
        if (!online) throw new TypeError('offline');
        server.calls.push(inputs);
        return { answers: inputs.map(server.answer) };
      },
      { batchSize: 4, keepSent: 5, now: () => now++ },
    );
    for (let n = 0; n < 10; n++) await timed.submit(person(10 + n));
    online = true;
    await timed.online();
    expect(server.calls.map((call) => call.length)).toEqual([4, 4, 2]);
    expect(server.calls.flat().map((input) => input.fullName)).toEqual(
      Array.from({ length: 10 }, (_, n) => `Người thứ ${10 + n}`),
    );
    expect(server.counted.size).toBe(10);
    const kept = timed.getSnapshot().submissions;
    expect(kept.every((s) => s.state === 'sent')).toBe(true);
    expect(kept).toHaveLength(5);
  });

  it('tries again on its own: after the backoff, and when the browser says it is online', async () => {
    const { store } = await freshStore();
    const server = keyedServer();
    let failuresLeft = 1;
    const events = new EventTarget();
    const queue = queueWith(
      store,
      async (inputs) => {
        if (failuresLeft-- > 0) throw new TypeError('offline');
        return { answers: inputs.map(server.answer) };
      },
      // The smallest backoff, so the retry comes within the test.
      { random: () => 0 },
    );
    stops.push(queue.start(events as unknown as Window));
    await queue.submit(person(30));
    await expect.poll(() => queue.getSnapshot().submissions[0]?.state, { timeout: 3_000 }).toBe('sent');

    failuresLeft = 100;
    await queue.submit(person(31));
    await expect.poll(() => queue.getSnapshot().meta.failures).toBeGreaterThan(0);
    failuresLeft = 0;
    events.dispatchEvent(new Event('online'));
    await expect.poll(() => queue.getSnapshot().submissions.map((s) => s.state)).toEqual(['sent', 'sent']);
    expect(server.counted.size).toBe(2);
  });
});
