import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { type BoardUpdate, closePubSub, pubsub } from '../pubsub.ts';
import { watchBoard } from './boardFeed.ts';

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
});
