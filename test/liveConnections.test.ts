import type { App } from '@toandan/server/app';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type GraphQLCall, startAppOnSmallTree } from './fixtures/app.ts';
import {
  connectionInit,
  enrolmentSubmitter,
  rawSocket,
  until,
  watchBoard,
  wsClient,
} from './fixtures/live.ts';

let app: App;
let base: string;
let graphql: GraphQLCall;
const KEEP_ALIVE_MS = 300;
const INIT_WAIT_MS = 500;

beforeAll(async () => {
  ({ app, base, graphql } = await startAppOnSmallTree({
    keepAliveMs: KEEP_ALIVE_MS,
    connectionInitWaitMs: INIT_WAIT_MS,
  }));
});
afterAll(() => app.stop().catch(() => {}));

const submit = enrolmentSubmitter((query, variables) => graphql(query, variables), '038092').bind(
  null,
  '386-01',
);

describe('WebSocket connections', () => {
  it('closes a socket that never sends connection_init with 4408', async () => {
    const { closed } = rawSocket(base);
    const started = Date.now();
    expect(await closed).toEqual({ code: 4408, reason: 'Connection initialisation timeout' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(INIT_WAIT_MS - 50);
  });

  it('pings every client, keeps those that answer and cuts those that do not', async () => {
    const answering = rawSocket(base);
    const silent = rawSocket(base, { autoPong: false });
    let pings = 0;
    answering.socket.on('ping', () => pings++);
    await Promise.all([answering.opened, silent.opened]);
    const init = await connectionInit();
    for (const { socket } of [answering, silent]) socket.send(init);
    // A silent client is cut after a ping interval and a pong wait; 1006: no close frame.
    expect((await silent.closed).code).toBe(1006);
    // Pings keep coming to the one that answers, well past the time the silent one was cut in.
    const pingsWhenCut = pings;
    await until(() => pings >= pingsWhenCut + 2, 'two more pings', KEEP_ALIVE_MS * 10);
    expect(answering.socket.readyState).toBe(WebSocket.OPEN);
    answering.socket.close();
  });

  it('on stop, sends the updates in flight, then closes every socket with 1001', async () => {
    const closes: number[] = [];
    const client = wsClient(base, {
      on: { closed: (event) => closes.push((event as { code: number }).code) },
    });
    const watcher = watchBoard(client, '386');
    await watcher.opened();
    expect((await submit()).data.submitEnrolment.userErrors).toEqual([]);
    await app.stop();
    expect(watcher.state.updates).toHaveLength(1);
    await until(() => closes.length > 0, 'the close');
    expect(closes).toEqual([1001]);
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });
});
