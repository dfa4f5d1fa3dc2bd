import type { ExecutionResult } from 'graphql';
import { isAsyncIterable, type Plugin, Repeater } from 'graphql-yoga';
import { type Auth, endedTokenMessages } from '../auth/authenticate.ts';
import { unauthenticated } from '../auth/scopes.ts';
import { untilTokenEnds } from '../auth/tokenEnds.ts';
import type { Context } from '../context.ts';

/** The stream, ended with one UNAUTHENTICATED error when its token is revoked or expires. */
function endingWithToken(auth: Auth, stream: AsyncIterable<ExecutionResult>): Repeater<ExecutionResult> {
  return new Repeater<ExecutionResult>(async (push, stop) => {
    const iterator = stream[Symbol.asyncIterator]();
    const forget = untilTokenEnds(auth, (end) => {
      void push({ errors: [unauthenticated(endedTokenMessages[end])] });
      stop();
    });
    // Ending the source settles its pending next(): a race against `stop` on every event would
    // leave one reaction per event on a promise that may stay pending for days.
    void stop.then(() => iterator.return?.());
    try {
      for (;;) {
        const next = await iterator.next();
        if (next.done) break;
        await push(next.value);
      }
    } finally {
      forget();
      stop();
    }
  });
}

/**
 * Every subscription over HTTP (server-sent events) ends when its token is revoked or expires,
 * as a WebSocket is closed with 4403 then (webSockets.ts, which ends its sockets whole): the
 * client gets an error with UNAUTHENTICATED, and the stream completes.
 */
export const streamsEndWithToken: Plugin = {
  onSubscribe({ args }) {
    const { auth, socket } = args.contextValue as Context;
    if (!auth || socket) return;
    return {
      onSubscribeResult({ result, setResult }) {
        if (isAsyncIterable(result)) setResult(endingWithToken(auth, result));
      },
    };
  },
};
