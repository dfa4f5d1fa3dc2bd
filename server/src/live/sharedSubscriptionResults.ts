import {
  createSourceEventStream,
  type ExecutionResult,
  execute,
  getOperationAST,
  Kind,
  print,
} from 'graphql';
import { isAsyncIterable, mapAsyncIterator, type Plugin } from 'graphql-yoga';
import type { BoardWatch } from './boardFeed.ts';

type Result = ExecutionResult | Promise<ExecutionResult>;

/**
 * Executes the selection of a subscription once per event, not once per subscriber: every
 * subscriber of a board in this process receives the same event object (boardFeed.ts), so the
 * subscribers that asked for the same selection with the same variables share one result, and
 * one serialisation of it. With 10,000 wall screens on a few boards, an update costs one
 * execution per board and selection, and each subscriber only the sending.
 *
 * Where the context offers `direct` (a WebSocket), the serialised result is handed to it as the
 * update arrives, with nothing iterated or queued per subscriber; elsewhere (server-sent
 * events) the shared results are iterated as usual.
 *
 * Only for the root fields named, whose results depend on the event and the arguments alone:
 * who may subscribe is decided per subscriber, when its source stream is created. `audience`
 * keeps apart subscribers whose results may differ by who they are.
 */
export function useSharedSubscriptionResults(options: {
  fields: string[];
  audience?: (context: unknown) => string;
  direct?: (context: unknown) => ((payload: string) => void) | undefined;
}): Plugin {
  const results = new WeakMap<object, Map<string, Result>>();
  const serialised = new WeakMap<ExecutionResult, string>();
  return {
    onSubscribe({ args, setSubscribeFn }) {
      const operation = getOperationAST(args.document, args.operationName);
      const [root, ...others] = operation?.selectionSet.selections ?? [];
      if (operation?.operation !== 'subscription' || others.length > 0 || root?.kind !== Kind.FIELD) return;
      if (!options.fields.includes(root.name.value)) return;

      setSubscribeFn(async (subscribeArgs) => {
        const stream = await createSourceEventStream(subscribeArgs);
        if (!isAsyncIterable(stream)) return stream;
        const selection = [
          print(subscribeArgs.document),
          subscribeArgs.operationName ?? '',
          JSON.stringify(subscribeArgs.variableValues ?? {}),
          options.audience?.(subscribeArgs.contextValue) ?? '',
        ].join('\u0000');
        const resultOf = (event: object): Result => {
          let forEvent = results.get(event);
          if (!forEvent) {
            forEvent = new Map();
            results.set(event, forEvent);
          }
          let result = forEvent.get(selection);
          if (!result) {
            result = execute({ ...subscribeArgs, rootValue: event });
            forEvent.set(selection, result);
          }
          return result;
        };

        const send = options.direct?.(subscribeArgs.contextValue);
        if (send && 'sendTo' in stream) {
          const jsonOf = (result: ExecutionResult) => {
            let json = serialised.get(result);
            if (json === undefined) {
              json = JSON.stringify(result);
              serialised.set(result, json);
            }
            return json;
          };
          const sendInOrder = inArrivalOrder((result: ExecutionResult) => send(jsonOf(result)));
          return (stream as BoardWatch).sendTo((event) => sendInOrder(resultOf(event)));
        }
        return mapAsyncIterator(stream as AsyncIterable<object>, resultOf);
      });
    },
  };
}

/**
 * Hands values to `send` in the order they arrive, though some come as promises: a value that
 * is ready goes at once when nothing is waiting, and otherwise after every one that came before
 * it. A promise that fails sends nothing and holds nothing back.
 */
export function inArrivalOrder<T>(send: (value: T) => void): (value: T | Promise<T>) => void {
  let waiting: Promise<void> | null = null;
  return (value) => {
    if (!waiting && !(value instanceof Promise)) {
      send(value);
      return;
    }
    const link: Promise<void> = (waiting ?? Promise.resolve()).then(() => value).then(send, () => {});
    waiting = link;
    void link.then(() => {
      // Only the last link clears the wait: an earlier one that settles has followers queued.
      if (waiting === link) waiting = null;
    });
  };
}
