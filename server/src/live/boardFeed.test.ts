import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { type BoardUpdate, closePubSub, pubsub } from '../pubsub.ts';
import { deliveringUpdates, FANOUT_SLICE_MS, watchBoard } from './boardFeed.ts';

// In process here; through real Redis in the PostgreSQL + Redis pass of .ci/run (REDIS_URL).
afterAll(() => closePubSub());

const update = (sequence: number): BoardUpdate => ({ sequence, committedAt: 0, changes: [] });

/** A board's feed for one subscriber that opens at `sequence`, as an iterator of sequences. */
function subscriber(key: string, sequence: number) {
  const iterator = watchBoard(key, async () => update(sequence))[Symbol.asyncIterator]();
  return {
    next: async () => ((await iterator.next()).value as BoardUpdate).sequence,
    stop: () => iterator.return?.(),
  };
}

describe('a board feed', () => {
  it('puts the first updates in order when they cross from two instances out of order', async () => {
    const key = `feed-test:${randomUUID()}`;
    const board = subscriber(key, 4);
    expect(await board.next()).toBe(4);
    // Two instances numbered 5 and 6 at once, and 6 was published first.
    pubsub.publish('board:updated', key, update(6));
    pubsub.publish('board:updated', key, update(5));
    expect([await board.next(), await board.next()]).toEqual([5, 6]);
    await board.stop();
  });

  it('lets a gap show after a short wait rather than hold the updates behind it', async () => {
    const key = `feed-test:${randomUUID()}`;
    const board = subscriber(key, 4);
    expect(await board.next()).toBe(4);
    pubsub.publish('board:updated', key, update(6));
    pubsub.publish('board:updated', key, update(7));
    // 5 never comes: the client sees the gap and refetches.
    expect([await board.next(), await board.next()]).toEqual([6, 7]);
    await board.stop();
  });

  it('drops what is stale for a subscriber that opened after it', async () => {
    const key = `feed-test:${randomUUID()}`;
    const early = subscriber(key, 4);
    expect(await early.next()).toBe(4);
    pubsub.publish('board:updated', key, update(5));
    expect(await early.next()).toBe(5);
    const late = subscriber(key, 6);
    expect(await late.next()).toBe(6);
    pubsub.publish('board:updated', key, update(6));
    pubsub.publish('board:updated', key, update(7));
    expect([await early.next(), await early.next()]).toEqual([6, 7]);
    expect(await late.next()).toBe(7);
    await Promise.all([early.stop(), late.stop()]);
  });

  it('hands a large fan-out out a slice at a time, letting other work in between, each subscriber still getting every update in order', async () => {
    const key = `feed-test:${randomUUID()}`;
    const SUBSCRIBERS = 200;
    // Each delivery costs a tenth of a millisecond, as a socket write under load does: 20 ms
    // for the board, five slices at the least.
    const busy = () => {
      const until = performance.now() + 0.1;
      while (performance.now() < until);
    };
    const received: number[][] = Array.from({ length: SUBSCRIBERS }, () => []);
    let deliveredWhenOtherWorkRan: number | null = null;
    const watches = received.map((sequences, index) =>
      watchBoard(key, async () => update(4))
        .sendTo((delivered) => {
          if (delivered.sequence === 5 && index === 0) {
            // Other work that arrives as the fan-out begins: a request, say.
            setImmediate(() => {
              deliveredWhenOtherWorkRan = received.filter((seen) => seen.includes(5)).length;
            });
          }
          if (delivered.sequence > 4) busy();
          sequences.push(delivered.sequence);
        })
        [Symbol.asyncIterator](),
    );
    for (const watch of watches) void watch.next();
    await vi.waitFor(() => expect(received.every((seen) => seen.length === 1)).toBe(true));

    pubsub.publish('board:updated', key, update(5));
    pubsub.publish('board:updated', key, update(6));
    await vi.waitFor(() => expect(received.every((seen) => seen.length === 3)).toBe(true), {
      timeout: 5000,
    });
    // The other work ran after the first slice, long before the last subscriber had 5.
    expect(deliveredWhenOtherWorkRan).toBeGreaterThan(0);
    expect(deliveredWhenOtherWorkRan).toBeLessThan(SUBSCRIBERS / 2);
    expect(FANOUT_SLICE_MS).toBeLessThan(SUBSCRIBERS * 0.1);
    expect(received.every((seen) => seen.join() === '4,5,6')).toBe(true);
    await Promise.all(watches.map((watch) => watch.return?.()));
  });

  it('tells the publisher when the updates received so far are handed out, not those that keep coming after', async () => {
    const key = `feed-test:${randomUUID()}`;
    const busy = () => {
      const until = performance.now() + 0.1;
      while (performance.now() < until);
    };
    const received: number[][] = Array.from({ length: 100 }, () => []);
    let asked: (handedOut: Promise<void> | null) => void = () => {};
    const handedOut = new Promise<void>((resolve, reject) => {
      asked = (answer) => (answer ? answer.then(resolve) : reject(new Error('nothing was being handed out')));
    });
    const watches = received.map((sequences, index) =>
      watchBoard(key, async () => update(4))
        .sendTo((delivered) => {
          if (delivered.sequence === 5 && index === 0) {
            // The publisher asks as 5 goes out, and an instance fed by the others without pause
            // receives 6, 7 and 8 meanwhile.
            asked(deliveringUpdates());
            for (const sequence of [6, 7, 8]) pubsub.publish('board:updated', key, update(sequence));
          }
          if (delivered.sequence > 4) busy();
          sequences.push(delivered.sequence);
        })
        [Symbol.asyncIterator](),
    );
    for (const watch of watches) void watch.next();
    await vi.waitFor(() => expect(received.every((seen) => seen.length === 1)).toBe(true));
    expect(deliveringUpdates()).toBeNull();

    pubsub.publish('board:updated', key, update(5));
    await handedOut;
    expect(received.every((seen) => seen.includes(5))).toBe(true);
    expect(received.every((seen) => seen.includes(8))).toBe(false);

    await vi.waitFor(() => expect(received.every((seen) => seen.join() === '4,5,6,7,8')).toBe(true), {
      timeout: 5000,
    });
    await Promise.all(watches.map((watch) => watch.return?.()));
  });

  it('goes on to the other subscribers and to the next updates when handing one out fails', async () => {
    const key = `feed-test:${randomUUID()}`;
    const received: number[][] = [[], [], []];
    const watches = received.map((sequences, index) =>
      watchBoard(key, async () => update(4))
        .sendTo((delivered) => {
          if (index === 1 && delivered.sequence > 4) throw new Error('this socket failed to send');
          sequences.push(delivered.sequence);
        })
        [Symbol.asyncIterator](),
    );
    for (const watch of watches) void watch.next();
    await vi.waitFor(() => expect(received.every((seen) => seen.length === 1)).toBe(true));
    pubsub.publish('board:updated', key, update(5));
    pubsub.publish('board:updated', key, update(6));
    await vi.waitFor(() => expect([received[0]?.join(), received[2]?.join()]).toEqual(['4,5,6', '4,5,6']));
    expect(received[1]).toEqual([4]);
    // And the updates of other boards after it are handed out too.
    const otherKey = `feed-test:${randomUUID()}`;
    const other = subscriber(otherKey, 9);
    expect(await other.next()).toBe(9);
    pubsub.publish('board:updated', otherKey, update(10));
    expect(await other.next()).toBe(10);
    await Promise.all([...watches.map((watch) => watch.return?.()), other.stop()]);
  });
});
