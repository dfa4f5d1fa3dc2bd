import type { YogaInitialContext } from 'graphql-yoga';

/**
 * Per-request context. It will carry the checked token (roles and unit scope); the database and
 * the pub/sub are imported as modules, never passed here.
 */
export interface Context extends YogaInitialContext {
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
