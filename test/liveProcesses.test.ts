import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlAt } from './fixtures/app.ts';
import {
  BOARD_SUBSCRIPTION,
  convergedOn,
  enrolmentSubmitter,
  sseClient,
  type Update,
  until,
  watchBoard,
  wsClient,
} from './fixtures/live.ts';
import {
  envWith,
  freePort,
  runServerScript,
  type ServerProcess,
  startServerProcess,
} from './fixtures/run.ts';
import { tokenFor } from './fixtures/tokens.ts';

// Real server processes, as `pnpm start` runs them, on this file's own database (setup).
const DAY = '2026-05-10';
const running: ServerProcess[] = [];

beforeAll(async () => {
  const load = await runServerScript(
    fileURLToPath(new URL('./fixtures/loadSmallTree.cli.ts', import.meta.url)),
    [],
    envWith({}),
  );
  expect(load.stderr).toBe('');
  expect(load.code).toBe(0);
}, 120_000);
afterAll(async () => {
  await Promise.all(running.map((server) => server.stop()));
});

async function serve(overrides: Record<string, string | undefined> = {}) {
  const server = await startServerProcess(envWith({ HOST: '127.0.0.1', PORT: '0', ...overrides }));
  running.push(server);
  return server;
}

async function stop(server: ServerProcess) {
  running.splice(running.indexOf(server), 1);
  return server.stop();
}

let person = 0;
/** One submitter per server, each with its own citizen-ID prefix, so that no two people clash. */
const submitters = new Map<string, ReturnType<typeof enrolmentSubmitter>>();
async function submit(base: string, unitCode: string) {
  let submitTo = submitters.get(base);
  if (!submitTo) {
    submitTo = enrolmentSubmitter(
      (query, variables) => graphqlAt(base, query, variables),
      `03809${4 + submitters.size}`,
    );
    submitters.set(base, submitTo);
  }
  const body = await submitTo(unitCode, {
    scheme: ++person % 2 ? 'VOLUNTARY_SI' : 'HOUSEHOLD_HI',
    enrolledAt: `${DAY}T10:00:00+07:00`,
  });
  expect(body.data?.submitEnrolment.userErrors).toEqual([]);
}

describe('a server restart while subscribed', () => {
  it('reconnects, refetches and follows the board again', async () => {
    const port = String(await freePort());
    let server = await serve({ PORT: port });
    const client = wsClient(server.base, {
      retryAttempts: 120,
      retryWait: () => new Promise((resolve) => setTimeout(resolve, 300)),
      // A refused connection while the server is down is an error event, not a close: retry it too.
      shouldRetry: () => true,
      on: { connected: (_socket, _payload, wasRetry) => wasRetry && watcher.reconnected() },
    });
    const watcher = watchBoard(client, '38', { base: server.base, date: DAY });
    await watcher.opened();
    for (let n = 0; n < 3; n++) await submit(server.base, '386-01');
    await convergedOn(server.base, '38', watcher.state, DAY);

    expect((await stop(server)).code).toBe(0);
    server = await serve({ PORT: port });
    await until(() => watcher.state.refetches.includes('reconnect'), 'the reconnect', 20_000);
    for (let n = 0; n < 3; n++) await submit(server.base, '390');
    const expected = await convergedOn(server.base, '38', watcher.state, DAY);
    expect(watcher.state.board?.sequence).toBe(expected.sequence);
    expect(watcher.state.errors).toEqual([]);
    watcher.stop();
    await client.dispose();
  }, 90_000);
});

// Several instances need a database they can share and Redis: the PostgreSQL run of .ci/run.
const shared = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);

describe.runIf(shared)('two instances on PostgreSQL and Redis', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  beforeAll(async () => {
    [a, b] = await Promise.all([serve(), serve()]);
  }, 60_000);

  it('deliver every enrolment to subscribers of both, in one sequence, with the values of a refetch', async () => {
    expect(a.output()).toContain('Redis at');
    const clientA = wsClient(a.base);
    const clientB = wsClient(b.base);
    const watchers = [
      watchBoard(clientA, '38', { base: a.base, date: DAY }),
      watchBoard(clientB, '38', { base: b.base, date: DAY }),
      watchBoard(clientB, 'VN', { base: b.base, date: DAY }),
      watchBoard(clientA, '386', { base: b.base, date: DAY }),
    ];
    const sse = sseClient(b.base);
    const overSse: Update[] = [];
    const stopSse = sse.subscribe<{ boardUpdated: Update }>(
      { query: BOARD_SUBSCRIPTION, variables: { campaignId: 'test-campaign', unitCode: '38' } },
      { next: (m) => m.data && overSse.push(m.data.boardUpdated), error: () => {}, complete: () => {} },
    );
    await Promise.all([
      ...watchers.map((watcher) => watcher.opened()),
      until(() => overSse.length > 0, 'SSE'),
    ]);

    // Submissions to both instances at once, each instance numbering its own flushes.
    const units = ['386-01', '386', '390', '405'];
    for (let wave = 0; wave < 5; wave++) {
      await Promise.all(
        units.flatMap((unit, index) => [
          submit(a.base, unit),
          submit(b.base, units[(index + 1) % 4] as string),
        ]),
      );
    }
    for (const [index, watcher] of watchers.entries()) {
      const code = ['38', '38', 'VN', '386'][index] as string;
      const expected = await convergedOn(a.base, code, watcher.state, DAY);
      expect(watcher.state.board?.sequence).toBe(expected.sequence);
      const sequences = watcher.state.updates.map((update) => update.sequence);
      expect(sequences).toEqual(sequences.map((_, i) => (watcher.state.opening?.sequence ?? 0) + 1 + i));
      expect(watcher.state.refetches).toEqual(['start']);
    }
    // The province's subscribers on A, on B and over SSE saw the very same stream.
    const [onA, onB] = watchers.map((watcher) => watcher.state.updates);
    expect(onB).toEqual(onA);
    await until(() => overSse.length === (onA?.length ?? 0) + 1, 'the SSE stream to catch up');
    expect(overSse.slice(1)).toEqual(onA);
    for (const watcher of watchers) watcher.stop();
    stopSse();
    sse.dispose();
    await Promise.all([clientA.dispose(), clientB.dispose()]);
  }, 90_000);

  it('refuse a token revoked on the other one at once, and close its sockets there', async () => {
    const phone = await tokenFor('FIELD_AGENT', '386', { subject: 'processes:lost-phone' });
    const closes: number[] = [];
    const onB = wsClient(
      b.base,
      { on: { closed: (event) => closes.push((event as { code: number }).code) } },
      phone,
    );
    const watcher = watchBoard(onB, '386');
    await watcher.opened();
    const { body } = await graphqlAt(b.base, '{ viewer { tokenId } }', {}, phone);
    const revoked = await graphqlAt(
      a.base,
      'mutation ($id: String!) { revokeToken(tokenId: $id, reason: "Mất điện thoại") { revoked } }',
      { id: body.data.viewer.tokenId },
    );
    expect(revoked.body.data.revokeToken.revoked).toBe(true);
    await until(() => closes.length > 0, 'the socket on the other instance to close', 5_000);
    expect(closes).toEqual([4403]);
    expect((await graphqlAt(b.base, '{ viewer { role } }', {}, phone)).status).toBe(401);
    watcher.stop();
    await onB.dispose();
  });
});
