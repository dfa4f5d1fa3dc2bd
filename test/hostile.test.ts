import type { App } from '@toandan/server/app';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLBody, startAppOnSmallTree } from './fixtures/app.ts';
import { BOARD_SUBSCRIPTION, connectionInit, rawSocket, until } from './fixtures/live.ts';
import { bearer, commandCenterToken, tokenFor } from './fixtures/tokens.ts';

// Hostile requests: each is refused before it runs (no SQL statement is sent for it), with the
// limit it broke named in extensions.code, and the server keeps serving.
let app: App;
let base: string;
let onQuery: typeof import('@toandan/db/db').onQuery;

beforeAll(async () => {
  ({ app, base } = await startAppOnSmallTree());
  ({ onQuery } = await import('@toandan/db/db'));
});
afterAll(() => app.stop());

/**
 * Sends a raw body and counts the SQL statements the server sends while it answers; `chunked`
 * streams it without a Content-Length, as a client that does not know its size would.
 */
async function send(body: string, token?: string, chunked = false) {
  let statements = 0;
  const stop = onQuery(() => {
    statements++;
  });
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      authorization: bearer(token ?? (await commandCenterToken())),
    },
    ...(chunked ? { body: new Blob([body]).stream(), duplex: 'half' as const } : { body }),
  } as RequestInit);
  const text = await response.text();
  stop();
  return { status: response.status, body: JSON.parse(text) as GraphQLBody, statements };
}

const codeOf = (body: GraphQLBody) => body.errors?.[0]?.extensions?.code;

describe('hostile requests', () => {
  it('refuses a query 60 levels deep', async () => {
    const deep = `{ unit(code: "VN") { ${'children { '.repeat(59)}code${' }'.repeat(59)} } }`;
    const { body, statements } = await send(JSON.stringify({ query: deep }));
    expect(codeOf(body)).toBe('MAX_DEPTH');
    expect(body.errors?.[0]?.extensions?.limit).toBe(10);
    expect(statements).toBe(0);
  });

  it('refuses 3,000 aliases', async () => {
    const aliases = Array.from({ length: 3000 }, (_, i) => `a${i}: campaigns { id }`).join(' ');
    const { body, statements } = await send(JSON.stringify({ query: `{ ${aliases} }` }));
    // So many aliases are first too many tokens for the parser.
    expect(['MAX_TOKENS', 'MAX_ALIASES']).toContain(codeOf(body));
    expect(statements).toBe(0);
  });

  it('refuses 16 aliases, over the alias limit, within the token limit', async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: campaigns { id }`).join(' ');
    const { body, statements } = await send(JSON.stringify({ query: `{ ${aliases} }` }));
    expect(codeOf(body)).toBe('MAX_ALIASES');
    expect(statements).toBe(0);
  });

  it('refuses a 20 MB body without reading it', async () => {
    const huge = JSON.stringify({
      query: `{ campaigns { id } }`,
      variables: { padding: 'x'.repeat(20 * 1024 * 1024) },
    });
    const { status, body, statements } = await send(huge);
    expect(status).toBe(413);
    expect(codeOf(body)).toBe('REQUEST_ENTITY_TOO_LARGE');
    expect(statements).toBe(0);
  });

  it('refuses a 2 MiB body sent without a length, counting it as it streams', async () => {
    const huge = JSON.stringify({
      query: `{ campaigns { id } }`,
      variables: { padding: 'x'.repeat(2 * 1024 * 1024) },
    });
    const { status, body, statements } = await send(huge, undefined, true);
    expect(status).toBe(413);
    expect(codeOf(body)).toBe('REQUEST_ENTITY_TOO_LARGE');
    expect(body.errors?.[0]?.extensions?.limit).toBe(1024 * 1024);
    expect(statements).toBe(0);
  });

  it('answers a body sent without a length when it is within the limit', async () => {
    const small = JSON.stringify({
      query: `{ campaigns { id } }`,
      variables: { padding: 'x'.repeat(900_000) },
    });
    const { status, body } = await send(small, undefined, true);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data?.campaigns).toBeInstanceOf(Array);
  });

  it('refuses first: 1000000 by its cost', async () => {
    const query =
      '{ enrolments(campaignId: "test-campaign", unitCode: "VN", first: 1000000) { edges { node { id } } } }';
    const { body, statements } = await send(JSON.stringify({ query }));
    expect(codeOf(body)).toBe('MAX_COMPLEXITY');
    expect(body.errors?.[0]?.extensions).toMatchObject({ limit: 25_000 });
    expect(statements).toBe(0);
  });

  it('refuses a batch of 1,000 operations', async () => {
    const batch = JSON.stringify(Array.from({ length: 1000 }, () => ({ query: '{ campaigns { id } }' })));
    const { status, body, statements } = await send(batch);
    expect(status).toBe(400);
    expect(codeOf(body)).toBe('BATCHING_NOT_SUPPORTED');
    expect(statements).toBe(0);
  });

  it('hides field suggestions', async () => {
    const { body } = await send(JSON.stringify({ query: '{ campaignz { id } }' }), await tokenFor('PARTNER'));
    expect(body.errors?.[0]?.message).toContain('Cannot query field "campaignz"');
    expect(body.errors?.[0]?.message).not.toContain('Did you mean');
  });

  it('closes a WebSocket that floods subscribe messages, and keeps serving the others', async () => {
    const { socket, closed, opened } = rawSocket(base);
    await opened;
    let acked = false;
    socket.on('message', (data) => {
      if (String(data).includes('connection_ack')) acked = true;
    });
    socket.send(await connectionInit());
    await until(() => acked, 'the ack');
    let statements = 0;
    const stop = onQuery(() => {
      statements++;
    });
    const subscribe = (id: number) =>
      JSON.stringify({
        id: String(id),
        type: 'subscribe',
        payload: { query: BOARD_SUBSCRIPTION, variables: { campaignId: 'test-campaign', unitCode: 'VN' } },
      });
    for (let id = 0; id < 5000 && socket.readyState === socket.OPEN; id++) socket.send(subscribe(id));
    const { code } = await closed;
    stop();
    expect(code).toBe(1008);
    // At most what the per-connection limits let through ran (a subscription costs 3 reads).
    expect(statements).toBeLessThan(400);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('still answers /healthz and queries after all of the above', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const { body } = await send(JSON.stringify({ query: '{ campaigns { id } }' }));
    expect(body.data.campaigns).toHaveLength(1);
  });
});
