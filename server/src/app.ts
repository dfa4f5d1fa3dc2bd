import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { database } from '@toandan/db/db';
import { type Prepared, prepareDatabaseOrThrow } from '@toandan/db/prepare';
import { printSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { createYoga, useReadinessCheck } from 'graphql-yoga';
import sirv from 'sirv';
import { WebSocket, WebSocketServer } from 'ws';
import type { Context } from './context.ts';
import { publishedAll } from './live/boardPublisher.ts';
import { useSharedSubscriptionResults } from './live/sharedSubscriptionResults.ts';
import { closePubSub, connectPubSubOrThrow, pingPubSubOrThrow, pubsubDelivered } from './pubsub.ts';
import { schema } from './schema/index.ts';

export interface AppOptions {
  port: number;
  host: string;
  /** Load the demo dataset: on first start of the embedded database (default), always, or never. */
  seed?: 'embedded' | 'always' | 'never';
  /** graphql-ws keep-alive: ping interval, and how long a pong may take (KEEP_ALIVE_MS). */
  keepAliveMs?: number;
  /** How long a WebSocket may stay open without connection_init (CONNECTION_INIT_WAIT_MS). */
  connectionInitWaitMs?: number;
}

export interface App {
  prepared: Prepared;
  server: Server;
  start(): Promise<{ url: string; port: number }>;
  stop(): Promise<void>;
  /** Open WebSockets, and how many were dropped for falling behind since the start. */
  liveStats(): { sockets: number; droppedForLag: number };
}

const sdl = printSchema(schema);

/** graphql-ws pings every client this often, and drops one that does not answer in as long. */
export const KEEP_ALIVE_MS = 12_000;
/** A WebSocket that has not sent connection_init by then is closed (4408). */
export const CONNECTION_INIT_WAIT_MS = 3_000;
/** Bytes a socket may hold unsent before its client counts as lagging and is dropped. */
export const MAX_BUFFERED_BYTES = 1024 * 1024;
/** How long a lagging client gets to read its close frame before the socket is cut. */
const LAGGING_CLOSE_WAIT_MS = 5_000;

/**
 * Closes the socket of a client that fell too far behind with 1013 (try again later): the
 * graphql-ws client reconnects on that code, and a reconnected board refetches. A client that
 * reads nothing at all never sees the close frame, so the socket is cut after a while.
 */
/**
 * Writes a `next` message whose payload is already serialised, the same bytes for every
 * subscriber of a board (live/sharedSubscriptionResults.ts), and drops a client that lets its
 * socket's buffer grow past MAX_BUFFERED_BYTES.
 */
function sendNext(socket: WebSocket, id: string, payload: string): void {
  if (socket.readyState !== WebSocket.OPEN) return;
  socket.send(`{"id":${JSON.stringify(id)},"type":"next","payload":${payload}}`);
  if (socket.bufferedAmount > MAX_BUFFERED_BYTES) dropLaggingClient(socket);
}

let droppedForLag = 0;
function dropLaggingClient(socket: WebSocket): void {
  if (socket.readyState !== WebSocket.OPEN) return;
  droppedForLag++;
  socket.close(1013, 'Too far behind the live updates: reconnect and refetch');
  setTimeout(() => socket.terminate(), LAGGING_CLOSE_WAIT_MS).unref();
}

type Enveloped = ReturnType<ReturnType<typeof createYoga>['getEnveloped']>;

/** The web app as `pnpm --filter @toandan/web build` leaves it. */
const webDist = fileURLToPath(new URL('../../web/dist/', import.meta.url));
const API_PATHS = new Set(['/graphql', '/healthz', '/health', '/schema.graphql']);

/** Builds the server: prepares the database, then wires GraphQL, health and schema endpoints. */
export async function buildApp(options: AppOptions): Promise<App> {
  const prepared = await prepareDatabaseOrThrow({ seed: options.seed ?? 'embedded' });
  await connectPubSubOrThrow();

  const yoga = createYoga({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    plugins: [
      useSharedSubscriptionResults({
        fields: ['boardUpdated'],
        direct: (context) => (context as Context).sendDirect,
      }),
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
              new fetchAPI.Response(sdl, { headers: { 'content-type': 'text/plain; charset=utf-8' } }),
            );
          }
        },
      },
    ],
  });
  // The built web app at every other path, index.html for the app's own routes (/board/…).
  const serveWeb = existsSync(`${webDist}index.html`) ? sirv(webDist, { single: true, etag: true }) : null;
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (serveWeb && (request.method === 'GET' || request.method === 'HEAD') && !API_PATHS.has(path)) {
      serveWeb(request, response, () => yoga(request, response));
    } else {
      yoga(request, response);
    }
  });

  // graphql-ws on the same path, through the same envelop plugins and context as HTTP.
  const wsServer = new WebSocketServer({ server, path: '/graphql' });
  const wsDisposable = useServer<
    Record<string, unknown> | undefined,
    { socket: WebSocket; request: IncomingMessage }
  >(
    {
      connectionInitWaitTimeout: options.connectionInitWaitMs ?? CONNECTION_INIT_WAIT_MS,
      execute: (args) => (args.rootValue as Enveloped).execute(args),
      subscribe: (args) => (args.rootValue as Enveloped).subscribe(args),
      onSubscribe: async (context, id, params) => {
        const { socket, request } = context.extra;
        const enveloped = yoga.getEnveloped({
          ...context,
          req: request,
          socket,
          params,
          dropLaggingClient: () => dropLaggingClient(socket),
          sendDirect: (payload: string) => sendNext(socket, id, payload),
        });
        const args = {
          schema: enveloped.schema,
          operationName: params.operationName,
          document: enveloped.parse(params.query),
          variableValues: params.variables,
          contextValue: await enveloped.contextFactory(),
          rootValue: { execute: enveloped.execute, subscribe: enveloped.subscribe },
        };
        const errors = enveloped.validate(args.schema, args.document);
        return errors.length > 0 ? errors : args;
      },
      onNext: ({ extra: { socket } }) => {
        // A socket whose client does not read fills the server's memory: measure and drop it.
        if (socket.bufferedAmount > MAX_BUFFERED_BYTES) dropLaggingClient(socket);
      },
    },
    wsServer,
    options.keepAliveMs ?? KEEP_ALIVE_MS,
  );

  return {
    prepared,
    server,
    start: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port, options.host, () => {
          const { port } = server.address() as AddressInfo;
          resolve({ port, url: `http://localhost:${port}` });
        });
      }),
    liveStats: () => ({ sockets: wsServer.clients.size, droppedForLag }),
    async stop() {
      // Accept no new connection, send the updates in flight, then tell subscribers we are
      // going away (1001) so that their clients reconnect to another instance and refetch.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (!(await publishedAll())) console.error('stopping with live updates unsent: the database is away');
      await pubsubDelivered().catch(() => console.error('stopping with live updates unsent: Redis is away'));
      // A few turns of the event loop for graphql-ws to write what its subscribers received.
      await new Promise((resolve) => setTimeout(resolve, 50));
      await wsDisposable.dispose();
      server.closeAllConnections();
      await closed;
      await closePubSub();
      await database.close();
    },
  };
}
