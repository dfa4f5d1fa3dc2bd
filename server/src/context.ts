import type { IncomingMessage } from 'node:http';
import { db } from '@toandan/db/db';
import DataLoader from 'dataloader';
import type { YogaInitialContext } from 'graphql-yoga';
import type { WebSocket } from 'ws';
import type { Auth } from './auth/authenticate.ts';
import { env } from './env.ts';
import type { Language } from './language.ts';

/**
 * Per-request context: the checked token and who the client is. The database and the pub/sub
 * are imported as modules, never passed here.
 */
export interface Context extends YogaInitialContext {
  /** The checked token; requests without one are refused before they get a context. */
  auth: Auth | null;
  /** The client, for the audit trail: its address, User-Agent and X-Client-Name. */
  client: string;
  /** Each unit's ancestors, root first, loaded once per request for scope checks. */
  unitAncestry: UnitAncestry;
  /**
   * The language of the messages it reads (UserError.message): Vietnamese unless the request
   * prefers English (HTTP and server-sent events: Accept-Language; WebSocket: `language` in
   * connection_init).
   */
  language: Language;
  /** Set on WebSocket operations: the socket, closed whole (4403) when its token ends. */
  socket?: WebSocket;
  /**
   * Set on WebSocket connections: closes the socket of a client that fell too far behind the
   * live updates (1013, try again later), so it reconnects and refetches.
   */
  dropLaggingClient?: () => void;
  /**
   * Set on WebSocket subscriptions: sends one `next` message of this subscription whose payload
   * is already serialised, bypassing graphql-ws's per-message serialisation.
   */
  sendDirect?: (payload: string) => void;
}

/** Behind a proxy that sets X-Forwarded-For (TRUST_PROXY=1), the client is its first address. */
const trustProxy = env.TRUST_PROXY;

/** The client of a request as the audit trail keeps it, at most 300 characters. */
export function describeClient(request: IncomingMessage | undefined): string {
  if (!request) return 'unknown';
  const forwarded = trustProxy
    ? String(request.headers['x-forwarded-for'] ?? '')
        .split(',')[0]
        ?.trim()
    : '';
  const address = forwarded || request.socket?.remoteAddress || 'unknown';
  const agent = String(request.headers['user-agent'] ?? '').slice(0, 150);
  const name = String(request.headers['x-client-name'] ?? '').slice(0, 60);
  return [address, name, agent].filter(Boolean).join(' · ').slice(0, 300);
}

/** Each unit's ancestors, root first, batched and cached per request. */
export interface UnitAncestry {
  load(unitId: number): Promise<number[]>;
}

/**
 * The loader is made on first use: most requests (a submission, a board) never check a unit's
 * ancestry this way, and making one for each of them only fed the garbage collector.
 */
function unitAncestryLoader(): UnitAncestry {
  let loader: DataLoader<number, number[]> | undefined;
  return {
    load(unitId) {
      loader ??= new DataLoader<number, number[]>(async (ids) => {
        const units = await db.unit.findMany({
          where: { id: { in: [...ids] } },
          select: { id: true, ancestorIds: true },
        });
        const ancestry = new Map(units.map((unit) => [unit.id, unit.ancestorIds]));
        return ids.map((id) => ancestry.get(id) ?? []);
      });
      return loader.load(unitId);
    },
  };
}

/**
 * What every operation's context holds beside Yoga's own, on every transport: Yoga's context
 * factory (app.ts) is the one place that makes it, so that the token's identity, scope and
 * budgets (guards.ts, rateLimits.ts) hold alike over HTTP, server-sent events and WebSocket.
 */
export function requestContext(auth: Auth | null, request: IncomingMessage | undefined, language: Language) {
  return { auth, client: describeClient(request), unitAncestry: unitAncestryLoader(), language };
}

/** What Yoga's context factory adds to its own (the WebSocket path adds the live fields). */
export type RequestContext = ReturnType<typeof requestContext>;
/**
 * What Yoga gets beside the request: the Node adapter's request, and on a WebSocket the token
 * checked at its connection_init (over HTTP, each request's is checked by guards.ts) and the
 * language its connection_init asked for (over HTTP, each request's Accept-Language says).
 */
export type ServerContext = { req?: IncomingMessage; auth?: Auth; language?: Language };
