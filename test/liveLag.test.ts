import type { App } from '@toandan/server/app';
import { SOCKET_LIMITS } from '@toandan/server/live/webSockets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLCall, startAppOnSmallTree } from './fixtures/app.ts';
import {
  BOARD_SUBSCRIPTION,
  connectionInit,
  enrolmentSubmitter,
  rawSocket,
  until,
  watchBoard,
  wsClient,
} from './fixtures/live.ts';

// The default keep-alive: a client that reads nothing also answers no ping, and is cut by the
// keep-alive after two intervals. The lag limits must act before that.
let app: App;
let base: string;
let graphql: GraphQLCall;

beforeAll(async () => {
  ({ app, base, graphql } = await startAppOnSmallTree());
});
afterAll(() => app.stop());

const submit = enrolmentSubmitter((query, variables) => graphql(query, variables), '038093').bind(
  null,
  '386-01',
);

describe('a client that falls behind', () => {
  it('drops a client that stops reading, with 1013, instead of holding its updates', async () => {
    const { socket, closed, opened } = rawSocket(base);
    await opened;
    socket.send(await connectionInit());
    // As many subscriptions as one socket may hold, so that its buffers fill within a few updates.
    const SUBSCRIPTIONS = SOCKET_LIMITS.subscriptions;
    let received = 0;
    socket.on('message', () => received++);
    await until(() => received === 1, 'the ack');
    for (let id = 0; id < SUBSCRIPTIONS; id++) {
      socket.send(
        JSON.stringify({
          id: String(id),
          type: 'subscribe',
          payload: { query: BOARD_SUBSCRIPTION, variables: { campaignId: 'test-campaign', unitCode: '38' } },
        }),
      );
    }
    await until(() => received > SUBSCRIPTIONS, 'the ack and every opening');
    (socket as unknown as { _socket: { pause(): void } })._socket.pause();
    const before = app.liveStats().droppedForLag;
    // A well-behaved client on the same board is not held back by the stalled one.
    const healthy = watchBoard(wsClient(base), '38');
    await healthy.opened();
    // The stalled client reads again as soon as it is dropped, so that it reaches the close
    // frame before the server cuts a client that never reads (LAGGING_CLOSE_WAIT_MS): on a
    // loaded machine a batch of submissions can outlast that wait.
    const deadline = Date.now() + 45_000;
    const dropped = (async () => {
      while (app.liveStats().droppedForLag === before && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 10));
      (socket as unknown as { _socket: { resume(): void } })._socket.resume();
    })();
    while (app.liveStats().droppedForLag === before && Date.now() < deadline) {
      await Promise.all(Array.from({ length: 5 }, () => submit()));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(app.liveStats().droppedForLag).toBe(before + 1);
    await dropped;
    expect(healthy.state.updates.length).toBeGreaterThan(10);
    expect((await closed).code).toBe(1013);
    healthy.stop();
  }, 60_000);
});
