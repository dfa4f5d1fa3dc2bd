import { client, requestHeaders } from '../client.ts';
import { failuresOf } from '../errorMessage.ts';
import { SubmitEnrolmentsMutation } from './documents.ts';
import type { Transport } from './syncQueue.ts';

/** How long one batch may take before it is sent again (50 enrolments take well under 1 s). */
export const SEND_TIMEOUT_MS = 30_000;

/**
 * Sends a batch through the app's urql client (its token, its 401 handling). No answer at all
 * (no network, a response lost on the way) rejects, so the same keys go again; an answer
 * without data (a refused token, a rate limit) is a failure of the whole batch, by its codes.
 */
export const sendBatch: Transport = async (inputs) => {
  const result = await client
    .mutation(
      SubmitEnrolmentsMutation,
      { inputs: inputs.map((input) => ({ ...input, scheme: input.scheme as never })) },
      {
        // A request that hangs on a dying connection would hold the queue: it is given up after
        // a while and sent again with the same keys, which the server counts once.
        fetchOptions: () => ({ signal: AbortSignal.timeout(SEND_TIMEOUT_MS), headers: requestHeaders() }),
      },
    )
    .toPromise();
  if (result.error?.networkError) throw result.error.networkError;
  const answers = result.data?.submitEnrolments;
  if (!answers) {
    const failures = failuresOf(result.error);
    const retryAfter = failures.find((failure) => failure.retryAfterSeconds)?.retryAfterSeconds;
    return {
      failed: failures.map((failure) => failure.code),
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
