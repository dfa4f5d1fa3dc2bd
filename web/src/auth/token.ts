import { useSyncExternalStore } from 'react';

/**
 * The token the app signs in with (API.md, Web): given once through the sign-in form or as
 * `?token=` on the first load, kept in localStorage, sent as `Authorization: Bearer …` on HTTP
 * and in graphql-ws's connection_init. Never in a cookie, so no other site can make the
 * browser send it.
 */
const KEY = 'toandan.token';
const listeners = new Set<() => void>();

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    // Storage refused (a locked-down kiosk profile): the token lives for this page only.
    return null;
  }
}

let inMemory: string | null = null;

export function getToken(): string | null {
  return storage()?.getItem(KEY) ?? inMemory;
}

export function setToken(token: string): void {
  const trimmed = token.trim();
  inMemory = trimmed;
  storage()?.setItem(KEY, trimmed);
  for (const listener of listeners) listener();
}

export function signOut(): void {
  inMemory = null;
  storage()?.removeItem(KEY);
  for (const listener of listeners) listener();
}

/** Calls `listener` whenever the token changes (sign-in, sign-out, another tab). */
export function onTokenChange(listener: () => void): () => void {
  listeners.add(listener);
  const fromOtherTab = (event: StorageEvent) => {
    if (event.key === KEY) listener();
  };
  globalThis.addEventListener?.('storage', fromOtherTab);
  return () => {
    listeners.delete(listener);
    globalThis.removeEventListener?.('storage', fromOtherTab);
  };
}

/** The current token, re-rendering on sign-in and sign-out. */
export function useToken(): string | null {
  return useSyncExternalStore(onTokenChange, getToken, () => null);
}

/**
 * Takes `?token=` from the address: keeps it, then removes it from the address bar (and from
 * the history entry) so it is not bookmarked, shared or left on a wall screen. Runs once, before
 * the first render.
 */
export function takeTokenFromAddress(
  location: Location = window.location,
  history: History = window.history,
) {
  const url = new URL(location.href);
  const token = url.searchParams.get('token');
  if (token === null) return;
  if (token.trim()) setToken(token);
  url.searchParams.delete('token');
  history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
}
