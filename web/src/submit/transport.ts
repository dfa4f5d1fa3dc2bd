import { getToken } from '../auth/token.ts';
import { client } from '../client.ts';
import { SubmitEnrolmentsMutation } from './documents.ts';
import type { Transport } from './syncQueue.ts';

/** How long one batch may take before it is sent again (50 enrolments take well under 1 s). */
export const SEND_TIMEOUT_MS = 30_000;

/**
 * Sends a batch through the app's urql client (its token, its 401 handling). No answer at all
 * (no network, a response lost on the way) rejects, so the same keys go again; an answer
 * without data (a refused token, a rate limit) is a failure of the whole batch.
 */
export const sendBatch: Transport = async (inputs) => {
  const result = await client
    .mutation(
      SubmitEnrolmentsMutation,
      { inputs: inputs.map((input) => ({ ...input, scheme: input.scheme as never })) },
      {
        // A request that hangs on a dying connection would hold the queue: it is given up after
        // a while and sent again with the same keys, which the server counts once.
        fetchOptions: () => {
          const token = getToken();
          return {
            signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
            ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
          };
        },
      },
    )
    .toPromise();
  if (result.error?.networkError) throw result.error.networkError;
  const answers = result.data?.submitEnrolments;
  if (!answers) {
    const codes = result.error?.graphQLErrors.map((error) => String(error.extensions?.code ?? error.message));
    const retryAfter = result.error?.graphQLErrors
      .map((error) => Number(error.extensions?.retryAfterSeconds))
      .find((seconds) => Number.isFinite(seconds));
    return {
      failed: codes?.join(', ') || 'no answer',
      ...(retryAfter ? { retryAfterMs: retryAfter * 1000 } : {}),
    };
  }
  return {
    answers: answers.map((answer) => ({
      enrolmentId: answer.enrolment?.id ?? null,
      userErrors: answer.userErrors.map((error) => ({
        field: error.field ? [...error.field] : null,
        code: error.code,
        message: error.message,
      })),
    })),
  };
};
