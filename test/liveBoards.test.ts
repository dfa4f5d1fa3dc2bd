import { randomUUID } from 'node:crypto';
import type { App } from '@toandan/server/app';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLCall, startAppOnSmallTree } from './fixtures/app.ts';
import {
  BOARD_SUBSCRIPTION,
  enrolmentSubmitter,
  fetchBoard,
  sseClient,
  tallyOf,
  type Update,
  until,
  watchBoard,
  wsClient,
} from './fixtures/live.ts';

let app: App;
let base: string;
let graphql: GraphQLCall;
let client: Client;
let db: typeof import('@toandan/db/db').db;
let publishedAll: () => Promise<boolean>;

const DAY = '2026-05-10';

beforeAll(async () => {
  ({ app, base, graphql } = await startAppOnSmallTree());
  ({ db } = await import('@toandan/db/db'));
  ({ publishedAll } = await import('@toandan/server/live/boardPublisher'));
  client = wsClient(base);
});
afterAll(async () => {
  await client.dispose();
  await app.stop();
});

let person = 0;
const submitAs = enrolmentSubmitter((query, variables) => graphql(query, variables), '038091');
/** Every third person joins household health insurance, the others voluntary social insurance. */
const submit = (unitCode: string, overrides: Record<string, unknown> = {}) =>
  submitAs(unitCode, { scheme: ++person % 3 === 0 ? 'HOUSEHOLD_HI' : 'VOLUNTARY_SI', ...overrides });

/** Every tally of a board, for comparing a followed board with a refetch. */
const talliesOf = (board: { totals: unknown[]; rows: unknown[] } | null) =>
  board && { totals: board.totals, rows: board.rows };

const contiguous = (updates: Update[], from: number) =>
  expect(updates.map((update) => update.sequence)).toEqual(updates.map((_, index) => from + 1 + index));

describe('live boards, followed by the shared client helper', () => {
  it('keeps four boards of one chain equal to a refetch through 60 enrolments, in order', async () => {
    const codes = ['VN', '38', '386', '386-01'];
    const watchers = codes.map((code) => watchBoard(client, code, { base, date: DAY }));
    await Promise.all(watchers.map((watcher) => watcher.opened()));
    const nationBefore = await fetchBoard(base, 'VN', DAY);
    const units = ['386-01', '386', '390', '405', '38'];
    // Waves of concurrent submissions: bursts that coalesce, and quiet moments that do not.
    for (let wave = 0; wave < 6; wave++) {
      const bodies = await Promise.all(units.flatMap((unit) => [submit(unit), submit(unit)]));
      for (const body of bodies) expect(body.data.submitEnrolment.userErrors).toEqual([]);
      if (wave % 2 === 0) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // A board read may be newer than the update of the same number (it reads all that committed);
    // once every change has gone out, the last update carries the final values.
    await publishedAll();
    for (const [index, watcher] of watchers.entries()) {
      const code = codes[index] as string;
      const expected = await fetchBoard(base, code, DAY);
      await until(() => watcher.state.board?.sequence === expected.sequence, `board ${code} to catch up`);
      expect(talliesOf(watcher.state.board)).toEqual(talliesOf(expected));
      contiguous(watcher.state.updates, watcher.state.opening?.sequence ?? Number.NaN);
      expect(watcher.state.refetches).toEqual(['start']);
      expect(watcher.state.errors).toEqual([]);
      watcher.stop();
    }
    // 60 enrolments (every third one household health insurance) reached the nation's board, in
    // fewer, merged updates.
    const nation = await fetchBoard(base, 'VN', DAY);
    for (const [scheme, added] of [
      ['VOLUNTARY_SI', 40],
      ['HOUSEHOLD_HI', 20],
    ] as const) {
      expect(tallyOf(nation, '38', scheme)?.cumulative).toBe(
        (tallyOf(nationBefore, '38', scheme)?.cumulative ?? 0) + added,
      );
    }
    expect(watchers[0]?.state.updates.length).toBeLessThan(60);
  });

  it('refetches when an update is missing, and is right again', async () => {
    const watcher = watchBoard(client, '38', { base, date: DAY });
    await watcher.opened();
    await watcher.settled();
    // An update lost on its way (as across instances when Redis drops a message): the board's
    // number moves on without one being sent.
    await db.$executeRawUnsafe(
      `UPDATE "BoardSequence" SET "sequence" = "sequence" + 1
       WHERE "campaignId" = 'test-campaign' AND "unitId" = (SELECT id FROM "Unit" WHERE code = '38')`,
    );
    expect((await submit('386-01')).data.submitEnrolment.userErrors).toEqual([]);
    await until(() => watcher.state.refetches.includes('gap'), 'a refetch');
    await watcher.settled();
    await publishedAll();
    const expected = await fetchBoard(base, '38', DAY);
    await until(() => watcher.state.board?.sequence === expected.sequence, 'the refetched board');
    expect(talliesOf(watcher.state.board)).toEqual(talliesOf(expected));
    watcher.stop();
  });

  it('publishes nothing for an enrolment rolled back at commit', async () => {
    // A deferred check that fails at COMMIT, after the enrolment and its counters were written.
    await db.$executeRawUnsafe(`CREATE FUNCTION refuse_marked_enrolment() RETURNS trigger AS $$
      BEGIN IF NEW."idempotencyKey" LIKE 'refuse-at-commit-%' THEN RAISE EXCEPTION 'refused at commit'; END IF; RETURN NULL; END
      $$ LANGUAGE plpgsql`);
    await db.$executeRawUnsafe(`CREATE CONSTRAINT TRIGGER refuse_marked_enrolment AFTER INSERT ON "Enrolment"
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_marked_enrolment()`);
    const watcher = watchBoard(client, '386', { base, date: DAY });
    await watcher.opened();
    const before = await fetchBoard(base, '386', DAY);
    const refused = await submit('386-01', {
      idempotencyKey: `refuse-at-commit-${randomUUID()}`,
      scheme: 'VOLUNTARY_SI',
    });
    expect(refused.errors).toHaveLength(1);
    expect(await fetchBoard(base, '386', DAY)).toEqual(before);
    expect((await submit('386-01', { scheme: 'VOLUNTARY_SI' })).data.submitEnrolment.userErrors).toEqual([]);
    await until(() => watcher.state.updates.length > 0, 'the update');
    // One update, numbered next, one more enrolment: the rolled-back one took no number. The
    // accepted enrolment is the sentinel: an update of the rolled-back one would have come first.
    expect(watcher.state.updates.map((update) => update.sequence)).toEqual([before.sequence + 1]);
    expect(tallyOf(watcher.state.board, '386')?.today).toBe((tallyOf(before, '386')?.today ?? 0) + 1);
    watcher.stop();
  });

  it('gives subscribers with different selections and boards each their own result', async () => {
    const full = watchBoard(client, '38');
    const other = watchBoard(client, '386');
    const changes: { sequence: number; changes: { unitCode: string; today: number }[] }[] = [];
    const narrow = client.subscribe<{ boardUpdated: (typeof changes)[number] }>(
      {
        query: `subscription { boardUpdated(campaignId: "test-campaign", unitCode: "38") {
          sequence changes { unitCode today } } }`,
      },
      {
        next: (message) => message.data && changes.push(message.data.boardUpdated),
        error: () => {},
        complete: () => {},
      },
    );
    await Promise.all([full.opened(), other.opened(), until(() => changes.length > 0, 'narrow opening')]);
    expect((await submit('390', { scheme: 'VOLUNTARY_SI' })).data.submitEnrolment.userErrors).toEqual([]);
    await until(() => full.state.updates.length > 0 && changes.length > 1, 'both');
    expect(Object.keys(changes[1]?.changes[0] ?? {})).toEqual(['unitCode', 'today']);
    expect(Object.keys(full.state.updates[0]?.changes[0] ?? {})).toEqual([
      'unitCode',
      'scheme',
      'date',
      'today',
      'cumulative',
      'renewedToday',
      'renewed',
      'dueForRenewal',
      'lapsed',
      'dueWithin7Days',
      'netGrowth',
    ]);
    expect(changes[1]?.sequence).toBe(full.state.updates[0]?.sequence);
    // Bá Thước's board holds nothing of Cẩm Thủy: its first update is the sentinel's, sent after.
    expect((await submit('386-01', { scheme: 'VOLUNTARY_SI' })).data.submitEnrolment.userErrors).toEqual([]);
    await until(() => other.state.updates.length > 0, 'the sentinel in Bá Thước');
    expect(other.state.updates.map((update) => update.sequence)).toEqual([
      (other.state.opening?.sequence ?? 0) + 1,
    ]);
    expect(new Set(other.state.updates[0]?.changes.map((change) => change.unitCode))).toEqual(
      new Set(['386', '386-01']),
    );
    for (const watcher of [full, other]) watcher.stop();
    narrow();
  });

  it('sends the same updates over server-sent events', async () => {
    const sse = sseClient(base);
    const overSse: Update[] = [];
    const stop = sse.subscribe<{ boardUpdated: Update }>(
      { query: BOARD_SUBSCRIPTION, variables: { campaignId: 'test-campaign', unitCode: '38' } },
      {
        next: (message) => message.data && overSse.push(message.data.boardUpdated),
        error: (error) => overSse.push({ sequence: -1, committedAt: String(error), changes: [] }),
        complete: () => {},
      },
    );
    const overWs = watchBoard(client, '38');
    await Promise.all([overWs.opened(), until(() => overSse.length > 0, 'the SSE opening')]);
    expect(overSse[0]).toMatchObject({ sequence: overWs.state.opening?.sequence, changes: [] });
    for (let n = 0; n < 3; n++) expect((await submit('405')).data.submitEnrolment.userErrors).toEqual([]);
    await publishedAll();
    const expected = await fetchBoard(base, '38', DAY);
    await until(
      () =>
        overSse.at(-1)?.sequence === expected.sequence &&
        overWs.state.updates.at(-1)?.sequence === expected.sequence,
      'both transports to reach the board',
    );
    expect(overSse.slice(1)).toEqual(overWs.state.updates);
    stop();
    sse.dispose();
    overWs.stop();
  });
});
