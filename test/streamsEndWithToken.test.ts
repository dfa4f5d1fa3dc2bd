import type { App } from '@toandan/server/app';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlAt, startAppOnSmallTree } from './fixtures/app.ts';
import { BOARD_SUBSCRIPTION, enrolmentSubmitter, until, wsClient } from './fixtures/live.ts';
import { envWith, type ServerProcess, startServerProcess } from './fixtures/run.ts';
import { openSse, type SseStream } from './fixtures/sse.ts';
import { commandCenterToken, tokenFor } from './fixtures/tokens.ts';

// Revocation and expiry end every stream (docs/security.md): a server-sent events stream gets
// an UNAUTHENTICATED error and completes, a WebSocket is closed with 4403.
let app: App;
let base: string;

beforeAll(async () => {
  ({ app, base } = await startAppOnSmallTree());
});
afterAll(() => app.stop());

const LIVE_BOARD = { campaignId: 'test-campaign', unitCode: '386' };

/** A live board over server-sent events, once its opening update has arrived. */
async function liveBoardOverSse(at: string, token: string): Promise<SseStream> {
  const stream = await openSse(at, token, BOARD_SUBSCRIPTION, LIVE_BOARD);
  expect(stream.status).toBe(200);
  await until(() => stream.events.length > 0, 'the opening update');
  expect(stream.events[0]?.data?.data?.boardUpdated).toBeDefined();
  return stream;
}

/** When the stream ended (ms since the epoch), having ended as a token's end ends it. */
async function endedUnauthenticated(stream: SseStream, withinMs: number): Promise<number> {
  // Past the deadline the stream is closed here, and shows `cut` instead of `complete`.
  const deadline = setTimeout(stream.close, withinMs);
  await stream.ended;
  const endedAt = Date.now();
  clearTimeout(deadline);
  const [error, complete] = stream.events.slice(-2);
  expect(error?.event).toBe('next');
  expect(error?.data?.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  expect(error?.data?.data).toBeUndefined();
  expect(complete?.event).toBe('complete');
  return endedAt;
}

async function revokeAt(at: string, token: string): Promise<void> {
  const { body } = await graphqlAt(at, '{ viewer { tokenId } }', {}, token);
  const revoked = await graphqlAt(
    at,
    'mutation ($id: String!) { revokeToken(tokenId: $id, reason: "Mất điện thoại") { revoked } }',
    { id: body.data.viewer.tokenId },
    await commandCenterToken(),
  );
  expect(revoked.body.data.revokeToken.revoked).toBe(true);
}

/** The `exp` of a token, in ms since the epoch. */
const expiryOf = (token: string) =>
  (JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString()) as { exp: number }).exp *
  1000;

describe('server-sent events end with their token', () => {
  it('end within 5 s of revokeToken, and leave other tokens’ streams live', async () => {
    const phone = await tokenFor('FIELD_AGENT', '386', { subject: 'streams:lost-phone' });
    const screen = await tokenFor('PARTNER', null, { subject: 'streams:wall-screen' });
    const [lost, kept] = await Promise.all([liveBoardOverSse(base, phone), liveBoardOverSse(base, screen)]);
    const revokedAt = Date.now();
    await revokeAt(base, phone);
    const endedAt = await endedUnauthenticated(lost, 5_000);
    expect(endedAt - revokedAt).toBeLessThan(5_000);
    // The other token's stream still receives updates.
    const submit = enrolmentSubmitter((query, variables) => graphqlAt(base, query, variables), '038095');
    expect((await submit('386-01')).data.submitEnrolment.userErrors).toEqual([]);
    await until(() => kept.events.length > 1, 'an update on the other stream');
    expect(kept.events[1]?.data?.data?.boardUpdated.changes.length).toBeGreaterThan(0);
    kept.close();
  });

  it('end within a second of the token’s expiry', async () => {
    const shortLived = await tokenFor('PARTNER', null, {
      subject: 'streams:short-lived',
      expiresInSeconds: 3,
    });
    const stream = await liveBoardOverSse(base, shortLived);
    const endedAt = await endedUnauthenticated(stream, 5_000);
    expect(endedAt).toBeGreaterThanOrEqual(expiryOf(shortLived));
    expect(endedAt - expiryOf(shortLived)).toBeLessThan(1_000);
  });
});

describe('WebSockets end with their token', () => {
  it('close with 4403 within a second of the token’s expiry', async () => {
    const shortLived = await tokenFor('PARTNER', null, {
      subject: 'streams:short-socket',
      expiresInSeconds: 3,
    });
    const closes: { code: number; at: number }[] = [];
    const client = wsClient(
      base,
      { on: { closed: (event) => closes.push({ code: (event as { code: number }).code, at: Date.now() }) } },
      shortLived,
    );
    let opened = false;
    client.subscribe(
      { query: BOARD_SUBSCRIPTION, variables: LIVE_BOARD },
      {
        next: () => {
          opened = true;
        },
        error: () => {},
        complete: () => {},
      },
    );
    await until(() => opened, 'the opening update');
    await until(() => closes.length > 0, 'the socket to close', 5_000);
    expect(closes[0]?.code).toBe(4403);
    expect((closes[0]?.at ?? 0) - expiryOf(shortLived)).toBeLessThan(1_000);
    await client.dispose();
  });
});

const shared = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);

describe.runIf(shared)('across instances on PostgreSQL and Redis', () => {
  let other: ServerProcess;
  beforeAll(async () => {
    other = await startServerProcess(envWith({ HOST: '127.0.0.1', PORT: '0' }));
  }, 60_000);
  afterAll(() => other?.stop());

  it('end a stream on another instance within 5 s of revokeToken', async () => {
    const phone = await tokenFor('FIELD_AGENT', '386', { subject: 'streams:lost-elsewhere' });
    const stream = await liveBoardOverSse(other.base, phone);
    const revokedAt = Date.now();
    await revokeAt(base, phone);
    const endedAt = await endedUnauthenticated(stream, 5_000);
    expect(endedAt - revokedAt).toBeLessThan(5_000);
  });
});
