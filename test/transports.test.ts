import { randomUUID } from 'node:crypto';
import type { App } from '@toandan/server/app';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLBody, graphqlAt, startAppOnSmallTree } from './fixtures/app.ts';
import { BOARD_SUBSCRIPTION, until, wsClient } from './fixtures/live.ts';
import { openSse, sseOperation } from './fixtures/sse.ts';
import { tokenFor } from './fixtures/tokens.ts';

// A budget that two boards with their rows spend (docs/security.md), so that it runs out quickly.
process.env.RATE_LIMIT_COST_PER_MINUTE = '6000';
// And a submission budget that the matrix below stays within (6 per field agent).
process.env.RATE_LIMIT_SUBMISSIONS_PER_MINUTE = '8';

// One context for every transport (docs/security.md): the same operations, by the same
// tokens, answered alike over HTTP POST, server-sent events and a graphql-ws WebSocket. The
// field agent works for Bá Thước (386); Cẩm Thủy (390) is outside its subtree.
let app: App;
let base: string;

type Transport = 'HTTP' | 'SSE' | 'WebSocket';
const transports: Transport[] = ['HTTP', 'SSE', 'WebSocket'];
/** Plain HTTP answers queries and mutations; its subscriptions are server-sent events. */
const streaming: Transport[] = ['SSE', 'WebSocket'];
type Holder = 'COMMAND_CENTER' | 'FIELD_AGENT' | 'PARTNER';
const holders: Holder[] = ['COMMAND_CENTER', 'FIELD_AGENT', 'PARTNER'];
const tokens = {} as Record<Holder, string>;

/** One graphql-ws client per token, and every close any of them saw. */
const clients = new Map<string, Client>();
const closes: number[] = [];
function clientOf(token: string): Client {
  let client = clients.get(token);
  if (!client) {
    client = wsClient(
      base,
      { on: { closed: (event) => closes.push((event as { code: number }).code) } },
      token,
    );
    clients.set(token, client);
  }
  return client;
}

/** A query, mutation or subscription over graphql-ws: its first result, or the error message. */
function overWebSocket(
  token: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphQLBody> {
  return new Promise((resolve) => {
    let first: GraphQLBody | undefined;
    const stop = clientOf(token).subscribe(
      { query, variables },
      {
        next: (result) => {
          first ??= result as GraphQLBody;
          stop();
          resolve(first);
        },
        error: (error) =>
          resolve({
            errors: Array.isArray(error) ? error : [{ message: String(error), extensions: { closed: true } }],
          }),
        complete: () => resolve(first ?? { errors: [{ message: 'completed with no result' }] }),
      },
    );
  });
}

/** The first result of an operation over one transport. */
async function over(
  transport: Transport,
  token: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphQLBody> {
  if (transport === 'HTTP') return (await graphqlAt(base, query, variables, token)).body;
  if (transport === 'WebSocket') return overWebSocket(token, query, variables);
  if (!query.startsWith('subscription')) return (await sseOperation(base, token, query, variables)).body;
  const stream = await openSse(base, token, query, variables);
  await until(() => stream.events.length > 0, 'the first event');
  stream.close();
  return stream.events[0]?.data ?? {};
}

/** What an answer amounts to: a top-level error's code, the first userError's code, or ok. */
function outcomeOf(body: GraphQLBody): string {
  const code = body.errors?.[0]?.extensions?.code;
  if (body.errors) return String(code ?? `no code: ${JSON.stringify(body.errors)}`);
  if (body.data?.viewer) return `viewer ${body.data.viewer.role} ${body.data.viewer.unitCode ?? 'VN'}`;
  const payloads = Object.values(body.data ?? {}).flat() as { userErrors?: { code: string }[] }[];
  return payloads.flatMap((payload) => payload?.userErrors ?? [])[0]?.code ?? 'ok';
}

let person = 0;
const enrolment = (unitCode: string) => ({
  campaignId: 'test-campaign',
  unitCode,
  scheme: 'VOLUNTARY_SI',
  citizenId: `038096${String(++person).padStart(6, '0')}`,
  fullName: 'Lê Thị Hoa',
  idempotencyKey: randomUUID(),
  enrolledAt: '2026-05-12T09:00:00+07:00',
});
const LIST = (unitCode: string) =>
  `{ enrolments(campaignId: "test-campaign", unitCode: "${unitCode}", first: 5) { edges { node { citizenId fullName } } } }`;
const SUBMIT =
  'mutation ($input: SubmitEnrolmentInput!) { submitEnrolment(input: $input) { userErrors { code } } }';

const operations: {
  name: string;
  query: string;
  variables?: () => Record<string, unknown>;
  expect: Record<Holder, string>;
}[] = [
  {
    name: 'viewer',
    query: '{ viewer { role unitCode } }',
    expect: {
      COMMAND_CENTER: 'viewer COMMAND_CENTER VN',
      FIELD_AGENT: 'viewer FIELD_AGENT 386',
      PARTNER: 'viewer PARTNER VN',
    },
  },
  {
    name: 'board',
    query:
      '{ board(campaignId: "test-campaign", unitCode: "VN", date: "2026-05-12") { sequence totals { today } } }',
    expect: { COMMAND_CENTER: 'ok', FIELD_AGENT: 'ok', PARTNER: 'ok' },
  },
  {
    name: 'live board',
    query: BOARD_SUBSCRIPTION,
    variables: () => ({ campaignId: 'test-campaign', unitCode: '38' }),
    expect: { COMMAND_CENTER: 'ok', FIELD_AGENT: 'ok', PARTNER: 'ok' },
  },
  {
    name: 'citizen IDs and names inside the agent’s subtree',
    query: LIST('386'),
    expect: { COMMAND_CENTER: 'ok', FIELD_AGENT: 'ok', PARTNER: 'FORBIDDEN' },
  },
  {
    name: 'citizen IDs and names outside it',
    query: LIST('390'),
    expect: { COMMAND_CENTER: 'ok', FIELD_AGENT: 'FORBIDDEN', PARTNER: 'FORBIDDEN' },
  },
  {
    name: 'submitEnrolment inside the agent’s subtree',
    query: SUBMIT,
    variables: () => ({ input: enrolment('386-01') }),
    expect: { COMMAND_CENTER: 'ok', FIELD_AGENT: 'ok', PARTNER: 'FORBIDDEN' },
  },
  {
    name: 'submitEnrolment outside it',
    query: SUBMIT,
    variables: () => ({ input: enrolment('390') }),
    expect: { COMMAND_CENTER: 'ok', FIELD_AGENT: 'OUT_OF_SCOPE', PARTNER: 'FORBIDDEN' },
  },
];

beforeAll(async () => {
  ({ app, base } = await startAppOnSmallTree());
  tokens.COMMAND_CENTER = await tokenFor('COMMAND_CENTER', null, { subject: 'transports:command-center' });
  tokens.FIELD_AGENT = await tokenFor('FIELD_AGENT', '386', { subject: 'transports:field-agent' });
  tokens.PARTNER = await tokenFor('PARTNER', null, { subject: 'transports:partner' });
  // People inside and outside the agent's subtree, for the personal fields to be asked of.
  for (const unitCode of ['386-01', '390']) {
    const { body } = await graphqlAt(base, SUBMIT, { input: enrolment(unitCode) }, tokens.COMMAND_CENTER);
    expect(body.data.submitEnrolment.userErrors).toEqual([]);
  }
});
afterAll(async () => {
  await Promise.all([...clients.values()].map((client) => client.dispose()));
  await app.stop();
});

describe('one context for HTTP, server-sent events and WebSocket', () => {
  it('answers every role the same on every transport', async () => {
    const seen: string[] = [];
    const wanted: string[] = [];
    for (const operation of operations) {
      for (const holder of holders) {
        for (const transport of operation.query.startsWith('subscription') ? streaming : transports) {
          const body = await over(transport, tokens[holder], operation.query, operation.variables?.());
          seen.push(`${operation.name} × ${holder} × ${transport}: ${outcomeOf(body)}`);
          wanted.push(`${operation.name} × ${holder} × ${transport}: ${operation.expect[holder]}`);
        }
      }
    }
    expect(seen).toEqual(wanted);
    expect(closes).toEqual([]);
  });

  it('counts a submission over WebSocket against the token that made it', async () => {
    const agent = await tokenFor('FIELD_AGENT', '386', { subject: 'transports:ws-submitter' });
    const input = enrolment('386-01');
    expect(outcomeOf(await over('WebSocket', agent, SUBMIT, { input }))).toBe('ok');
    const { db } = await import('@toandan/db/db');
    const event = await db.auditEvent.findFirst({
      where: { actor: 'transports:ws-submitter' },
      select: { role: true },
    });
    expect(event).toEqual({ role: 'FIELD_AGENT' });
  });

  /** A board with its rows and two figures a tally: priced so that two fit in the budget, not three. */
  const BOARD_QUERY = `query ($campaignId: ID!, $unitCode: String!, $date: Date) {
    board(campaignId: $campaignId, unitCode: $unitCode, date: $date) {
      sequence date unit { code } totals { scheme today cumulative } rows { unit { code } tallies { scheme today cumulative } }
    }
  }`;
  for (const spentOver of transports) {
    it(`refuses every transport once the cost budget is spent over ${spentOver}`, async () => {
      const partner = await tokenFor('PARTNER', null, { subject: `transports:budget-${spentOver}` });
      const board = { campaignId: 'test-campaign', unitCode: '38', date: '2026-05-12' };
      const spent: string[] = [];
      while (spent.at(-1) !== 'RATE_LIMITED' && spent.length < 10) {
        spent.push(outcomeOf(await over(spentOver, partner, BOARD_QUERY, board)));
      }
      // A board with its rows (priced as 100 of them) costs more than a third of the budget.
      expect(spent).toEqual(['ok', 'ok', 'RATE_LIMITED']);
      const refused: string[] = [];
      for (const transport of transports) {
        refused.push(`${transport}: ${outcomeOf(await over(transport, partner, '{ viewer { role } }'))}`);
      }
      for (const transport of streaming) {
        const live = await over(transport, partner, BOARD_SUBSCRIPTION, {
          campaignId: 'test-campaign',
          unitCode: '38',
        });
        refused.push(`${transport} live: ${outcomeOf(live)}`);
      }
      expect(refused).toEqual([
        ...transports.map((transport) => `${transport}: RATE_LIMITED`),
        ...streaming.map((transport) => `${transport} live: RATE_LIMITED`),
      ]);
      // Another partner has its own budget.
      const other = await tokenFor('PARTNER', null, { subject: `transports:other-${spentOver}` });
      expect(outcomeOf(await over(spentOver, other, BOARD_QUERY, board))).toBe('ok');
      expect(closes).toEqual([]);
    });
  }

  it('spends a field agent’s submission budget over every transport together', async () => {
    const agent = await tokenFor('FIELD_AGENT', '386', { subject: 'transports:busy-phone' });
    const answers: string[] = [];
    for (let n = 0; n < 8; n++) {
      const transport = transports[n % 3] as Transport;
      answers.push(outcomeOf(await over(transport, agent, SUBMIT, { input: enrolment('386-01') })));
    }
    expect(answers).toEqual(Array(8).fill('ok'));
    const refused: string[] = [];
    for (const transport of transports) {
      const body = await over(transport, agent, SUBMIT, { input: enrolment('386-01') });
      refused.push(`${transport}: ${outcomeOf(body)}`);
    }
    expect(refused).toEqual(transports.map((transport) => `${transport}: RATE_LIMITED`));
  });
});

describe('document limits over WebSocket', () => {
  it('answers a document too deep or with too many aliases with its code, and keeps the socket open', async () => {
    const deep = `{ unit(code: "VN") { ${'children { '.repeat(11)}code${' }'.repeat(11)} } }`;
    const aliases = `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: campaigns { id }`).join(' ')} }`;
    const token = tokens.COMMAND_CENTER;
    const deepAnswer = await overWebSocket(token, deep);
    expect(deepAnswer.errors?.[0]?.extensions).toMatchObject({ code: 'MAX_DEPTH', limit: 10 });
    const aliasAnswer = await overWebSocket(token, aliases);
    expect(aliasAnswer.errors?.[0]?.extensions).toMatchObject({ code: 'MAX_ALIASES', limit: 15 });
    // The same connection still answers.
    expect(outcomeOf(await overWebSocket(token, '{ viewer { role unitCode } }'))).toBe(
      'viewer COMMAND_CENTER VN',
    );
    expect(closes).toEqual([]);
  });
});
