import type { TFunction } from 'i18next';
import { CombinedError } from 'urql';
import { formatNumber, type Language } from './i18n/format.ts';

/** No answer came: no network, a request given up, a response lost or not the API's. */
export const NETWORK = 'NETWORK';
/** The answer did not say what went wrong (an error without extensions.code). */
export const UNKNOWN = 'UNKNOWN';
/** The server answered a batch, but not every item with an enrolment or a reason. */
export const INCOMPLETE_ANSWER = 'INCOMPLETE_ANSWER';

/** One thing that went wrong with a request, by its stable code (API.md, Errors). */
export interface Failure {
  code: string;
  retryAfterSeconds?: number;
}

/**
 * What went wrong with a request, as codes: each top-level error's `extensions.code`, or
 * NETWORK when no GraphQL answer came at all (fetch's TypeError, a timeout, a proxy's HTML).
 * A string is a CombinedError's message, where only whether it was the network survives.
 */
export function failuresOf(error: unknown): Failure[] {
  if (error instanceof CombinedError) {
    if (error.graphQLErrors.length === 0) return [{ code: NETWORK }];
    return error.graphQLErrors.map(({ extensions }) => {
      const retryAfterSeconds = Number(extensions?.retryAfterSeconds);
      return {
        code: typeof extensions?.code === 'string' ? extensions.code : UNKNOWN,
        ...(retryAfterSeconds > 0 ? { retryAfterSeconds } : {}),
      };
    });
  }
  if (error instanceof TypeError) return [{ code: NETWORK }];
  if (error instanceof DOMException && (error.name === 'AbortError' || error.name === 'TimeoutError'))
    return [{ code: NETWORK }];
  if (typeof error === 'string' && error.startsWith('[Network]')) return [{ code: NETWORK }];
  return [{ code: UNKNOWN }];
}

/** Codes with a sentence of their own; the limits and the malformed requests share one each. */
const OWN = [
  NETWORK,
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'RATE_LIMITED',
  'MAX_SUBSCRIPTIONS',
  'SUBSCRIBER_LAGGING',
  'INTERNAL_SERVER_ERROR',
  INCOMPLETE_ANSWER,
] as const;
const LIMITS = new Set([
  'BATCH_TOO_LARGE',
  'BATCHING_NOT_SUPPORTED',
  'REQUEST_ENTITY_TOO_LARGE',
  'PAGE_SIZE',
]);
const BAD_REQUESTS = new Set([
  'BAD_REQUEST',
  'BAD_USER_INPUT',
  'BAD_CURSOR',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
]);

function sentence({ code, retryAfterSeconds }: Failure, t: TFunction, language: Language): string {
  const own = (OWN as readonly string[]).includes(code) ? t(`error.${code as (typeof OWN)[number]}`) : null;
  const worded =
    own ??
    (code.startsWith('MAX_') || LIMITS.has(code)
      ? t('error.limit', { code })
      : BAD_REQUESTS.has(code)
        ? t('error.badRequest', { code })
        : code === UNKNOWN
          ? t('error.unknown')
          : t('error.unknownCode', { code }));
  return retryAfterSeconds
    ? `${worded} ${t('error.retryAfter', { seconds: formatNumber(retryAfterSeconds, language) })}`
    : worded;
}

/** The failures in the reader's language, each sentence once. */
export function failureMessage(failures: readonly Failure[], t: TFunction, language: Language): string {
  return [...new Set(failures.map((failure) => sentence(failure, t, language)))].join(' ');
}

/**
 * A failed request (urql's CombinedError, fetch's own errors) in the reader's words, worded by
 * the web from the codes: never "[GraphQL] …" nor the server's English.
 */
export function errorMessage(error: unknown, t: TFunction, language: Language): string {
  return failureMessage(failuresOf(error), t, language);
}
