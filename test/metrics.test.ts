import type { App } from '@toandan/server/app';
import { metricsAccess } from '@toandan/server/metrics';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLCall, startAppOnSmallTree } from './fixtures/app.ts';
import { BOARD_SUBSCRIPTION, enrolmentSubmitter, until, wsClient } from './fixtures/live.ts';
import { commandCenterToken } from './fixtures/tokens.ts';
import { personalDataIn } from './setup/personalDataInLogs.ts';

const METRICS_TOKEN = 'metrics-secret-for-this-test-0123456789';

let app: App;
let base: string;
let graphql: GraphQLCall;

beforeAll(async () => {
  ({ app, base, graphql } = await startAppOnSmallTree({ metrics: { token: METRICS_TOKEN } }));
});
afterAll(() => app?.stop());

const submit = enrolmentSubmitter((query, variables) => graphql(query, variables), '038094');

/**
 * /metrics as Prometheus reads it: each sample's value by its name and labels. The parser keeps
 * a histogram's labels only when its series are read as plain ones (_count, _sum, _bucket), so
 * it reads the text twice: as it is, to check every line and type, and with the histograms'
 * TYPE lines left out, for their samples.
 */
async function scrape(headers: Record<string, string> = {}) {
  const response = await fetch(`${base}/metrics`, { headers });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain; version=0.0.4');
  const text = await response.text();
  const families = parsePrometheusTextFormat(text);
  const series = parsePrometheusTextFormat(text.replace(/^# TYPE \S+ histogram$/gm, ''));
  /** The sum over the samples of `name` that carry `labels` (and any others). */
  const value = (name: string, labels: Record<string, string> = {}): number =>
    (series.find((family) => family.name === name)?.metrics ?? [])
      .filter((sample) =>
        Object.entries(labels).every(([label, wanted]) => sample.labels?.[label] === wanted),
      )
      .reduce((sum, sample) => sum + Number(sample.value), 0);
  return { text, families, series, value };
}

describe('GET /metrics', () => {
  it('counts operations, latency by root field, and errors by code as requests come', async () => {
    const before = await scrape();
    for (let i = 0; i < 3; i++) expect((await graphql('{ campaigns { id } }')).status).toBe(200);
    // A client's operation name is no label: it has no bound.
    await graphql('query PickedByTheClient123 { campaigns { id } }');
    expect((await graphql('{ campaigns { id } }', {}, null)).status).toBe(401);
    expect((await graphql('{ campaigns { nope } }')).body.errors?.[0]?.extensions?.code).toBe(
      'GRAPHQL_VALIDATION_FAILED',
    );
    const after = await scrape();

    const campaigns = { operationType: 'query', rootField: 'campaigns' };
    expect(
      after.value('graphql_envelop_request', campaigns) - before.value('graphql_envelop_request', campaigns),
    ).toBe(4);
    const ok = { ...campaigns, statusCode: '200' };
    expect(
      after.value('graphql_yoga_http_duration_count', ok) -
        before.value('graphql_yoga_http_duration_count', ok),
    ).toBe(4);
    const errors = (code: string) =>
      after.value('toandan_graphql_errors_total', { code }) -
      before.value('toandan_graphql_errors_total', { code });
    expect(errors('UNAUTHENTICATED')).toBe(1);
    expect(errors('GRAPHQL_VALIDATION_FAILED')).toBe(1);

    const labelValues = after.series.flatMap((family) =>
      family.metrics.flatMap((sample) => Object.values(sample.labels ?? {})),
    );
    expect(labelValues).not.toContain('PickedByTheClient123');
    expect(labelValues).not.toContain('nope');
    expect(after.text).not.toContain('PickedByTheClient123');
  });

  it('shows open WebSockets and subscriptions, and the live boards’ flushes and delay', async () => {
    const before = await scrape();
    const client = wsClient(base);
    const updates: unknown[] = [];
    const stop = client.subscribe(
      { query: BOARD_SUBSCRIPTION, variables: { campaignId: 'test-campaign', unitCode: '38' } },
      { next: (update) => void updates.push(update), error: () => {}, complete: () => {} },
    );
    await until(() => updates.length > 0, 'the opening update');
    const subscribed = await scrape();
    expect(subscribed.value('toandan_websockets_open')).toBe(before.value('toandan_websockets_open') + 1);
    expect(subscribed.value('toandan_subscriptions_open', { rootField: 'boardUpdated' })).toBe(
      before.value('toandan_subscriptions_open', { rootField: 'boardUpdated' }) + 1,
    );
    // Counted among the operations as it starts.
    const started = { operationType: 'subscription', rootField: 'boardUpdated' };
    expect(subscribed.value('graphql_envelop_request', started)).toBe(
      before.value('graphql_envelop_request', started) + 1,
    );

    expect((await submit('386')).data.submitEnrolment.userErrors).toEqual([]);
    await until(() => updates.length > 1, 'the update of the submission');
    const published = await scrape();
    expect(published.value('toandan_board_flushes_total')).toBeGreaterThan(
      before.value('toandan_board_flushes_total'),
    );
    // One delay per board published: the district's, its province's, the country's at least.
    const delays = (scraped: typeof published) => scraped.value('toandan_board_update_delay_seconds_count');
    expect(delays(published)).toBeGreaterThanOrEqual(delays(before) + 3);
    const delaySum = (scraped: typeof published) => scraped.value('toandan_board_update_delay_seconds_sum');
    expect(delaySum(published)).toBeGreaterThan(delaySum(before));
    expect(
      published.families.find((family) => family.name === 'toandan_board_update_delay_seconds')?.type,
    ).toBe('HISTOGRAM');

    stop();
    await client.dispose();
    // The gauges come down when the subscription and the socket end.
    const closed = async () => {
      const now = await scrape();
      return (
        now.value('toandan_subscriptions_open', { rootField: 'boardUpdated' }) ===
          before.value('toandan_subscriptions_open', { rootField: 'boardUpdated' }) &&
        now.value('toandan_websockets_open') === before.value('toandan_websockets_open')
      );
    };
    await expect.poll(closed, { timeout: 10_000 }).toBe(true);
  });

  it('shows the database pool on PostgreSQL', async () => {
    const { value } = await scrape();
    if (process.env.DATABASE_URL) {
      expect(value('toandan_database_pool_connections', { state: 'max' })).toBeGreaterThan(0);
      expect(value('toandan_database_pool_connections', { state: 'total' })).toBeGreaterThan(0);
    } else {
      // PGlite is one connection in the process, with no pool to show.
      expect(value('toandan_database_pool_connections')).toBe(0);
    }
  });

  it('never shows a citizen ID, a name or a token', async () => {
    const token = await commandCenterToken();
    const answer = await submit('386', { fullName: 'Lương Thế Vinh' });
    expect(answer.data.submitEnrolment.userErrors).toEqual([]);
    await submit('386', { citizenId: 'not-an-id' });
    const { text } = await scrape();
    expect(personalDataIn(text)).toEqual([]);
    expect(text).not.toContain(token);
    expect(text).not.toContain(METRICS_TOKEN);
  });
});

describe('who may read /metrics', () => {
  const get = (headers: Record<string, string>) => fetch(`${base}/metrics`, { headers });

  it('is open on loopback without the secret', async () => {
    expect((await get({})).status).toBe(200);
  });

  it('takes the secret from a request through a proxy (X-Forwarded-For or Forwarded)', async () => {
    const refused = await get({ 'x-forwarded-for': '203.0.113.7' });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain('Bearer');
    expect(await refused.text()).not.toContain('toandan_');
    expect((await get({ forwarded: 'for=203.0.113.7' })).status).toBe(401);
    expect(
      (await get({ 'x-forwarded-for': '203.0.113.7', authorization: 'Bearer wrong-secret' })).status,
    ).toBe(401);
    expect(
      (await get({ 'x-forwarded-for': '127.0.0.1', authorization: `Bearer ${METRICS_TOKEN}` })).status,
    ).toBe(200);
  });

  it('takes the secret from every request with TRUST_PROXY, from other hosts, and refuses all when none is set', () => {
    const noProxy = { authorization: null, forwarded: false };
    const withSecret = { authorization: `Bearer ${METRICS_TOKEN}`, forwarded: false };
    const secret = { token: METRICS_TOKEN };
    expect(metricsAccess(secret, '127.0.0.1', noProxy)).toBe(200);
    expect(metricsAccess(secret, '::ffff:127.0.0.1', noProxy)).toBe(200);
    expect(metricsAccess({ ...secret, trustProxy: true }, '127.0.0.1', noProxy)).toBe(401);
    expect(metricsAccess({ ...secret, trustProxy: true }, '127.0.0.1', withSecret)).toBe(200);
    expect(metricsAccess(secret, '10.0.0.8', noProxy)).toBe(401);
    expect(metricsAccess(secret, '10.0.0.8', withSecret)).toBe(200);
    expect(
      metricsAccess(secret, '10.0.0.8', { authorization: `Basic ${METRICS_TOKEN}`, forwarded: false }),
    ).toBe(401);
    // No METRICS_TOKEN: loopback only, and never through a proxy.
    expect(metricsAccess({}, '127.0.0.1', noProxy)).toBe(200);
    expect(metricsAccess({}, '127.0.0.1', { authorization: null, forwarded: true })).toBe(403);
    expect(metricsAccess({ trustProxy: true }, '127.0.0.1', withSecret)).toBe(403);
    expect(metricsAccess({}, '10.0.0.8', withSecret)).toBe(403);
  });
});
