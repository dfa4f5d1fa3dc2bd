import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_RETRY_MS, MAX_RETRY_MS, retryDelayMs } from '../web/src/submit/backoff.ts';
import { isAlreadyEnrolled, openQueueStore, type QueueStore } from '../web/src/submit/queueStore.ts';
import { createSyncQueue, type Transport } from '../web/src/submit/syncQueue.ts';
import { type GraphQLCall, startAppOnSmallTree } from './fixtures/app.ts';
import { citizenIdOf } from './fixtures/enrolments.ts';

/*
 * The field app's outbox (web/src/submit/syncQueue.ts) against the real server: the same
 * `submitEnrolments` the phone sends, over HTTP, into this file's database. What stands in for
 * the phone's network is only a switch that drops a request before it leaves or its answer
 * after the server committed; IndexedDB is fake-indexeddb, a complete implementation for Node.
 * The browser tests (fieldApp.test.ts) run the same queue in Chromium.
 */

let graphql: GraphQLCall;
let stop: () => Promise<void>;
beforeAll(async () => {
  const started = await startAppOnSmallTree();
  graphql = started.graphql;
  stop = () => started.app.stop();
});
afterAll(() => stop());

const SUBMIT = `mutation ($inputs: [SubmitEnrolmentInput!]!) {
  submitEnrolments(inputs: $inputs) { enrolment { id } userErrors { field code message } } }`;

interface Network {
  /** No request leaves: the phone has no signal. */
  offline: boolean;
  /** The next answer is lost after the server has committed the batch. */
  loseNextAnswer: boolean;
  /**
   * The next answer's first item comes back with neither an enrolment nor a userError, as a
   * server answered when its database connection dropped after the commit (issue 14).
   */
  emptyNextItem: boolean;
  /** The keys of every batch that reached the server, in order. */
  batches: string[][];
}

function networkTo(): { network: Network; transport: Transport } {
  const network: Network = { offline: false, loseNextAnswer: false, emptyNextItem: false, batches: [] };
  const transport: Transport = async (inputs) => {
    if (network.offline) throw new TypeError('Failed to fetch');
    network.batches.push(inputs.map((input) => input.idempotencyKey));
    const { body } = await graphql(SUBMIT, { inputs });
    if (network.loseNextAnswer) {
      network.loseNextAnswer = false;
      throw new TypeError('network connection lost');
    }
    if (!body.data?.submitEnrolments)
      return {
        failed: (body.errors ?? []).map((error: { extensions?: { code?: string } }) =>
          String(error.extensions?.code),
        ),
      };
    if (network.emptyNextItem) {
      network.emptyNextItem = false;
      body.data.submitEnrolments[0] = { enrolment: null, userErrors: [] };
    }
    return {
      answers: body.data.submitEnrolments.map(
        (answer: {
          enrolment: { id: string } | null;
          userErrors: { field: string[] | null; code: string; message: string }[];
        }) => ({
          enrolmentId: answer.enrolment?.id ?? null,
          userErrors: answer.userErrors,
        }),
      ),
    };
  };
  return { network, transport };
}

/** How many counted (not voided) enrolments the server holds for each person. */
async function countedFor(persons: number[]): Promise<number[]> {
  const { body } = await graphql(
    `{ enrolments(campaignId: "test-campaign", unitCode: "38", first: 500) { edges { node { citizenId voided } } } }`,
  );
  const nodes: { citizenId: string; voided: boolean }[] = body.data.enrolments.edges.map(
    (edge: { node: { citizenId: string; voided: boolean } }) => edge.node,
  );
  return persons.map(
    (person) => nodes.filter((n) => n.citizenId === citizenIdOf(person) && !n.voided).length,
  );
}

let stores: QueueStore[] = [];
let stops: (() => void)[] = [];
afterEach(() => {
  for (const stopQueue of stops) stopQueue();
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

const GIVEN = 'An Bình Chi Dũng Giang Hà Khánh Lan Minh Nga Phúc Quân Sơn'.split(' ');
/** Names take no digits (the server's rule), so people are told apart by their given names. */
const nameOf = (n: number) =>
  `Nguyễn ${GIVEN[Math.floor(n / GIVEN.length) % GIVEN.length]} ${GIVEN[n % GIVEN.length]}`;

const person = (n: number, scheme = 'VOLUNTARY_SI') => ({
  campaignId: 'test-campaign',
  unitCode: '386-01',
  scheme,
  citizenId: citizenIdOf(n),
  fullName: nameOf(n),
});

/** The button pressed during the test campaign (May 2026), a second apart. */
let clock = Date.parse('2026-05-15T03:00:00Z');
function queueWith(
  store: QueueStore,
  transport: Transport,
  extra: Partial<Parameters<typeof createSyncQueue>[0]> = {},
) {
  const queue = createSyncQueue({
    store,
    transport,
    random: () => 0.5,
    now: () => (clock += 1000),
    ...extra,
  });
  stops.push(queue.cancelRetry);
  return queue;
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

describe('the field queue against the server', () => {
  it('keeps what is submitted without a connection, and sends it once the connection is back', async () => {
    const { store } = await freshStore();
    const { network, transport } = networkTo();
    network.offline = true;
    const queue = queueWith(store, transport);
    const first = await queue.submit(person(1));
    await queue.submit(person(2));
    await queue.sync();
    let snapshot = queue.getSnapshot();
    expect(snapshot.submissions.map((s) => s.state)).toEqual(['waiting', 'waiting']);
    // Worded on the phone from the code (errorMessage.ts), never from the network's English.
    expect(snapshot.meta).toMatchObject({ failures: 2, lastFailure: ['NETWORK'], lastSyncAt: null });
    expect(snapshot.nextAttemptAt).toBeGreaterThan(Date.parse(first.input.enrolledAt));
    expect(snapshot.submissions[0]?.input).toMatchObject({ idempotencyKey: first.key, fullName: nameOf(1) });
    expect(await countedFor([1, 2])).toEqual([0, 0]);

    network.offline = false;
    await queue.online();
    snapshot = queue.getSnapshot();
    expect(snapshot.submissions.map((s) => s.state)).toEqual(['sent', 'sent']);
    expect(snapshot.meta).toMatchObject({ failures: 0, lastFailure: null });
    expect(network.batches).toHaveLength(1);
    expect(await countedFor([1, 2])).toEqual([1, 1]);
    // Once counted, the phone keeps no more of the ID than the screen shows.
    expect(snapshot.submissions.map((s) => s.input.citizenId)).toEqual([
      '038 ••• ••• 001',
      '038 ••• ••• 002',
    ]);
  });

  it('survives a reload: a new queue over the same IndexedDB finds what was waiting', async () => {
    const { store, name } = await freshStore();
    const offline = networkTo();
    offline.network.offline = true;
    const before = queueWith(store, offline.transport);
    const kept = await before.submit(person(3));
    await before.sync();
    store.close();

    const reopened = await openQueueStore(name);
    stores.push(reopened);
    const { network, transport } = networkTo();
    const after = queueWith(reopened, transport);
    await after.sync();
    expect(after.getSnapshot().submissions).toMatchObject([{ key: kept.key, state: 'sent', attempts: 1 }]);
    expect(network.batches).toEqual([[kept.key]]);
    expect(await countedFor([3])).toEqual([1]);
  });

  it('sends the same keys again when the answer was lost after the server counted, so each counts once', async () => {
    const { store } = await freshStore();
    const { network, transport } = networkTo();
    network.loseNextAnswer = true;
    const queue = queueWith(store, transport);
    await queue.submit(person(4));
    await queue.sync();
    expect(queue.getSnapshot().submissions[0]?.state).toBe('waiting');
    expect(await countedFor([4])).toEqual([1]);
    await queue.sync();
    const [sent] = queue.getSnapshot().submissions;
    // Its own enrolment, answered whole on the retry: sent, not "already enrolled".
    expect(sent).toMatchObject({ state: 'sent', enrolmentId: expect.any(String) });
    expect(network.batches).toEqual([[sent?.key], [sent?.key]]);
    expect(await countedFor([4])).toEqual([1]);
  });

  it('sends the batch again when an item came back with neither an enrolment nor a reason', async () => {
    const { store } = await freshStore();
    const { network, transport } = networkTo();
    network.emptyNextItem = true;
    const queue = queueWith(store, transport);
    const kept = await queue.submit(person(7));
    await queue.sync();
    // Not refused (it was counted): still waiting, with its key, for the next attempt.
    expect(queue.getSnapshot().submissions).toMatchObject([{ key: kept.key, state: 'waiting', attempts: 1 }]);
    expect(queue.getSnapshot().meta.lastFailure).toEqual(['INCOMPLETE_ANSWER']);
    await queue.sync();
    expect(queue.getSnapshot().submissions).toMatchObject([{ key: kept.key, state: 'sent' }]);
    expect(network.batches).toEqual([[kept.key], [kept.key]]);
    expect(await countedFor([7])).toEqual([1]);
  });

  it('says which submissions are on their way while their batch is out, and only then', async () => {
    const { store } = await freshStore();
    const { network, transport } = networkTo();
    network.offline = true;
    const onTheirWay: (readonly string[])[] = [];
    const queue: ReturnType<typeof queueWith> = queueWith(store, async (inputs) => {
      onTheirWay.push(queue.getSnapshot().sending);
      return transport(inputs);
    });
    const first = await queue.submit(person(8));
    const second = await queue.submit(person(9));
    network.offline = false;
    await queue.online();
    // Offline, the first tries failed; the last went out with both, and its answer ended it.
    expect(onTheirWay.at(-1)).toEqual([first.key, second.key]);
    expect(queue.getSnapshot().sending).toEqual([]);
    expect(queue.getSnapshot().submissions.map((s) => s.state)).toEqual(['sent', 'sent']);
  });

  it('keeps the same person entered again as already enrolled, with nothing of the first enrolment', async () => {
    const { store } = await freshStore();
    const { transport } = networkTo();
    const queue = queueWith(store, transport);
    const first = await queue.submit(person(6));
    await queue.sync();
    // Entered again on this phone under a new key, with another name typed.
    const again = await queue.submit({ ...person(6), fullName: 'Lê Thị Gõ Nhầm' });
    await queue.sync();
    const kept = await store.get(again.key);
    expect(kept).toEqual({
      key: again.key,
      input: {
        ...person(6),
        fullName: 'Lê Thị Gõ Nhầm',
        idempotencyKey: again.key,
        enrolledAt: expect.any(String),
      },
      state: 'refused',
      queuedAt: expect.any(Number),
      attempts: 0,
      reasons: [
        {
          field: ['input', 'citizenId'],
          code: 'ALREADY_ENROLLED',
          message:
            'Người có số CCCD này đang tham gia BHXH tự nguyện, thời hạn tham gia còn hiệu lực: không tính thêm.',
        },
      ],
    });
    expect(kept && isAlreadyEnrolled(kept)).toBe(true);
    const sent = await store.get(first.key);
    expect(sent?.state).toBe('sent');
    expect(JSON.stringify(kept)).not.toContain(sent?.enrolmentId);
    expect(JSON.stringify(kept)).not.toContain(nameOf(6));
    expect(await countedFor([6])).toEqual([1]);
  });

  it('shows a refusal with its reason, and sends the corrected submission under a new key', async () => {
    const { store } = await freshStore();
    const { transport } = networkTo();
    const queue = queueWith(store, transport);
    // The test campaign runs voluntary SI and household HI, not students' HI.
    const wrong = await queue.submit(person(5, 'STUDENT_HI'));
    await queue.sync();
    expect(queue.getSnapshot().submissions).toMatchObject([
      {
        key: wrong.key,
        state: 'refused',
        reasons: [{ code: 'INVALID', field: expect.arrayContaining(['scheme']) }],
      },
    ]);
    expect(await countedFor([5])).toEqual([0]);
    const fixed = await queue.resend(wrong.key, { scheme: 'HOUSEHOLD_HI' });
    await queue.sync();
    expect(fixed?.key).not.toBe(wrong.key);
    expect(fixed?.input.enrolledAt).toBe(wrong.input.enrolledAt);
    expect(queue.getSnapshot().submissions).toMatchObject([
      { key: fixed?.key, state: 'sent', input: { scheme: 'HOUSEHOLD_HI' } },
    ]);
    expect(await queue.resend(wrong.key, {})).toBeNull();
    expect(await countedFor([5])).toEqual([1]);
  });

  it('sends a long backlog in batches, oldest first, and keeps only the latest sent ones', async () => {
    const { store } = await freshStore();
    const { network, transport } = networkTo();
    network.offline = true;
    const queue = queueWith(store, transport, { batchSize: 4, keepSent: 5 });
    const pressed = [];
    for (let n = 0; n < 10; n++) pressed.push(await queue.submit(person(10 + n)));
    network.offline = false;
    await queue.online();
    expect(network.batches.map((batch) => batch.length)).toEqual([4, 4, 2]);
    expect(network.batches.flat()).toEqual(pressed.map((submission) => submission.key));
    expect(await countedFor(Array.from({ length: 10 }, (_, n) => 10 + n))).toEqual(Array(10).fill(1));
    const kept = queue.getSnapshot().submissions;
    expect(kept.every((s) => s.state === 'sent')).toBe(true);
    expect(kept).toHaveLength(5);
  });

  it('tries again on its own: after the backoff, and when the browser says it is online', async () => {
    const { store } = await freshStore();
    const { network, transport } = networkTo();
    network.offline = true;
    const events = new EventTarget();
    // The smallest backoff, so the retry comes within the test.
    const queue = queueWith(store, transport, { random: () => 0 });
    stops.push(queue.start(events as unknown as Window));
    await queue.submit(person(30));
    await expect.poll(() => queue.getSnapshot().meta.failures).toBeGreaterThan(0);
    network.offline = false;
    await expect.poll(() => queue.getSnapshot().submissions[0]?.state, { timeout: 5_000 }).toBe('sent');

    network.offline = true;
    await queue.submit(person(31));
    await expect.poll(() => queue.getSnapshot().meta.failures).toBeGreaterThan(0);
    network.offline = false;
    events.dispatchEvent(new Event('online'));
    await expect.poll(() => queue.getSnapshot().submissions.map((s) => s.state)).toEqual(['sent', 'sent']);
    expect(await countedFor([30, 31])).toEqual([1, 1]);
  });
});
