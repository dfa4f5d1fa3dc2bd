import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { database } from '@toandan/db/db';
import { type Prepared, prepareDatabaseOrThrow } from '@toandan/db/prepare';
import { printSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { createYoga, useReadinessCheck } from 'graphql-yoga';
import sirv from 'sirv';
import { WebSocketServer } from 'ws';
import { publishedAll } from './live/boardPublisher.ts';
import { schema } from './schema/index.ts';

export interface AppOptions {
  port: number;
  host: string;
  /** Load the demo dataset: on first start of the embedded database (default), always, or never. */
  seed?: 'embedded' | 'always' | 'never';
}

export interface App {
  prepared: Prepared;
  server: Server;
  start(): Promise<{ url: string; port: number }>;
  stop(): Promise<void>;
}

const sdl = printSchema(schema);

type Enveloped = ReturnType<ReturnType<typeof createYoga>['getEnveloped']>;

/** The web app as `pnpm --filter @toandan/web build` leaves it. */
const webDist = fileURLToPath(new URL('../../web/dist/', import.meta.url));
const API_PATHS = new Set(['/graphql', '/healthz', '/health', '/schema.graphql']);

/** Builds the server: prepares the database, then wires GraphQL, health and schema endpoints. */
export async function buildApp(options: AppOptions): Promise<App> {
  const prepared = await prepareDatabaseOrThrow({ seed: options.seed ?? 'embedded' });

  const yoga = createYoga({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    plugins: [
      useReadinessCheck({
        endpoint: '/healthz',
        check: async () => {
          try {
            await database.pingOrThrow(2000);
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
  const wsDisposable = useServer(
    {
      execute: (args) => (args.rootValue as Enveloped).execute(args),
      subscribe: (args) => (args.rootValue as Enveloped).subscribe(args),
      onSubscribe: async (context, _id, params) => {
        const enveloped = yoga.getEnveloped({
          ...context,
          req: context.extra.request,
          socket: context.extra.socket,
          params,
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
    },
    wsServer,
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
    async stop() {
      // Finish the updates in flight, then tell subscribers we are going away (1001).
      await publishedAll();
      for (const client of wsServer.clients) client.close(1001, 'Server going away');
      await wsDisposable.dispose();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await database.close();
    },
  };
}
