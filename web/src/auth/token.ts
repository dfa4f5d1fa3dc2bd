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
 * Takes `?token=`, `#token=` or a one-time sign-in code `#code=` (the printed QR sheet's) from
 * the address: removes it from the address bar and from the history entry at once, so it is not
 * bookmarked, shared, left on a wall screen or synced with the browser's history, then keeps the
 * token, or redeems the code for one (redeemSignInCode). A fragment never reaches a server.
 * Runs once, before the first render; returns the code to redeem, if there is one.
 */
export function takeTokenFromAddress(
  location: Location = window.location,
  history: History = window.history,
): string | null {
  const url = new URL(location.href);
  const fragment = new URLSearchParams(url.hash.slice(1));
  const token = url.searchParams.get('token') ?? fragment.get('token');
  const code = fragment.get('code');
  if (token === null && code === null) return null;
  url.searchParams.delete('token');
  let hash = url.hash;
  if (fragment.has('token') || fragment.has('code')) {
    fragment.delete('token');
    fragment.delete('code');
    hash = fragment.size > 0 ? `#${fragment}` : '';
  }
  history.replaceState(history.state, '', `${url.pathname}${url.search}${hash}`);
  if (token?.trim()) setToken(token);
  return code?.trim() || null;
}

/** How the redeeming of a sign-in code from the address stands, for the sign-in form. */
export type CodeRedeem = { state: 'none' } | { state: 'redeeming' } | { state: 'refused'; message: string };
let redeem: CodeRedeem = { state: 'none' };
const redeemListeners = new Set<() => void>();

function setRedeem(next: CodeRedeem) {
  redeem = next;
  for (const listener of redeemListeners) listener();
}

export function useCodeRedeem(): CodeRedeem {
  return useSyncExternalStore(
    (listener) => {
      redeemListeners.add(listener);
      return () => redeemListeners.delete(listener);
    },
    () => redeem,
    () => redeem,
  );
}

const REDEEM = `mutation Redeem($code: String!) {
  redeemSignInCode(code: $code) { issued { token } userErrors { code message } }
}`;

/**
 * Redeems a sign-in code for the officer's token, without a token of its own (the one request
 * the API takes without one), and signs in with it. `language` words the refusal.
 */
export async function redeemSignInCode(code: string, language: string, failed: string): Promise<void> {
  setRedeem({ state: 'redeeming' });
  try {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': language },
      body: JSON.stringify({ query: REDEEM, variables: { code } }),
    });
    const body = (await response.json()) as {
      data?: { redeemSignInCode: { issued: { token: string } | null; userErrors: { message: string }[] } };
    };
    const answer = body.data?.redeemSignInCode;
    if (answer?.issued) {
      setToken(answer.issued.token);
      setRedeem({ state: 'none' });
    } else {
      setRedeem({ state: 'refused', message: answer?.userErrors[0]?.message ?? failed });
    }
  } catch {
    setRedeem({ state: 'refused', message: failed });
  }
}
