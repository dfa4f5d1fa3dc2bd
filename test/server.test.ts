import type { App } from '@toandan/server/app';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlAt } from './fixtures/app.ts';
import { watchBoard, wsClient } from './fixtures/live.ts';
import { proxyEnvUrl } from './fixtures/tcpProxy.ts';
import { bearer, commandCenterToken } from './fixtures/tokens.ts';

let app: App;
let base: string;
/** Takes the database away: a cut network to PostgreSQL, or a closed PGlite. */
let takeDatabaseAway: () => Promise<void>;
let takeRedisAway: (() => Promise<void>) | undefined;

beforeAll(async () => {
  // The app reaches PostgreSQL, and Redis when the run has one, through proxies that tests cut.
  const cutDatabase = await proxyEnvUrl('DATABASE_URL', 5432);
  if (cutDatabase) takeDatabaseAway = cutDatabase;
  takeRedisAway = await proxyEnvUrl('REDIS_URL', 6379);
  const { database } = await import('@toandan/db/db');
  takeDatabaseAway ??= () => database.close();
  const { buildApp } = await import('@toandan/server/app');
  const { loadSmallTree } = await import('./fixtures/smallTree.ts');
  app = await buildApp({ port: 0, host: '127.0.0.1', seed: 'never' });
  ({ url: base } = await app.start());
  await loadSmallTree();
});
afterAll(() => app.stop().catch(() => {}));

const graphql = (query: string, variables?: Record<string, unknown>) => graphqlAt(base, query, variables);

describe('the server', () => {
  it('answers /healthz with 200 while the database answers', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
  });

  it('lists a unit’s children in Vietnamese order, without units merged away', async () => {
    const { body } = await graphql(
      'query ($code: String!) { unit(code: $code) { name kind parent { code } children { code name } } }',
      {
        code: '38',
      },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.unit.name).toBe('Thanh Hóa');
    expect(body.data.unit.parent.code).toBe('VN');
    expect(body.data.unit.children.map((c: { name: string }) => c.name)).toEqual([
      'Bá Thước',
      'Cẩm Thủy',
      'Đông Sơn',
    ]);
  });

  it('returns null for an unknown unit code', async () => {
    const { body } = await graphql('{ unit(code: "00000") { code } }');
    expect(body).toEqual({ data: { unit: null } });
  });

  it('serves campaigns with Viet Nam days, by POST and by GET', async () => {
    const { body } = await graphql('{ campaigns { id name startsOn endsOn schemes } }');
    expect(body.data.campaigns).toEqual([
      {
        id: 'test-campaign',
        name: 'Tháng vận động thử',
        startsOn: '2026-05-01',
        endsOn: '2026-05-31',
        schemes: ['VOLUNTARY_SI', 'HOUSEHOLD_HI'],
      },
    ]);
    const query = encodeURIComponent('{ campaign(id: "test-campaign") { name unit { code } } }');
    const response = await fetch(`${base}/graphql?query=${query}`, {
      headers: { accept: 'application/json', authorization: bearer(await commandCenterToken()) },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      data: { campaign: { name: 'Tháng vận động thử', unit: { code: 'VN' } } },
    });
  });

  it('refuses malformed requests with the GraphQL-over-HTTP status codes and keeps serving', async () => {
    const badJson = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        authorization: bearer(await commandCenterToken()),
      },
      body: '{"query": ',
    });
    expect(badJson.status).toBe(400);
    const unknownField = await graphql('{ units { code } }');
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.errors?.[0]?.message).toContain('Cannot query field "units"');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('answers no other site’s browser (no CORS origin is configured) and sends nosniff', async () => {
    const preflight = await fetch(`${base}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const health = await fetch(`${base}/healthz`, { headers: { origin: 'https://evil.example' } });
    expect(health.headers.get('access-control-allow-origin')).toBeNull();
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('publishes its schema as SDL', async () => {
    const response = await fetch(`${base}/schema.graphql`);
    expect(response.status).toBe(200);
    const sdl = await response.text();
    expect(sdl).toContain('type Unit');
    expect(sdl).toContain('campaigns: [Campaign!]!');
  });

  it.runIf(process.env.REDIS_URL)('answers /healthz with 503 while Redis is away', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    await takeRedisAway?.();
    // ioredis notices the cut connection at once; the check may take up to its 2 s timeout.
    const started = Date.now();
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(3000);
    // Without Redis it still answers queries, and a new subscription does not stop it (its
    // SUBSCRIBE fails in the background until Redis is back).
    expect((await graphql('{ campaigns { id } }')).status).toBe(200);
    const client = wsClient(base);
    const watcher = watchBoard(client, '38');
    // The opening comes once Redis has answered the SUBSCRIBE (live/boardFeed.ts): here, once it
    // has failed.
    await watcher.opened();
    expect((await graphql('{ campaigns { id } }')).status).toBe(200);
    watcher.stop();
    await client.dispose();
  });

  it('answers /healthz with 503 once the database is gone', async () => {
    await takeDatabaseAway();
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(503);
  });
});
