import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DocumentNode } from 'graphql';
import { isAsyncIterable, type Plugin, type YogaLogger } from 'graphql-yoga';
import { type DestinationStream, type Level, pino } from 'pino';
import { env } from './env.ts';
import { operationOf } from './metrics.ts';

/**
 * The server's log (README, "Logs"): one JSON line per request and per event on stdout, at
 * LOG_LEVEL and above. On a terminal (or LOG_FORMAT=pretty) the same records as readable lines.
 * A line never carries a token, a citizen ID, a name or a query string: a request's line holds
 * its method, its path, its status, its duration and, for GraphQL, its operation type, root
 * field and error codes, all chosen by the server (metrics.ts bounds them the same way).
 */
const pretty = (env.LOG_FORMAT ?? (process.stdout.isTTY ? 'pretty' : 'json')) === 'pretty';

async function destination(): Promise<DestinationStream> {
  // Not synchronous: a write that waits for a slow reader of the pipe (a collector, a busy
  // core) would stop every request meanwhile; lines that come while one write is out go in the
  // next, together. What is still unwritten when the process exits is written then (pino).
  if (!pretty) return pino.destination({ dest: 1, sync: false });
  // Loaded only for a terminal: a server under a process manager never needs it.
  const { default: prettyStream } = await import('pino-pretty');
  return prettyStream({
    sync: true,
    destination: 1,
    ignore: 'pid,hostname',
    translateTime: 'SYS:HH:MM:ss',
    singleLine: true,
  });
}

export const logger = pino(
  {
    level: env.LOG_LEVEL,
    timestamp: pino.stdTimeFunctions.isoTime,
    // Levels by name ("info"), as log collectors read them; the terminal's lines name them anyway.
    formatters: pretty ? {} : { level: (label) => ({ level: label }) },
  },
  await destination(),
);

/** Health probes and scrapes come every few seconds: their lines are debug, unless they fail. */
const PROBES = new Set(['/healthz', '/health', '/metrics']);

/** What a GraphQL request adds to its line (useRequestLog). */
interface OperationFields {
  operation?: string;
  rootField?: string;
  errors?: string[];
}

const operations = new WeakMap<IncomingMessage, OperationFields>();

/** The path alone: the app's pages sign in with `?token=`, and GET /graphql carries its variables. */
export function pathOf(url: string | undefined): string {
  const path = url ?? '/';
  const end = path.indexOf('?');
  return (end === -1 ? path : path.slice(0, end)).slice(0, 200);
}

/**
 * Writes the request's line once its response has ended or its client has gone (`aborted`).
 * Called first by every HTTP request of the server, and of the submission bench's floor.
 */
export function logRequest(request: IncomingMessage, response: ServerResponse): void {
  const started = performance.now();
  response.once('close', () => {
    const path = pathOf(request.url);
    const status = response.statusCode;
    const level: Level = status >= 500 ? 'error' : PROBES.has(path) ? 'debug' : 'info';
    if (!logger.isLevelEnabled(level)) return;
    logger[level](
      {
        method: request.method,
        path,
        status,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        ...operations.get(request),
        ...(response.writableFinished ? {} : { aborted: true }),
      },
      'request',
    );
  });
}

const errorCode = (code: unknown) =>
  typeof code === 'string' && /^[A-Z_]{1,40}$/.test(code) ? code : 'NONE';

/**
 * Adds a GraphQL request's operation type and root field (never the client's operation name,
 * query or variables) and the codes of its errors to its line.
 */
export function useRequestLog(): Plugin<Record<string, unknown>, { req?: IncomingMessage }> {
  const fieldsOf = (req: IncomingMessage) => {
    let fields = operations.get(req);
    if (!fields) {
      fields = {};
      operations.set(req, fields);
    }
    return fields;
  };
  const note = (req: unknown, document: DocumentNode, operationName: string | null | undefined) => {
    if (!req) return;
    const { operationType, rootField } = operationOf(document, operationName ?? undefined);
    Object.assign(fieldsOf(req as IncomingMessage), { operation: operationType, rootField });
  };
  return {
    onExecute({ args }) {
      note((args.contextValue as { req?: unknown }).req, args.document, args.operationName);
    },
    onSubscribe({ args }) {
      note((args.contextValue as { req?: unknown }).req, args.document, args.operationName);
    },
    onResultProcess({ result, serverContext }) {
      if (!serverContext.req || isAsyncIterable(result)) return;
      const codes: string[] = [];
      for (const { errors } of Array.isArray(result) ? result : [result]) {
        for (const error of errors ?? []) codes.push(errorCode(error.extensions?.code));
      }
      if (codes.length) fieldsOf(serverContext.req).errors = codes;
    },
  };
}

/**
 * Yoga's own messages in the same log: the unexpected errors it masks from clients at error,
 * its step-by-step tracing at trace.
 */
export const yogaLogger: YogaLogger = {
  debug: (...args) => logger.trace(args.map(String).join(' ')),
  info: (...args) => logger.info(args.map(String).join(' ')),
  warn: (...args) => logger.warn(args.map(String).join(' ')),
  error: (...args) => {
    const [first] = args;
    if (first instanceof Error) logger.error({ err: first }, 'unexpected error');
    else logger.error(args.map(String).join(' '));
  },
};
