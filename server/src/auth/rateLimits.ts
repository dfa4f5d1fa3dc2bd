import { GraphQLError } from 'graphql';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import type { Context } from '../context.ts';
import { env } from '../env.ts';
import { namespace, redisCommands } from '../pubsub.ts';
import type { Role } from './tokens.ts';

/**
 * Per token and minute: enrolments a field agent may submit (a phone's backlog of 500 twice
 * over), and the query cost (docs/security.md) a field agent or a partner may spend. The
 * command centre's wall screens share tokens, and are limited per query only.
 */
export const LIMITS = {
  submissions: env.RATE_LIMIT_SUBMISSIONS_PER_MINUTE,
  cost: env.RATE_LIMIT_COST_PER_MINUTE,
};

const limited: Record<'submissions' | 'cost', Role[]> = {
  submissions: ['FIELD_AGENT'],
  cost: ['FIELD_AGENT', 'PARTNER'],
};

const limiters = new Map<'submissions' | 'cost', RateLimiterAbstract>();

/**
 * Through Redis when it is configured, so that every instance counts against the same budget;
 * in memory otherwise, and in memory too while Redis is away (rate-limiter-flexible's
 * insurance limiter), so that an outage neither stops the service nor lifts the limits.
 */
function limiter(kind: 'submissions' | 'cost'): RateLimiterAbstract {
  let found = limiters.get(kind);
  if (!found) {
    const options = { points: LIMITS[kind], duration: 60, keyPrefix: `toandan:${namespace}:rate:${kind}` };
    const redis = redisCommands();
    found = redis
      ? new RateLimiterRedis({
          ...options,
          storeClient: redis,
          insuranceLimiter: new RateLimiterMemory(options),
        })
      : new RateLimiterMemory(options);
    limiters.set(kind, found);
  }
  return found;
}

async function consumeOrThrow(
  kind: 'submissions' | 'cost',
  context: Pick<Context, 'auth'>,
  points: number,
): Promise<void> {
  const auth = context.auth;
  if (!auth || !limited[kind].includes(auth.role) || points <= 0) return;
  try {
    await limiter(kind).consume(auth.tokenId, points);
  } catch (refusal) {
    if (!(refusal instanceof RateLimiterRes)) throw refusal;
    const retryAfterSeconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
    const what =
      kind === 'submissions' ? `${LIMITS.submissions} enrolments` : `a query cost of ${LIMITS.cost}`;
    throw new GraphQLError(
      `This token may ${kind === 'submissions' ? 'submit' : 'spend'} ${what} a minute${points > LIMITS[kind] ? `, and this request alone asks for ${points}` : ''}; try again in ${retryAfterSeconds} s.`,
      {
        extensions: {
          code: 'RATE_LIMITED',
          limit: LIMITS[kind],
          retryAfterSeconds,
          http: { status: 429, headers: { 'retry-after': String(retryAfterSeconds) } },
        },
      },
    );
  }
}

/**
 * Requests without a token may redeem sign-in codes only (redeemSignInCode), and this many a
 * minute from one client address: a training room's phones behind one router sign in at once,
 * and a code's 160 random bits are out of reach of guessing anyway; the limit keeps a flood off
 * the database.
 */
export const REDEEMS_PER_MINUTE = 60;
let redeems: RateLimiterAbstract | undefined;

export async function consumeRedeemsOrThrow(context: Context): Promise<void> {
  if (!redeems) {
    const options = {
      points: REDEEMS_PER_MINUTE,
      duration: 60,
      keyPrefix: `toandan:${namespace}:rate:redeem`,
    };
    const redis = redisCommands();
    redeems = redis
      ? new RateLimiterRedis({
          ...options,
          storeClient: redis,
          insuranceLimiter: new RateLimiterMemory(options),
        })
      : new RateLimiterMemory(options);
  }
  const address = context.client.split(' · ')[0] ?? 'unknown';
  try {
    await redeems.consume(address, 1);
  } catch (refusal) {
    if (!(refusal instanceof RateLimiterRes)) throw refusal;
    const retryAfterSeconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
    throw new GraphQLError(
      `This address may redeem ${REDEEMS_PER_MINUTE} sign-in codes a minute; try again in ${retryAfterSeconds} s.`,
      {
        extensions: {
          code: 'RATE_LIMITED',
          limit: REDEEMS_PER_MINUTE,
          retryAfterSeconds,
          http: { status: 429, headers: { 'retry-after': String(retryAfterSeconds) } },
        },
      },
    );
  }
}

export const consumeSubmissionsOrThrow = (context: Context, count: number) =>
  consumeOrThrow('submissions', context, count);

export const consumeCostOrThrow = (context: Pick<Context, 'auth'>, cost: number) =>
  consumeOrThrow('cost', context, cost);

/** Whether the holder's queries are counted against a cost budget. */
export const costIsLimited = (context: Context) =>
  context.auth !== null && limited.cost.includes(context.auth.role);
