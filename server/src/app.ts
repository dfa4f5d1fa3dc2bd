import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { database } from '@toandan/db/db';
import { type Prepared, prepareDatabaseOrThrow } from '@toandan/db/prepare';
import { printSchema } from 'graphql';
import { createYoga, useReadinessCheck } from 'graphql-yoga';
import helmet from 'helmet';
import sirv from 'sirv';
import { followOfficerStatus } from './auth/officerStatus.ts';
import { followRevocations } from './auth/revocations.ts';
import { type Context, type RequestContext, requestContext, type ServerContext } from './context.ts';
import { startCoverageRetention } from './coverage/retention.ts';
import { submissionsAnsweredWhole } from './enrolments/answeredWhole.ts';
import { followReferenceChanges } from './enrolments/references.ts';
import { env } from './env.ts';
import { useBackupEndpoint } from './http/backup.ts';
import { graphiqlOptions, isGraphiQLRequest, renderGraphiQL, useGraphiQLAssets } from './http/graphiql.ts';
import { authOfRequest, guards } from './http/guards.ts';
import { DOWNLOADS_PATH, useParticipationDownloads } from './http/participationDownloads.ts';
import { preferredLanguage } from './language.ts';
import { openBoardWatches } from './live/boardFeed.ts';
import { publishedAll, recoverOrphanedChanges } from './live/boardPublisher.ts';
import { useSharedSubscriptionResults } from './live/sharedSubscriptionResults.ts';
import { streamsEndWithToken } from './live/streamsEndWithToken.ts';
import { serveWebSockets } from './live/webSockets.ts';
import { logger, logRequest, useRequestLog, yogaLogger } from './log.ts';
import { type MetricsAccess, useMetrics, useMetricsEndpoint, watch } from './metrics.ts';
import { closePubSub, connectPubSubOrThrow, pingPubSubOrThrow, pubsubDelivered } from './pubsub.ts';
import { schema } from './schema/index.ts';

export { CONNECTION_INIT_WAIT_MS, KEEP_ALIVE_MS, MAX_BUFFERED_BYTES } from './live/webSockets.ts';

export interface AppOptions {
  port: number;
  host: string;
  /** Load the demo dataset: on first start of the embedded database (default), always, or never. */
  seed?: 'embedded' | 'always' | 'never';
  /** graphql-ws keep-alive: ping interval, and how long a pong may take (KEEP_ALIVE_MS). */
  keepAliveMs?: number;
  /** How long a WebSocket may stay open without connection_init (CONNECTION_INIT_WAIT_MS). */
  connectionInitWaitMs?: number;
  /** Who may read /metrics (METRICS_TOKEN, TRUST_PROXY): loopback only when left out. */
  metrics?: MetricsAccess;
}

export interface App {
  prepared: Prepared;
  server: Server;
  start(): Promise<{ url: string; port: number }>;
  stop(): Promise<void>;
  /** Open WebSockets, and how many were dropped for falling behind since the start. */
  liveStats(): { sockets: number; droppedForLag: number };
}

/** The schema as SDL for /schema.graphql, printed on its first request rather than at every start. */
let printed: string | undefined;
const sdl = () => {
  printed ??= printSchema(schema);
  return printed;
};

/** The web app as `pnpm --filter @toandan/web build` leaves it. */
const webDist = fileURLToPath(new URL('../../web/dist/', import.meta.url));
const API_PATHS = new Set(['/graphql', '/healthz', '/health', '/schema.graphql', '/metrics', '/backup']);

/** Origins allowed to call the API from a browser (CORS_ORIGINS, comma-separated); none by default. */
const corsOrigins = env.CORS_ORIGINS;

/** Security headers of the web app (helmet): its own scripts and styles, its own API, no framing. */
const webHeaders = helmet({
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      connectSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      // GraphiQL's fonts are inlined in its stylesheet; helmet's default would allow any https: host.
      fontSrc: ["'self'", 'data:'],
      // React sets widths (progress bars) through style attributes.
      styleSrc: ["'self'", "'unsafe-inline'"],
      workerSrc: ["'self'"],
      manifestSrc: ["'self'"],
      frameAncestors: ["'none'"],
      upgradeInsecureRequests: null,
    },
  },
  // TLS ends at the operator's proxy, which sets HSTS for its own host names.
  strictTransportSecurity: false,
});

/**
 * Vite's hashed bundles never change under their name: cached for a year. Everything else
 * (index.html, the service worker sw.js, the manifest) is checked with the server on every
 * use, so that a new release reaches phones as soon as they have a connection, and a service
 * worker is never stuck on an old copy.
 */
function webCacheHeaders(response: ServerResponse, pathname: string): void {
  response.setHeader(
    'cache-control',
    pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
  );
}

/** Builds the server: prepares the database, then wires GraphQL, health and schema endpoints. */
export async function buildApp(options: AppOptions): Promise<App> {
  const prepared = await prepareDatabaseOrThrow({ seed: options.seed ?? 'embedded' });
  await connectPubSubOrThrow();
  const stopFollowingRevocations = await followRevocations();
  const stopFollowingOfficers = await followOfficerStatus();
  const stopFollowingReferences = followReferenceChanges();
  const stopRecovering = recoverOrphanedChanges();
  const stopErasing = await startCoverageRetention();

  const yoga = createYoga<ServerContext, RequestContext>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    logging: yogaLogger,
    graphiql: graphiqlOptions,
    renderGraphiQL,
    // guards.ts limits the body's size: Yoga's own limit streams every body through a counter.
    maxRequestBodySize: false,
    cors: corsOrigins.length
      ? {
          origin: corsOrigins,
          methods: ['GET', 'POST'],
          allowedHeaders: ['authorization', 'content-type', 'x-client-name'],
        }
      : false,
    context: ({ request, req, auth, language }) =>
      requestContext(
        auth ?? authOfRequest(request),
        req,
        language ?? preferredLanguage(request?.headers.get('accept-language')),
      ),
    plugins: [
      useReadinessCheck({
        endpoint: '/healthz',
        check: async () => {
          try {
            await Promise.all([database.pingOrThrow(2000), pingPubSubOrThrow(2000)]);
            return true;
          } catch {
            return false;
          }
        },
      }),
      {
        onRequest({ url, endResponse, fetchAPI }) {
          if (url.pathname === '/schema.graphql') {
            endResponse(
              new fetchAPI.Response(sdl(), {
                headers: { 'content-type': 'text/plain; charset=utf-8' },
              }),
            );
          }
        },
      },
      useGraphiQLAssets(),
      useBackupEndpoint(),
      useParticipationDownloads(schema),
      useMetricsEndpoint(options.metrics ?? {}),
      useMetrics(),
      useRequestLog(),
      ...guards,
      streamsEndWithToken,
      submissionsAnsweredWhole,
      useSharedSubscriptionResults({
        fields: ['boardUpdated'],
        audience: (context) => (context as Context).auth?.role ?? '',
        direct: (context) => (context as Context).sendDirect,
      }),
    ],
  });
  // The built web app at every other path, index.html for the app's own routes (/board/…).
  const serveWeb = existsSync(`${webDist}index.html`)
    ? sirv(webDist, { single: true, etag: true, setHeaders: webCacheHeaders })
    : null;
  const web = (request: IncomingMessage, response: ServerResponse) =>
    webHeaders(request, response, () => serveWeb?.(request, response, () => yoga(request, response)));
  const server = createServer((request, response) => {
    logRequest(request, response);
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    response.setHeader('x-content-type-options', 'nosniff');
    if (isGraphiQLRequest(request, path)) {
      webHeaders(request, response, () => yoga(request, response));
    } else if (
      serveWeb &&
      (request.method === 'GET' || request.method === 'HEAD') &&
      !API_PATHS.has(path) &&
      !path.startsWith(DOWNLOADS_PATH)
    ) {
      web(request, response);
    } else {
      yoga(request, response);
    }
  });
  const sockets = serveWebSockets(server, yoga, options);
  watch({
    sockets: () => sockets.stats(),
    pool: () => database.poolStats?.() ?? null,
    subscriptions: () => ({ boardUpdated: openBoardWatches() }),
  });

  return {
    prepared,
    server,
    start: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port, options.host, () => {
          const { port } = server.address() as AddressInfo;
          // Whatever serves the embedded database tells this machine's commands where it answers.
          database.announceServer(`http://${reachableHost(options.host)}:${port}/graphql`);
          resolve({ port, url: `http://localhost:${port}` });
        });
      }),
    liveStats: () => sockets.stats(),
    async stop() {
      // Accept no new connection, send the updates in flight, then tell subscribers we are
      // going away (1001) so that their clients reconnect to another instance and refetch.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await stopRecovering();
      if (!(await publishedAll())) logger.error('stopping with live updates unsent: the database is away');
      await pubsubDelivered().catch(() => logger.error('stopping with live updates unsent: Redis is away'));
      // A few turns of the event loop for graphql-ws to write what its subscribers received.
      await new Promise((resolve) => setTimeout(resolve, 50));
      await sockets.close();
      stopFollowingRevocations();
      stopFollowingOfficers();
      stopFollowingReferences();
      stopErasing();
      server.closeAllConnections();
      await closed;
      await closePubSub();
      await database.close();
    },
  };
}

/** Where a command on this machine reaches a server listening on `host`. */
function reachableHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
