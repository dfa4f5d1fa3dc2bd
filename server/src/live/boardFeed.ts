import { GraphQLError } from 'graphql';
import { Repeater } from 'graphql-yoga';
import { logger } from '../log.ts';
import { type BoardUpdate, pubsub, subscribed } from '../pubsub.ts';

/** How long an update that arrived ahead of its predecessor waits for it before going out. */
export const REORDER_WAIT_MS = 100;
/** A subscriber this many updates behind is dropped rather than buffered without end. */
export const MAX_UPDATES_BEHIND = 32;
/**
 * The fan-out's share of one turn of the event loop: after this long handing updates to
 * subscribers, it lets the requests waiting (the field's submissions) have their turn, and goes
 * on in the next. At 10,000 open boards a flush is thousands of socket writes, tens of
 * milliseconds in one go, and every submission waited behind it (docs/performance.md).
 */
export const FANOUT_SLICE_MS = 4;
/** How many subscribers are served between two looks at the clock. */
const SLICE_CHECK_EVERY = 32;

interface Subscriber {
  deliver(update: BoardUpdate): void;
}

interface Feed {
  subscribers: Set<Subscriber>;
  /** The sequence of the last update handed to subscribers. */
  last: number | null;
  /** Updates that arrived before their predecessor, by sequence. */
  early: Map<number, BoardUpdate>;
  timer: NodeJS.Timeout | null;
  /** Resolves once the pub/sub subscription is in effect. */
  subscribed: Promise<void>;
  stop(): void;
}

/** One subscription to the pub/sub per board and process, shared by every local subscriber. */
const feeds = new Map<string, Feed>();

/** How many subscribers the live feeds of this process hold (GET /metrics). */
export function openBoardWatches(): number {
  let open = 0;
  for (const feed of feeds.values()) open += feed.subscribers.size;
  return open;
}

/** A board's live updates for one subscriber: iterate it, or have them sent (`sendTo`). */
export interface BoardWatch extends AsyncIterable<BoardUpdate> {
  /**
   * Hands each update to `send` as it comes, synchronously and in order, with nothing held for
   * this subscriber: for a WebSocket that writes the same serialised update to each of its
   * subscribers and watches its own buffer. The iterable returned yields nothing; it ends when
   * the watch fails, and ending it stops the watch.
   */
  sendTo(send: (update: BoardUpdate) => void): AsyncIterableIterator<never>;
}

/**
 * The live updates of one board for one subscriber. Every subscriber of the board in this
 * process gets the very same update objects, in sequence order: updates that crossed from two
 * instances out of order are put back in order, duplicates and stale ones are dropped, and a
 * missing one is waited for only briefly (then the gap shows and the client refetches).
 *
 * The stream opens with `first()`, read once the subscriber is attached: the board's current
 * sequence, which tells the client that nothing from now on can pass it by, so the board it
 * fetches next is safe to follow.
 *
 * Iterated, a subscriber that falls MAX_UPDATES_BEHIND behind (a stalled client) calls `onLag`
 * and its stream ends with SUBSCRIBER_LAGGING, instead of holding updates without bound.
 */
export function watchBoard(
  key: string,
  first: () => Promise<BoardUpdate>,
  onLag: () => void = () => {},
): BoardWatch {
  return {
    [Symbol.asyncIterator]: () =>
      new Repeater<BoardUpdate>(async (push, stop) => {
        let behind = 0;
        let dropped = false;
        const detach = attach(key, first, stop, (update) => {
          if (dropped) return;
          if (behind >= MAX_UPDATES_BEHIND) {
            dropped = true;
            stop(
              new GraphQLError(
                `This subscriber fell more than ${MAX_UPDATES_BEHIND} updates behind and was dropped; refetch the board and subscribe again.`,
                { extensions: { code: 'SUBSCRIBER_LAGGING' } },
              ),
            );
            onLag();
            return;
          }
          behind++;
          void push(update).then(() => {
            behind--;
          });
        });
        await stop;
        detach();
      })[Symbol.asyncIterator](),
    sendTo: (send) =>
      new Repeater<never>(async (_push, stop) => {
        const detach = attach(key, first, stop, send);
        await stop;
        detach();
      })[Symbol.asyncIterator](),
  };
}

/**
 * Adds a subscriber to the board's feed; it receives the opening update first, then every
 * update numbered after it. The opening is read once the feed's subscription is in effect
 * (Redis has answered its SUBSCRIBE), so that nothing committed after it can pass the feed by.
 * Returns what removes it.
 */
function attach(
  key: string,
  first: () => Promise<BoardUpdate>,
  fail: (error: unknown) => void,
  deliver: (update: BoardUpdate) => void,
): () => void {
  const feed = feeds.get(key) ?? openFeed(key);
  let beforeFirst: BoardUpdate[] | null = [];
  let opened = Number.POSITIVE_INFINITY;
  const subscriber: Subscriber = {
    deliver: (update) => {
      if (beforeFirst) beforeFirst.push(update);
      else if (update.sequence > opened) deliver(update);
    },
  };
  feed.subscribers.add(subscriber);
  feed.subscribed.then(first).then(
    (opening) => {
      const waiting = beforeFirst ?? [];
      beforeFirst = null;
      opened = opening.sequence;
      deliver(opening);
      for (const update of waiting) if (update.sequence > opening.sequence) deliver(update);
      if (feed.last === null) settle(feed, opening.sequence);
    },
    (error: unknown) => fail(error),
  );
  return () => {
    feed.subscribers.delete(subscriber);
    if (feed.subscribers.size === 0) {
      feeds.delete(key);
      feed.stop();
    }
  };
}

function openFeed(key: string): Feed {
  const source = pubsub.subscribe('board:updated', key);
  const feed: Feed = {
    subscribers: new Set(),
    last: null,
    early: new Map(),
    timer: null,
    subscribed: Promise.resolve(),
    stop() {
      if (feed.timer) clearTimeout(feed.timer);
      void source.return?.();
    },
  };
  feeds.set(key, feed);
  void (async () => {
    for await (const update of source) receive(feed, update);
  })();
  // Iterating the source above has sent the SUBSCRIBE; this is its answer.
  feed.subscribed = subscribed('board:updated', key);
  return feed;
}

/**
 * Until the feed knows where it starts (the first subscriber's opening sequence), every update
 * waits as an early one: two instances publish concurrently, and the first to arrive need not be
 * the next in sequence.
 */
function receive(feed: Feed, update: BoardUpdate): void {
  if (feed.last !== null && update.sequence <= feed.last) return;
  if (feed.last !== null && update.sequence === feed.last + 1) {
    deliver(feed, update);
    deliverFollowers(feed);
    return;
  }
  feed.early.set(update.sequence, update);
  feed.timer ??= setTimeout(() => {
    feed.timer = null;
    const waiting = [...feed.early.values()].sort((a, b) => a.sequence - b.sequence);
    feed.early.clear();
    for (const early of waiting) deliver(feed, early);
  }, REORDER_WAIT_MS);
}

/** The feed starts after `sequence`: the early updates up to it are stale, the next ones go out. */
function settle(feed: Feed, sequence: number): void {
  feed.last = sequence;
  for (const early of feed.early.keys()) if (early <= sequence) feed.early.delete(early);
  deliverFollowers(feed);
}

/** Sends the early updates that follow on from the last one delivered, in sequence. */
function deliverFollowers(feed: Feed): void {
  for (let next = feed.early.get((feed.last ?? 0) + 1); next; next = feed.early.get(next.sequence + 1)) {
    feed.early.delete(next.sequence);
    deliver(feed, next);
  }
  if (feed.early.size === 0 && feed.timer) {
    clearTimeout(feed.timer);
    feed.timer = null;
  }
}

/**
 * An update on its way to the subscribers the feed had when it came (one attached since opens
 * after it, numbered later, or holds it until its opening: attach). Deliveries go out in the
 * order they came, so each feed's stay in sequence order, a slice of the loop's turn at a time.
 */
interface Delivery {
  feed: Feed;
  update: BoardUpdate;
  to: Subscriber[];
  next: number;
  /** Called once it has been handed to all: deliveringUpdates. */
  onHandedOut?: (() => void)[];
}

const deliveries: Delivery[] = [];
let slicing = false;

/**
 * Null when every update received has been handed out; else resolves once those received so far
 * have been (not those that come meanwhile: an instance fed without pause by the others' updates
 * must still flush its own). The boards' publisher waits for it before its next flush, so that
 * under more updates than this process can hand out, each board's next update carries the newer
 * values of several instead of queueing behind the last (boardPublisher.ts).
 */
export function deliveringUpdates(): Promise<void> | null {
  const last = deliveries.at(-1);
  if (!last) return null;
  return new Promise((resolve) => {
    last.onHandedOut ??= [];
    last.onHandedOut.push(resolve);
  });
}

function deliver(feed: Feed, update: BoardUpdate): void {
  feed.last = update.sequence;
  deliveries.push({ feed, update, to: [...feed.subscribers], next: 0 });
  if (!slicing) deliverSlice();
}

function deliverSlice(): void {
  slicing = true;
  const until = performance.now() + FANOUT_SLICE_MS;
  while (deliveries.length > 0) {
    const delivery = deliveries[0] as Delivery;
    const { feed, update, to } = delivery;
    while (delivery.next < to.length) {
      const subscriber = to[delivery.next++] as Subscriber;
      // One that left meanwhile (its socket closed) gets nothing more. One that fails must not
      // stop the others, nor every board after it: the slices would stay marked as running.
      if (feed.subscribers.has(subscriber)) {
        try {
          subscriber.deliver(update);
        } catch (error) {
          logger.error({ err: error }, 'a live board update could not be handed to a subscriber');
        }
      }
      if (delivery.next % SLICE_CHECK_EVERY === 0 && performance.now() >= until) {
        setImmediate(deliverSlice);
        return;
      }
    }
    deliveries.shift();
    for (const resolve of delivery.onHandedOut ?? []) resolve();
  }
  slicing = false;
}
