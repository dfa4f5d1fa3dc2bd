import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { complexityFromQuery } from '@pothos/plugin-complexity';
import {
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLError,
  getOperationAST,
  Kind,
  GraphQLError as Refusal,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { type Auth, authenticate } from '../auth/authenticate.ts';
import { consumeCostOrThrow, costIsLimited } from '../auth/rateLimits.ts';
import { unauthenticated } from '../auth/scopes.ts';
import type { Context } from '../context.ts';

/** Limits of one operation's document, checked while it is parsed and validated. */
export const DOCUMENT_LIMITS = { depth: 10, aliases: 15, tokens: 3_000, directives: 10 } as const;
/** A request body larger than this is refused unread (413). */
export const MAX_REQUEST_BYTES = 1024 * 1024;
/**
 * The command centre's bulk calls carry a whole country (API.md, "Participation"): 34
 * provinces and 3,321 communes × 8 indicators are about 2 MB of JSON, the ten thousand units
 * before the 2025 reform about 7 MB. A command-centre token may send a body up to this size,
 * checked before it is read like the other limit; once parsed, a body over MAX_REQUEST_BYTES
 * must be one of BULK_FIELDS and nothing else.
 */
export const MAX_BULK_REQUEST_BYTES = 16 * 1024 * 1024;
/** The mutations that may come in a body over MAX_REQUEST_BYTES, each taking one list of rows. */
export const BULK_FIELDS: ReadonlySet<string> = new Set([
  'setParticipantCounts',
  'setPlans',
  'setPopulations',
  'importCoverage',
]);

/** graphql-armor's errors carry no code; each refusal names its limit in extensions.code. */
const naming = (code: string, limit: number) => [
  (_context: unknown, error: GraphQLError) => {
    Object.assign(error.extensions as Record<string, unknown>, { code, limit });
  },
];

const authByRequest = new WeakMap<Request, Auth>();
/** Requests that came without any Authorization: they may redeem a sign-in code, nothing else. */
const anonymous = new WeakSet<Request>();
/** The one operation a request without a token may send (API.md, Administration). */
export const ANONYMOUS_FIELDS: ReadonlySet<string> = new Set(['redeemSignInCode']);
/** A sign-in code is a few dozen bytes: a request without a token gets no more than this. */
export const MAX_ANONYMOUS_REQUEST_BYTES = 16 * 1024;

/** The token checked for this HTTP request (requestAuthentication). */
export const authOfRequest = (request: Request): Auth | null => authByRequest.get(request) ?? null;

/**
 * Every GraphQL request over HTTP (and SSE) carries a valid token, checked before its body is
 * read: otherwise 401 with UNAUTHENTICATED, and nothing runs. The one exception is a request
 * with no Authorization at all, whose small body is parsed to see whether it only redeems a
 * sign-in code (anonymousOnlyRedeems); anything else in it is refused with the same 401 before
 * it is validated or runs. A bad token is refused unread, as before.
 */
const requestAuthentication: Plugin = {
  async onRequestParse({ request }) {
    const header = request.headers.get('authorization');
    // A mutation comes as a POST; a GET without a token stays refused unread.
    if ((header === null || header === '') && request.method === 'POST') {
      anonymous.add(request);
      return;
    }
    const result = await authenticate(header);
    if (!result.ok) throw unauthenticated(result.message);
    authByRequest.set(request, result.auth);
  },
};

const anonymousOnlyRedeems: Plugin = {
  onParse: ({ context }) => {
    const { request, params } = context as Context;
    if (!anonymous.has(request)) return;
    return ({ result }) => {
      if (
        result instanceof Error ||
        rootFieldsWithin(result as DocumentNode, params?.operationName, 'mutation', ANONYMOUS_FIELDS)
      )
        return;
      throw unauthenticated('A token is required: send Authorization: Bearer <token>.');
    };
  },
};

/** The rest of the body is not read: the connection closes after the answer. */
const bodyTooLarge = (limit: number, what = 'The request body') =>
  new Refusal(`${what} is over the limit of ${limit} bytes.`, {
    extensions: {
      code: 'REQUEST_ENTITY_TOO_LARGE',
      limit,
      http: { status: 413, headers: { connection: 'close' } },
    },
  });

/** The size of each request's body: declared, or counted as it streamed. */
const bodyBytes = new WeakMap<Request, number>();

/**
 * The limit of a request's body: the bulk one for a command-centre token, a small one without a
 * token, 1 MiB for the rest.
 */
const limitOf = (request: Request) =>
  anonymous.has(request)
    ? MAX_ANONYMOUS_REQUEST_BYTES
    : authOfRequest(request)?.role === 'COMMAND_CENTER'
      ? MAX_BULK_REQUEST_BYTES
      : MAX_REQUEST_BYTES;

/**
 * A body over its limit (limitOf) is refused with 413. Node's HTTP parser holds a body to its
 * Content-Length, so a declared length is checked before anything is read, and only a body
 * without one (chunked) is counted as it streams. Yoga's own limit (`maxRequestBodySize`, off in
 * app.ts) streams every body through a counting TransformStream, and that stream's AbortSignal
 * and DOMException cost a submission about a third of its CPU (docs/performance.md).
 */
const bodySizeLimit: Plugin = {
  onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
    const limit = limitOf(request);
    // Node refuses a Content-Length that is not one whole number before a request gets here.
    const length = request.headers.get('content-length');
    if (length !== null) {
      if (Number(length) > limit) throw bodyTooLarge(limit);
      bodyBytes.set(request, Number(length));
      return;
    }
    if (!requestParser || !request.body) return;
    const parse = requestParser;
    setRequestParser((unlimited) => {
      const body = unlimited.body as ReadableStream<Uint8Array>;
      // The body is the ponyfill's stream, or Node's own when the request came from elsewhere;
      // each pipes only into a TransformStream of its own kind.
      const Transform =
        body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
      let read = 0;
      const counted = body.pipeThrough(
        new Transform<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            read += chunk.byteLength;
            bodyBytes.set(request, read);
            if (read > limit) controller.error(bodyTooLarge(limit));
            else controller.enqueue(chunk);
          },
        }),
      );
      return parse(
        new fetchAPI.Request(unlimited.url, {
          method: unlimited.method,
          headers: unlimited.headers,
          signal: unlimited.signal,
          body: counted,
          duplex: 'half',
        } as RequestInit),
      );
    });
  },
};

/** Whether the operation is a `kind` asking for nothing but `fields` at its root. */
function rootFieldsWithin(
  document: DocumentNode,
  operationName: string | null | undefined,
  kind: 'mutation',
  fields: ReadonlySet<string>,
): boolean {
  const operation = getOperationAST(document, operationName);
  return Boolean(
    operation &&
      operation.operation === kind &&
      operation.selectionSet.selections.every(
        (selection) => selection.kind === Kind.FIELD && fields.has(selection.name.value),
      ),
  );
}

/**
 * A body over MAX_REQUEST_BYTES (which only a command-centre token may send) goes on only when
 * it is a bulk call: anything else in it is refused with 413 as soon as it is parsed, before it
 * is validated or runs, as it is unread from any other token; the larger limit is the bulk
 * calls' own.
 */
const bulkBodiesForBulkCalls: Plugin = {
  onParse: ({ context }) => {
    const { request, params } = context as Context;
    if ((bodyBytes.get(request) ?? 0) <= MAX_REQUEST_BYTES) return;
    return ({ result }) => {
      if (
        result instanceof Error ||
        rootFieldsWithin(result as DocumentNode, params?.operationName, 'mutation', BULK_FIELDS)
      )
        return;
      throw bodyTooLarge(
        MAX_REQUEST_BYTES,
        `A request body other than a bulk call (${[...BULK_FIELDS].join(', ')})`,
      );
    };
  },
};

/** One operation per request: a JSON array of operations is refused before any of it runs. */
const noBatches: Plugin = {
  onRequestParse: () => ({
    onRequestParseDone({ requestParserResult }) {
      if (!Array.isArray(requestParserResult)) return;
      throw new Refusal(
        `This API takes one operation per request, and this one has ${requestParserResult.length}; send them one by one (submitEnrolments takes up to 500 enrolments in one operation).`,
        { extensions: { code: 'BATCHING_NOT_SUPPORTED', limit: 1, http: { status: 400 } } },
      );
    },
  }),
};

/** Spends the operation's cost from the token's budget, or answers the operation with the refusal. */
async function spendCost(args: ExecutionArgs, refuse: (result: ExecutionResult) => void): Promise<void> {
  const context = args.contextValue as Context;
  const { complexity } = complexityFromQuery(args.document, {
    schema: args.schema,
    ctx: context,
    variables: (args.variableValues ?? {}) as Record<string, unknown>,
  });
  try {
    await consumeCostOrThrow(context, complexity);
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    refuse({ errors: [error] });
  }
}

/**
 * A field agent's or partner's query cost, counted against its budget per minute before the
 * operation runs, a subscription's when it starts (the command centre is limited per query
 * only). The refusal is the operation's result, not a throw: over a WebSocket a throw would
 * close the whole socket (4500) rather than answer this operation.
 */
const costBudget: Plugin = {
  onExecute: ({ args, setResultAndStopExecution }) =>
    costIsLimited(args.contextValue as Context) ? spendCost(args, setResultAndStopExecution) : undefined,
  onSubscribe: ({ args, setResultAndStopExecution }) =>
    costIsLimited(args.contextValue as Context) ? spendCost(args, setResultAndStopExecution) : undefined,
};

/**
 * What every GraphQL request passes before it runs (docs/security.md): a token, one operation,
 * a document within the limits of depth, aliases, tokens and directives, no field suggestions
 * in errors, and a request that a browser could not have been tricked into sending (CSRF).
 * The query's cost is limited by the schema (builder.ts) and budgeted per token here.
 */
export const guards: Plugin[] = [
  requestAuthentication,
  bodySizeLimit,
  // Credentials never travel in cookies, so a cross-site request cannot carry them anyway; the
  // CSRF plugin also makes form-like requests prove they were preflighted.
  useCSRFPrevention({ requestHeaders: ['authorization', 'x-graphql-yoga-csrf'] }),
  noBatches,
  anonymousOnlyRedeems,
  maxTokensPlugin({ n: DOCUMENT_LIMITS.tokens, onReject: naming('MAX_TOKENS', DOCUMENT_LIMITS.tokens) }),
  maxDepthPlugin({ n: DOCUMENT_LIMITS.depth, onReject: naming('MAX_DEPTH', DOCUMENT_LIMITS.depth) }),
  maxAliasesPlugin({ n: DOCUMENT_LIMITS.aliases, onReject: naming('MAX_ALIASES', DOCUMENT_LIMITS.aliases) }),
  maxDirectivesPlugin({
    n: DOCUMENT_LIMITS.directives,
    onReject: naming('MAX_DIRECTIVES', DOCUMENT_LIMITS.directives),
  }),
  blockFieldSuggestionsPlugin(),
  bulkBodiesForBulkCalls,
  costBudget,
];
