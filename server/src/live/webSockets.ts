import type { IncomingMessage, Server } from 'node:http';
import { GraphQLError } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type { YogaServerInstance } from 'graphql-yoga';
import { WebSocket, WebSocketServer } from 'ws';
import { type Auth, authenticate } from '../auth/authenticate.ts';
import { untilTokenEnds } from '../auth/tokenEnds.ts';
import type { RequestContext, ServerContext } from '../context.ts';
import { connectionLanguage } from '../language.ts';
import { logger } from '../log.ts';

/** graphql-ws pings every client this often, and drops one that does not answer in as long. */
export const KEEP_ALIVE_MS = 12_000;
/** A WebSocket that has not sent connection_init by then is closed (4408). */
export const CONNECTION_INIT_WAIT_MS = 3_000;
/** Bytes a socket may hold unsent before its client counts as lagging and is dropped. */
export const MAX_BUFFERED_BYTES = 1024 * 1024;
/** How long a lagging client gets to read its close frame before the socket is cut. */
const LAGGING_CLOSE_WAIT_MS = 5_000;
/** Limits of one connection: its messages' size, its subscriptions, its messages a second. */
export const SOCKET_LIMITS = { messageBytes: 64 * 1024, subscriptions: 100, messagesPerSecond: 200 } as const;

type Extra = { socket: WebSocket; request: IncomingMessage; auth?: Auth };
type Yoga = YogaServerInstance<ServerContext, RequestContext>;
type Enveloped = ReturnType<Yoga['getEnveloped']>;

export interface LiveSockets {
  /** Open sockets, and how many were dropped for falling behind since the start. */
  stats(): { sockets: number; droppedForLag: number };
  /** Closes every socket with 1001 (going away) and stops accepting. */
  close(): Promise<void>;
}

/**
 * graphql-ws on /graphql, through the same envelop plugins and context as HTTP: the token in
 * `connection_init` is checked like the Authorization header (4403 when it is missing, not
 * valid, expired or revoked, and at once when it is revoked or expires later: tokenEnds.ts),
 * and each socket is held to SOCKET_LIMITS and to MAX_BUFFERED_BYTES unsent.
 */
export function serveWebSockets(
  server: Server,
  yoga: Yoga,
  options: { keepAliveMs?: number; connectionInitWaitMs?: number },
): LiveSockets {
  const wsServer = new WebSocketServer({ server, path: '/graphql', maxPayload: SOCKET_LIMITS.messageBytes });
  let droppedForLag = 0;

  const dropLaggingClient = (socket: WebSocket) => {
    if (socket.readyState !== WebSocket.OPEN) return;
    droppedForLag++;
    logger.warn(
      { bufferedBytes: socket.bufferedAmount },
      'websocket dropped: too far behind the live updates',
    );
    // 1013, try again later: graphql-ws clients reconnect on it, and a reconnected board
    // refetches. A client that reads nothing never sees the close frame: cut it after a while.
    socket.close(1013, 'Too far behind the live updates: reconnect and refetch');
    setTimeout(() => socket.terminate(), LAGGING_CLOSE_WAIT_MS).unref();
  };

  /** A `next` message whose payload is already serialised: the same bytes for a board's subscribers. */
  const sendNext = (socket: WebSocket, id: string, payload: string) => {
    if (socket.readyState !== WebSocket.OPEN) return;
    socket.send(`{"id":${JSON.stringify(id)},"type":"next","payload":${payload}}`);
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) dropLaggingClient(socket);
  };

  const forbid = (socket: WebSocket, reason: string) => {
    if (socket.readyState === WebSocket.OPEN) socket.close(CloseCode.Forbidden, reason);
  };

  // Before graphql-ws's own handlers: a connection that floods messages is closed (1008).
  wsServer.on('connection', (socket) => {
    // Its line, as an HTTP request's (log.ts), when it closes: how long it lasted and how.
    const opened = performance.now();
    socket.once('close', (code: number) => {
      logger.info(
        {
          method: 'GET',
          path: '/graphql',
          status: 101,
          durationMs: Math.round(performance.now() - opened),
          closeCode: code,
        },
        'websocket closed',
      );
    });
    let windowStart = Date.now();
    let messages = 0;
    socket.on('message', () => {
      const now = Date.now();
      if (now - windowStart >= 1000) {
        windowStart = now;
        messages = 0;
      }
      if (++messages > SOCKET_LIMITS.messagesPerSecond && socket.readyState === WebSocket.OPEN) {
        socket.close(1008, `More than ${SOCKET_LIMITS.messagesPerSecond} messages a second`);
      }
    });
  });

  const disposable = useServer<Record<string, unknown> | undefined, Extra>(
    {
      connectionInitWaitTimeout: options.connectionInitWaitMs ?? CONNECTION_INIT_WAIT_MS,
      onConnect: async (context) => {
        const result = await authenticate(context.connectionParams?.authorization);
        if (!result.ok) return false;
        const { socket } = context.extra;
        context.extra.auth = result.auth;
        const forget = untilTokenEnds(result.auth, (end) =>
          forbid(socket, end === 'revoked' ? 'Token revoked' : 'Token expired'),
        );
        socket.once('close', forget);
        return true;
      },
      execute: (args) => (args.rootValue as Enveloped).execute(args),
      subscribe: (args) => (args.rootValue as Enveloped).subscribe(args),
      onSubscribe: async (context, id, params) => {
        const { socket, request, auth } = context.extra;
        if (Object.keys(context.subscriptions).length > SOCKET_LIMITS.subscriptions) {
          socket.close(1008, `More than ${SOCKET_LIMITS.subscriptions} subscriptions on one connection`);
          return [
            new GraphQLError('Too many subscriptions on one connection.', {
              extensions: { code: 'MAX_SUBSCRIPTIONS', limit: SOCKET_LIMITS.subscriptions },
            }),
          ];
        }
        // The context itself is made by Yoga's context factory (app.ts), as for HTTP.
        const enveloped = yoga.getEnveloped({
          ...context,
          req: request,
          auth,
          // From connection_init only (API.md): a browser's upgrade request carries its own
          // Accept-Language, which the app did not choose.
          language: connectionLanguage(context.connectionParams),
          socket,
          params,
          dropLaggingClient: () => dropLaggingClient(socket),
          sendDirect: (payload: string) => sendNext(socket, id, payload),
        });
        // The document limits (guards.ts) throw while parsing and validating: an error message
        // for this operation, where a throw would close the whole socket (4500).
        let document: ReturnType<Enveloped['parse']>;
        let errors: readonly GraphQLError[];
        try {
          document = enveloped.parse(params.query);
          errors = enveloped.validate(enveloped.schema, document);
        } catch (error) {
          return [error instanceof GraphQLError ? error : new GraphQLError((error as Error).message)];
        }
        if (errors.length > 0) return [...errors];
        return {
          schema: enveloped.schema,
          operationName: params.operationName,
          document,
          variableValues: params.variables,
          contextValue: await enveloped.contextFactory(),
          rootValue: { execute: enveloped.execute, subscribe: enveloped.subscribe },
        };
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
    stats: () => ({ sockets: wsServer.clients.size, droppedForLag }),
    async close() {
      await disposable.dispose();
    },
  };
}
