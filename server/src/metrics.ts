import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { createCounter, createHistogram, usePrometheus } from '@graphql-yoga/plugin-prometheus';
import { type DocumentNode, type GraphQLSchema, getOperationAST, Kind } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * What GET /metrics tells Prometheus (README, "Metrics"). Every label takes its values from a
 * bounded set chosen by the server: operation types, root fields of the schema, status codes,
 * error codes. Nothing a client chooses (its operation name, its query, its variables, its
 * token) becomes a label, so no personal data and no token can reach the output, and a client
 * cannot grow the number of series.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Where a committed change waits before it is published (boardPublisher.ts): 100 ms by design. */
const boardUpdateDelay = new Histogram({
  name: 'toandan_board_update_delay_seconds',
  help: 'Time from the commit of a change to the publication of the board update carrying it',
  buckets: [0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});
const boardFlushes = new Counter({
  name: 'toandan_board_flushes_total',
  help: 'Flushes of the live boards: each numbers and publishes the pending updates of every board at once',
  registers: [registry],
});
const errors = new Counter({
  name: 'toandan_graphql_errors_total',
  help: 'Errors in GraphQL answers over HTTP, by extensions.code (refusals before execution included)',
  labelNames: ['code'],
  registers: [registry],
});

/** Called by the live-board publisher after each flush, with the boards it published. */
export function recordBoardFlush(boards: Iterable<{ committedAt: number }>, publishedAt = Date.now()): void {
  boardFlushes.inc();
  for (const board of boards) boardUpdateDelay.observe((publishedAt - board.committedAt) / 1000);
}

/** Figures the server reads from elsewhere when Prometheus scrapes. */
export interface Watched {
  sockets?: () => { sockets: number; droppedForLag: number };
  /** The driver's pool (PostgreSQL only; PGlite has one connection and no pool). */
  pool?: () => { total: number; idle: number; waiting: number; max: number } | null;
  /**
   * Subscriptions running, by root field, as the live feeds hold them: counted where they are
   * kept rather than by a hook on every subscription, which made Envelop wrap each stream in
   * one more async iterator for its end (about 0.3 KiB of each idle board's memory).
   */
  subscriptions?: () => Record<string, number>;
}

const watched: Watched = {};

/** Has `figures` read at every scrape; the last call wins (one app per process). */
export function watch(figures: Watched): void {
  Object.assign(watched, figures);
}

new Gauge({
  name: 'toandan_websockets_open',
  help: 'WebSocket connections open on /graphql',
  registers: [registry],
  collect() {
    const stats = watched.sockets?.();
    if (stats) this.set(stats.sockets);
  },
});
new Counter({
  name: 'toandan_websockets_dropped_for_lag_total',
  help: 'WebSockets closed (1013) because their client fell too far behind the live updates',
  registers: [registry],
  collect() {
    const stats = watched.sockets?.();
    if (!stats) return;
    this.reset();
    this.inc(stats.droppedForLag);
  },
});
new Gauge({
  name: 'toandan_subscriptions_open',
  help: 'Subscriptions running, over WebSockets and server-sent events, by root field',
  labelNames: ['rootField'],
  registers: [registry],
  collect() {
    for (const [rootField, open] of Object.entries(watched.subscriptions?.() ?? {}))
      this.set({ rootField }, open);
  },
});
new Gauge({
  name: 'toandan_database_pool_connections',
  help: 'Connections of the database pool of the hot path (submissions, live boards), by state',
  labelNames: ['state'],
  registers: [registry],
  collect() {
    const pool = watched.pool?.();
    if (!pool) return;
    this.set({ state: 'total' }, pool.total);
    this.set({ state: 'idle' }, pool.idle);
    this.set({ state: 'waiting' }, pool.waiting);
    this.set({ state: 'max' }, pool.max);
  },
});

interface OperationLabels {
  operationType: string;
  rootField: string;
}

/**
 * The operation's type and root field, the labels of its latency and the fields of its log
 * line (log.ts): `several` when it selects more than one root field, `invalid` when it names
 * none of the schema's (a document that fails validation), so that a client cannot make up
 * label values.
 */
export function operationOf(
  document: DocumentNode | undefined,
  operationName: string | undefined,
): OperationLabels {
  if (!document) return { operationType: 'unknown', rootField: 'invalid' };
  let byName = labelsByDocument.get(document);
  if (!byName) {
    byName = new Map();
    labelsByDocument.set(document, byName);
  }
  const cached = byName.get(operationName ?? '');
  if (cached) return cached;
  // Envelop names an unnamed operation "Anonymous".
  const operation = getOperationAST(document, operationName) ?? getOperationAST(document);
  const names = new Set(
    operation?.selectionSet.selections.map((selection) =>
      selection.kind === Kind.FIELD ? selection.name.value : '',
    ),
  );
  const [name] = names;
  const labels = {
    operationType: operation?.operation ?? 'unknown',
    rootField:
      names.size > 1
        ? 'several'
        : name?.startsWith('__')
          ? 'introspection'
          : name && operation && rootTypes.get(operation.operation)?.has(name)
            ? name
            : 'invalid',
  };
  byName.set(operationName ?? '', labels);
  return labels;
}

/** Yoga caches parsed documents, so the same query string is the same object every time. */
const labelsByDocument = new WeakMap<DocumentNode, Map<string, OperationLabels>>();
const rootTypes = new Map<string, Set<string>>();

function learnRootFields(schema: GraphQLSchema): void {
  rootTypes.clear();
  for (const [operation, type] of [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ] as const) {
    if (type) rootTypes.set(operation, new Set(Object.keys(type.getFields())));
  }
}

/**
 * The GraphQL metrics, through Yoga's Prometheus plugin: operations counted and HTTP latency
 * by operation type and root field. Only these two of its metrics run: each phase's histogram,
 * the summary (a t-digest per observation) and the deprecated-field count (a walk of every
 * document) would each add their cost to every submission, and its default labels carry the
 * client's operation name and the URL, query string included. Errors are counted by code, and
 * subscriptions while they run. The submission bench's floor server runs this same plugin.
 */
export function useMetrics(): Plugin {
  const operationLabels = ['operationType', 'rootField'] as const;
  type Params = { document?: DocumentNode; operationName?: string };
  const labelsOfParams = (params: Params) => operationOf(params.document, params.operationName);
  // Subscriptions are counted as they start (onSubscribe below): the plugin counts them at their
  // end, through a wrapper around every stream that each idle board would hold.
  const requests = createCounter({
    registry,
    counter: {
      name: 'graphql_envelop_request',
      help: 'GraphQL operations executed, over HTTP and WebSockets (subscriptions as they start)',
      labelNames: operationLabels,
    },
    fillLabelsFn: labelsOfParams,
    phases: ['execute'] as ['execute'],
  });
  const prometheus = usePrometheus({
    registry,
    endpoint: false,
    metrics: {
      graphql_envelop_request: requests,
      graphql_yoga_http_duration: createHistogram({
        registry,
        histogram: {
          name: 'graphql_yoga_http_duration',
          help: 'Time from the HTTP request to its response, in seconds, by operation',
          labelNames: [...operationLabels, 'statusCode'],
          buckets: SECONDS,
        },
        fillLabelsFn: (params: Params & { response: Response }) => ({
          ...labelsOfParams(params),
          statusCode: params.response.status,
        }),
      }),
      graphql_envelop_request_duration: false,
      graphql_envelop_request_time_summary: false,
      graphql_envelop_phase_parse: false,
      graphql_envelop_phase_validate: false,
      graphql_envelop_phase_context: false,
      graphql_envelop_phase_execute: false,
      graphql_envelop_phase_subscribe: false,
      graphql_envelop_error_result: false,
      graphql_envelop_deprecated_field: false,
      graphql_envelop_schema_change: false,
    },
  });
  return {
    onPluginInit({ addPlugin }) {
      addPlugin(prometheus);
    },
    onSchemaChange({ schema }) {
      learnRootFields(schema);
    },
    onResultProcess({ result }) {
      if (isAsyncIterable(result)) return;
      for (const { errors: found } of Array.isArray(result) ? result : [result]) {
        for (const error of found ?? []) {
          const code = error.extensions?.code;
          errors.inc({ code: typeof code === 'string' && /^[A-Z_]{1,40}$/.test(code) ? code : 'NONE' });
        }
      }
    },
    onSubscribe({ args }) {
      requests.counter.inc(operationOf(args.document, args.operationName ?? undefined));
    },
  };
}

/** Who may read /metrics (README, "Metrics"). */
export interface MetricsAccess {
  /** METRICS_TOKEN: the bearer secret that opens /metrics to other hosts and through a proxy. */
  token?: string;
  /** TRUST_PROXY: requests come through a proxy, so every one of them looks local. */
  trustProxy?: boolean;
}

const digest = (value: string) => createHash('sha256').update(value).digest();
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * Open on loopback; otherwise, and always behind a proxy (TRUST_PROXY, or a request carrying
 * X-Forwarded-For or Forwarded, since a proxy on the same host makes everything loopback), only
 * with `Authorization: Bearer <METRICS_TOKEN>`: 401 without it or with another, 403 when no
 * secret is configured.
 */
export function metricsAccess(
  access: MetricsAccess,
  remoteAddress: string | undefined,
  headers: { authorization?: string | null; forwarded: boolean },
): 200 | 401 | 403 {
  const proxied = access.trustProxy === true || headers.forwarded;
  if (!proxied && LOOPBACK.test(remoteAddress ?? '')) return 200;
  if (!access.token) return 403;
  const [scheme, secret] = (headers.authorization ?? '').split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !secret) return 401;
  return timingSafeEqual(digest(secret), digest(access.token)) ? 200 : 401;
}

/** GET /metrics, in Prometheus' text format, to those `metricsAccess` lets in. */
export function useMetricsEndpoint(
  access: MetricsAccess,
): Plugin<Record<string, unknown>, { req?: IncomingMessage }> {
  return {
    onRequest({ url, request, serverContext, endResponse, fetchAPI }) {
      if (url.pathname !== '/metrics') return;
      const status = metricsAccess(access, serverContext.req?.socket.remoteAddress, {
        authorization: request.headers.get('authorization'),
        forwarded: request.headers.has('x-forwarded-for') || request.headers.has('forwarded'),
      });
      if (status !== 200) {
        const message =
          status === 401
            ? 'Reading /metrics from here takes Authorization: Bearer <METRICS_TOKEN>.'
            : 'Reading /metrics from another host or through a proxy takes a METRICS_TOKEN, and none is set.';
        endResponse(
          new fetchAPI.Response(`${message}\n`, {
            status,
            headers: {
              'content-type': 'text/plain; charset=utf-8',
              ...(status === 401 ? { 'www-authenticate': 'Bearer realm="metrics"' } : {}),
            },
          }),
        );
        return;
      }
      return registry.metrics().then((text) => {
        endResponse(new fetchAPI.Response(text, { headers: { 'content-type': registry.contentType } }));
      });
    },
  };
}
