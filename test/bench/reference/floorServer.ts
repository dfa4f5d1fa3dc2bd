/**
 * THE FLOOR of the submission benchmark, not the product: the least a GraphQL server can do for
 * a submission on this stack. graphql-yoga with one mutation that inserts one row with the `pg`
 * driver and publishes it in process, and one subscription. No token, no validation, no
 * counters, no live-board numbering, no audit, and no limit on the body's size (Yoga's own
 * limit streams every body through a counter, which costs more than the server's whole check). submit.bench.ts runs the same load against it
 * and against the real server, and reports the ratio.
 * It does run what every production server runs around each request: the metrics plugin
 * (server/src/metrics.ts) and the request's log line at the same LOG_LEVEL (server/src/log.ts,
 * its GraphQL fields included). What they cost a submission is not the server's to win back.
 *
 * Started by the benchmark with DATABASE_URL; logs "floor serving <url>".
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { logger, logRequest, useRequestLog, yogaLogger } from '@toandan/server/log';
import { useMetrics } from '@toandan/server/metrics';
import { createPubSub, createSchema, createYoga } from 'graphql-yoga';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
await pool.query(`CREATE TABLE IF NOT EXISTS floor_enrolment (
  id bigserial PRIMARY KEY, campaign_id text NOT NULL, unit_code text NOT NULL, scheme text NOT NULL,
  citizen_id text NOT NULL, full_name text NOT NULL, idempotency_key text NOT NULL UNIQUE,
  received_at timestamptz NOT NULL DEFAULT now())`);

const pubsub = createPubSub<{
  'board:updated': [unitCode: string, update: { unitCode: string; at: string }];
}>();

const yoga = createYoga({
  landingPage: false,
  logging: yogaLogger,
  maxRequestBodySize: false,
  plugins: [useMetrics(), useRequestLog()],
  schema: createSchema({
    typeDefs: /* GraphQL */ `
      input SubmitEnrolmentInput {
        campaignId: ID! unitCode: String! scheme: String! citizenId: String! fullName: String!
        idempotencyKey: String! enrolledAt: String
      }
      type UserError { field: [String!] message: String! code: String! }
      type SubmitEnrolmentPayload { duplicate: Boolean! userErrors: [UserError!]! }
      type BoardUpdate { unitCode: String! at: String! }
      type Query { ok: Boolean! }
      type Mutation { submitEnrolment(input: SubmitEnrolmentInput!): SubmitEnrolmentPayload! }
      type Subscription { boardUpdated(unitCode: String!): BoardUpdate! }
    `,
    resolvers: {
      Query: { ok: () => true },
      Mutation: {
        submitEnrolment: async (_root: unknown, { input }: { input: Record<string, string> }) => {
          const { rowCount } = await pool.query(
            `INSERT INTO floor_enrolment (campaign_id, unit_code, scheme, citizen_id, full_name, idempotency_key)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (idempotency_key) DO NOTHING`,
            [
              input.campaignId,
              input.unitCode,
              input.scheme,
              input.citizenId,
              input.fullName,
              input.idempotencyKey,
            ],
          );
          const unitCode = input.unitCode as string;
          pubsub.publish('board:updated', unitCode, { unitCode, at: new Date().toISOString() });
          return { duplicate: rowCount === 0, userErrors: [] };
        },
      },
      Subscription: {
        boardUpdated: {
          subscribe: (_root: unknown, { unitCode }: { unitCode: string }) =>
            pubsub.subscribe('board:updated', unitCode),
          resolve: (update: unknown) => update,
        },
      },
    },
  }),
});

const server = createServer((request, response) => {
  logRequest(request, response);
  yoga(request, response);
});
server.listen(0, '127.0.0.1', () => {
  logger.info(`floor serving http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
