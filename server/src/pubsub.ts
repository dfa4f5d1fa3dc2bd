import { createHash, randomUUID } from 'node:crypto';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { ActionableError } from '@toandan/db/actionableError';
import type { Scheme } from '@toandan/db/client';
import { databaseConfigFromEnv } from '@toandan/db/config';
import type {
  BoardUpdate as SharedBoardUpdate,
  TallyChange as SharedTallyChange,
} from '@toandan/shared/boardUpdate';
import { createPubSub, type PubSubEvent } from 'graphql-yoga';
import { Redis } from 'ioredis';
import { env } from './env.ts';
import { logger } from './log.ts';

/** A tally change as the server makes it: the shared shape, with the database's schemes. */
export type TallyChange = SharedTallyChange<Scheme>;

/** What crosses the pub/sub: plain JSON, so that it travels through Redis unchanged. */
export interface BoardUpdate extends SharedBoardUpdate<Scheme> {
  /** When the oldest enrolment or void merged into this update committed (ms since the epoch). */
  committedAt: number;
}

/** A token refused from now on, on every instance (auth/revocations.ts). */
export interface Revocation {
  tokenId: string;
  /** When it would have expired anyway (ms since the epoch). */
  expiresAt: number;
}

type Topics = {
  'board:updated': [boardKey: string, update: BoardUpdate];
  'token:revoked': [scope: string, revocation: Revocation];
  /** Officers deactivated or made active again: their tokens stop or work again (auth/officerStatus.ts). */
  'officer:status': [scope: string, change: { officerCode: string; active: boolean }];
  /** Campaigns, units or officers changed: the caches of submissions are emptied. */
  'references:changed': [scope: string, change: { at: number }];
};

const redisUrl = env.REDIS_URL ?? null;

/** How long a health check waits for Redis, and how many times a command is retried. */
const REDIS_OPTIONS = { lazyConnect: true, maxRetriesPerRequest: 3, connectTimeout: 5000 } as const;

function connectRedis(url: string) {
  const publishing = new Redis(url, { ...REDIS_OPTIONS, connectionName: 'toandan-publish' });
  const subscribing = new Redis(url, { ...REDIS_OPTIONS, connectionName: 'toandan-subscribe' });
  let lastComplaint = 0;
  const complain = (error: Error) => {
    // ioredis reconnects by itself; one line every 10 s is enough to see that Redis is away.
    if (Date.now() - lastComplaint < 10_000) return;
    lastComplaint = Date.now();
    logger.error(`Redis at ${new URL(url).host}: ${error.message}`);
  };
  publishing.on('error', complain);
  subscribing.on('error', complain);
  const eventTarget = createRedisEventTarget<PubSubEvent<Topics, keyof Topics>>({
    // The event target does not wait for PUBLISH: a refused one must not become an unhandled
    // rejection (which would stop the process). A lost update shows as a gap, and clients refetch.
    publishClient: {
      publish: (channel: string, message: string) => publishing.publish(channel, message).catch(complain),
    } as unknown as Redis,
    // Likewise SUBSCRIBE and UNSUBSCRIBE, which fail while Redis is away: ioredis subscribes
    // again by itself once it is back.
    // Each SUBSCRIBE is kept until Redis has answered it, so that a board's opening sequence is
    // read only once nothing published from then on can pass this instance by (subscribed()).
    subscribeClient: {
      on: (event: string, listener: (...args: unknown[]) => void) => subscribing.on(event, listener),
      subscribe: (...channels: string[]) => {
        const answered = subscribing.subscribe(...channels).then(
          () => {},
          (error: Error) => complain(error),
        );
        for (const channel of channels) subscribeAnswers.set(channel, answered);
        return answered;
      },
      unsubscribe: (...channels: string[]) => {
        for (const channel of channels) subscribeAnswers.delete(channel);
        return subscribing.unsubscribe(...channels).catch(complain);
      },
    } as unknown as Redis,
  });
  return { publishing, subscribing, eventTarget };
}

/** Redis's answers to this instance's SUBSCRIBE commands, by channel. */
const subscribeAnswers = new Map<string, Promise<void>>();

const redis = redisUrl ? connectRedis(redisUrl) : null;

/**
 * The live boards' pub/sub: in process by default; through Redis when `REDIS_URL` is set, so
 * that an enrolment submitted to one instance reaches subscribers on every other one.
 */
export const pubsub = createPubSub<Topics>(redis ? { eventTarget: redis.eventTarget } : undefined);

/**
 * Instances on the same database share channels; deployments on different databases that share
 * one Redis (staging and production, or the test files running side by side) do not.
 */
export const namespace = createHash('sha256')
  .update(JSON.stringify(databaseConfigFromEnv()))
  .digest('base64url')
  .slice(0, 12);

export const boardKey = (campaignId: string, unitId: number) => `${namespace}:${campaignId}:${unitId}`;

/** A Redis connection for commands (not the subscriber one), when Redis is configured. */
export const redisCommands = () => redis?.publishing ?? null;

/**
 * Resolves once this instance's subscription to a topic (opened with `pubsub.subscribe` and
 * iterated) is in effect: at once in process, when Redis has answered the SUBSCRIBE otherwise.
 * A SUBSCRIBE that failed (Redis away) resolves too: ioredis subscribes again when it is back,
 * and what was missed meanwhile shows as a gap, which clients refetch.
 */
export function subscribed(topic: keyof Topics, key: string): Promise<void> {
  return subscribeAnswers.get(`${topic}:${key}`) ?? Promise.resolve();
}

/**
 * Follows a topic of this deployment whose state also lives in the database (revocations,
 * inactive officers): loads it, applies each message at once, and reloads it every minute in
 * case a message was lost (Redis away). Returns what stops it.
 */
export async function followWithReload<Topic extends 'token:revoked' | 'officer:status'>(
  topic: Topic,
  apply: (payload: Topics[Topic][1]) => void,
  reload: () => Promise<void>,
  what: string,
): Promise<() => void> {
  await reload();
  // Both topics are keyed by the deployment's namespace alone.
  const subscribe = pubsub.subscribe as (
    topic: Topic,
    key: string,
  ) => AsyncIterableIterator<Topics[Topic][1]>;
  const messages = subscribe(topic, namespace);
  void (async () => {
    for await (const payload of messages) apply(payload);
  })();
  const timer = setInterval(() => {
    reload().catch((error: unknown) => logger.error(`reloading ${what} failed: ${(error as Error).message}`));
  }, RELOAD_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    void messages.return?.();
  };
}
/** How often followWithReload reads its state again. */
const RELOAD_MS = 60_000;

export const pubsubKind = redis ? `Redis at ${new URL(redisUrl as string).host}` : 'in-process pub/sub';

export class PubSubUnavailableError extends ActionableError {
  override name = 'PubSubUnavailableError';
}

/** This instance's own channel, to know when what it published has come back through Redis. */
const barrier = {
  channel: `toandan:barrier:${randomUUID()}`,
  sent: 0,
  waiting: new Map<number, () => void>(),
};

/** Connects to Redis when it is configured; fails with one line that names the host. */
export async function connectPubSubOrThrow(timeoutMs = 5000): Promise<void> {
  if (!redis) return;
  try {
    await withTimeout(
      Promise.all(
        [redis.publishing, redis.subscribing].map((client) => client.status === 'wait' && client.connect()),
      ),
      timeoutMs,
    );
    redis.subscribing.on('message', (channel: string, message: string) => {
      if (channel === barrier.channel) barrier.waiting.get(Number(message))?.();
    });
    await redis.subscribing.subscribe(barrier.channel);
  } catch (error) {
    throw new PubSubUnavailableError(`Cannot reach ${pubsubKind}: ${(error as Error).message}`);
  }
}

/**
 * Resolves when everything this instance published so far has come back from Redis to its own
 * subscribers (Redis keeps the order of one connection's messages): for a shutdown that sends
 * the updates in flight before it closes the sockets. In process, publishing is immediate.
 */
export async function pubsubDelivered(timeoutMs = 2000): Promise<void> {
  if (!redis) return;
  const number = ++barrier.sent;
  const back = new Promise<void>((resolve) => barrier.waiting.set(number, resolve));
  await redis.publishing.publish(barrier.channel, String(number));
  await withTimeout(back, timeoutMs).finally(() => barrier.waiting.delete(number));
}

/** Fails when Redis is configured and either connection is down; /healthz reports it. */
export async function pingPubSubOrThrow(timeoutMs = 2000): Promise<void> {
  if (!redis) return;
  if (redis.subscribing.status !== 'ready')
    throw new Error(`Redis subscriber is ${redis.subscribing.status}`);
  await withTimeout(redis.publishing.ping(), timeoutMs);
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  // When the time runs out first, the command may still fail later: that must not become an
  // unhandled rejection, which would stop the process.
  promise.catch(() => {});
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export async function closePubSub(): Promise<void> {
  if (!redis) return;
  const clients = [redis.publishing, redis.subscribing];
  // QUIT lets what was sent be answered; a Redis that is away gets no say.
  await withTimeout(Promise.allSettled(clients.map((client) => client.quit())), 2000).catch(() => {
    for (const client of clients) client.disconnect();
  });
}
