import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { database } from '@toandan/db/db';
import { type Prepared, prepareDatabaseOrThrow } from '@toandan/db/prepare';
import { printSchema } from 'graphql';
import { createYoga, useReadinessCheck } from 'graphql-yoga';
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
  const server = createServer(yoga);

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
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await database.close();
    },
  };
}
