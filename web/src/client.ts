import { exponentialBackoffMs } from '@toandan/shared/exponentialBackoffMs';
import { createClient as createWsClient } from 'graphql-ws';
import { useSyncExternalStore } from 'react';
import { Client, cacheExchange, fetchExchange, subscriptionExchange } from 'urql';
import { getToken, onTokenChange } from './auth/token.ts';
import { i18n } from './i18n/index.ts';

/** How the app's live connection stands, for the indicator every page shows. */
export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';

interface LiveState {
  status: ConnectionStatus;
  /** The server refused the token (HTTP 401, or the socket closed with 4403). */
  refused: boolean;
}

let state: LiveState = { status: 'connecting', refused: false };
const stateListeners = new Set<() => void>();
const reconnectListeners = new Set<() => void>();
let failedAttempts = 0;

function update(next: Partial<LiveState>) {
  if (Object.entries(next).every(([key, value]) => state[key as keyof LiveState] === value)) return;
  state = { ...state, ...next };
  for (const listener of stateListeners) listener();
}

const subscribeState = (listener: () => void) => {
  stateListeners.add(listener);
  return () => stateListeners.delete(listener);
};

export function useConnectionStatus(): ConnectionStatus {
  return useSyncExternalStore(subscribeState, () => state.status);
}

export function useAuthRefused(): boolean {
  return useSyncExternalStore(subscribeState, () => state.refused);
}

/** Calls `listener` each time the socket is back after a cut: live data may have been missed. */
export function onReconnected(listener: () => void): () => void {
  reconnectListeners.add(listener);
  return () => reconnectListeners.delete(listener);
}

const FORBIDDEN = 4403;
/** Wait before the n-th new attempt: quick at first, then every 5 s, with jitter so that a
 * room of wall screens does not knock on a restarted server all at once. */
const retryDelayMs = (retries: number) => exponentialBackoffMs(retries, 250, 5000) + Math.random() * 500;
/** A socket whose pong has not come back this long after our ping is dead (a cut cable). */
const PONG_TIMEOUT_MS = 5000;

const isOffline = () => globalThis.navigator?.onLine === false;
let activeSocket: WebSocket | null = null;
let pongTimer: ReturnType<typeof setTimeout> | undefined;

export const socket = createWsClient({
  url: () => {
    const { protocol, host } = globalThis.location;
    return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/graphql`;
  },
  connectionParams: () => {
    const token = getToken();
    return {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      // userErrors in the app's language (API.md): Vietnamese unless English was chosen.
      ...(i18n.language === 'en' ? { language: 'en' } : {}),
    };
  },
  lazy: true,
  // Keep the socket a while between pages, so drilling down does not reconnect.
  lazyCloseTimeout: 10_000,
  keepAlive: 10_000,
  retryAttempts: Number.POSITIVE_INFINITY,
  retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, retryDelayMs(retries))),
  shouldRetry: (problem) => !(problem instanceof Object && 'code' in problem && problem.code === FORBIDDEN),
  on: {
    connecting: (isRetry) => {
      if (isRetry) update({ status: isOffline() || failedAttempts >= 3 ? 'offline' : 'reconnecting' });
    },
    connected: (connected, _payload, wasRetry) => {
      activeSocket = connected as WebSocket;
      failedAttempts = 0;
      update({ status: 'live', refused: false });
      if (wasRetry) for (const listener of reconnectListeners) listener();
    },
    ping: (received) => {
      if (received) return;
      clearTimeout(pongTimer);
      pongTimer = setTimeout(() => {
        if (activeSocket?.readyState === WebSocket.OPEN) activeSocket.close(4408, 'Pong timeout');
      }, PONG_TIMEOUT_MS);
    },
    pong: (received) => {
      if (received) clearTimeout(pongTimer);
    },
    closed: (event) => {
      activeSocket = null;
      clearTimeout(pongTimer);
      const code = (event as CloseEvent | undefined)?.code;
      if (code === FORBIDDEN) {
        update({ refused: true, status: 'offline' });
        return;
      }
      // 1000: the last subscription ended (lazy close), nothing is wrong.
      if (code === 1000) return;
      failedAttempts++;
      update({ status: isOffline() || failedAttempts > 3 ? 'offline' : 'reconnecting' });
    },
  },
});

// The browser knows the network went away: drop the socket now rather than wait for a ping to
// go unanswered, so that the retries (and the reconnect's refetch) start at once.
globalThis.addEventListener?.('offline', () => {
  update({ status: 'offline' });
  activeSocket?.close(4001, 'Network offline');
});

// A new token (sign-in, sign-out, another tab) opens a new socket that signs in with it.
onTokenChange(() => {
  update({ refused: false });
  activeSocket?.close(4205, 'Token changed');
});
// The language is said once per socket, in connection_init: a new one says the new language.
i18n.on('languageChanged', () => activeSocket?.close(4206, 'Language changed'));

/**
 * The headers of every HTTP request: the token, and the app's language, in which the server
 * words its userErrors (API.md: Vietnamese by default, English when the request prefers en).
 */
export function requestHeaders(): Record<string, string> {
  const token = getToken();
  return {
    'accept-language': i18n.language === 'en' ? 'en' : 'vi',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  };
}

/** The one urql client of the app: queries over HTTP, subscriptions over graphql-ws. */
export const client = new Client({
  url: '/graphql',
  exchanges: [
    cacheExchange,
    fetchExchange,
    subscriptionExchange({
      forwardSubscription: (request) => ({
        subscribe: (sink) => ({
          unsubscribe: socket.subscribe({ ...request, query: request.query ?? '' }, sink),
        }),
      }),
    }),
  ],
  fetchOptions: (): RequestInit => ({ headers: requestHeaders() }),
  fetch: async (input, init) => {
    const response = await fetch(input, init);
    if (response.status === 401) update({ refused: true });
    return response;
  },
});
