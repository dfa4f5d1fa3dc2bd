import { describe, expect, it, vi } from 'vitest';
import { inArrivalOrder } from './sharedSubscriptionResults.ts';

function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

describe('inArrivalOrder', () => {
  it('sends ready values at once, and values behind a pending one after it, in arrival order', async () => {
    const sent: string[] = [];
    const sendInOrder = inArrivalOrder((value: string) => sent.push(value));
    sendInOrder('a');
    expect(sent).toEqual(['a']);
    const b = deferred<string>();
    const c = deferred<string>();
    sendInOrder(b.promise);
    sendInOrder(c.promise);
    b.resolve('b');
    await vi.waitFor(() => expect(sent).toEqual(['a', 'b']));
    // b has gone and c is still pending: d, ready now, must wait for c.
    sendInOrder('d');
    expect(sent).toEqual(['a', 'b']);
    c.resolve('c');
    await vi.waitFor(() => expect(sent).toEqual(['a', 'b', 'c', 'd']));
  });

  it('sends nothing for a failed value and holds nothing back behind it', async () => {
    const sent: string[] = [];
    const sendInOrder = inArrivalOrder((value: string) => sent.push(value));
    sendInOrder(Promise.reject(new Error('execution failed')));
    sendInOrder('after');
    await vi.waitFor(() => expect(sent).toEqual(['after']));
  });
});
