import { databaseEnvSchema, parseEnv } from '@toandan/db/env';
import { z } from 'zod';

const perMinute = (fallback: number) =>
  z.coerce
    .number('must be a whole number')
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .default(fallback);

/** An origin as browsers send it: scheme, host and port, nothing after. */
const ORIGIN = /^https?:\/\/[^/?#\s,]+$/;

/**
 * Every variable the README's "Configuration" table documents, and nothing else
 * (test/env.test.ts holds the two to each other). The database package's own variables come
 * from its schema (prisma/src/env.ts), which its commands check without the server.
 */
export const envSchema = databaseEnvSchema.extend({
  PORT: z.coerce
    .number('must be a port number (0 to 65535)')
    .int('must be a port number (0 to 65535)')
    .min(0, 'must be a port number (0 to 65535)')
    .max(65_535, 'must be a port number (0 to 65535)')
    .default(4000),
  HOST: z.string().trim().default('0.0.0.0'),
  REDIS_URL: z
    .string()
    .trim()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .refine((value) => URL.canParse(value), 'is not a valid URL')
    .optional(),
  CORS_ORIGINS: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .refine(
      (origins) => origins.every((origin) => ORIGIN.test(origin)),
      'must be origins separated by commas, such as https://bang.example.vn,http://localhost:5173',
    )
    .default([]),
  TRUST_PROXY: z
    .enum(['1', 'true', '0', 'false'], 'must be 1, true, 0 or false')
    .optional()
    .transform((value) => value === '1' || value === 'true'),
  /** The bearer secret that opens /metrics to other hosts and through a proxy (README, "Metrics"). */
  METRICS_TOKEN: z.string().min(32, 'must be 32 characters or more').optional(),
  RATE_LIMIT_SUBMISSIONS_PER_MINUTE: perMinute(1_000),
  RATE_LIMIT_COST_PER_MINUTE: perMinute(300_000),
  LIVE_COALESCE_MS: z.coerce
    .number('must be a number of milliseconds from 10 to 5000')
    .int('must be a number of milliseconds from 10 to 5000')
    .min(10, 'must be a number of milliseconds from 10 to 5000')
    .max(5_000, 'must be a number of milliseconds from 10 to 5000')
    .default(100),
  /**
   * Months after an imported cover ends that it is kept (README, "Personal data"): a person who
   * lapsed longer ago than this is signed up anew, and their record from BHXH's list is erased.
   */
  COVERAGE_RETENTION_MONTHS: z.coerce
    .number('must be a whole number of months from 4 to 120')
    .int('must be a whole number of months from 4 to 120')
    .min(4, 'must be a whole number of months from 4 to 120')
    .max(120, 'must be a whole number of months from 4 to 120')
    .default(24),
  LOG_LEVEL: z
    .enum(
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      'must be one of fatal, error, warn, info, debug, trace, silent',
    )
    .default('info'),
  /** Unset: readable lines on a terminal, JSON lines otherwise (log.ts). */
  LOG_FORMAT: z.enum(['json', 'pretty'], 'must be json or pretty').optional(),
  NODE_ENV: z.string().trim().optional(),
});

export type Env = z.infer<typeof envSchema>;

/**
 * Reads the environment; a wrong value stops the process with one line per problem, before
 * anything connects.
 */
function readEnvOrExit(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = parseEnv(envSchema, source);
  if (parsed.ok) return parsed.env;
  for (const problem of parsed.problems) console.error(`error: ${problem}`);
  process.exit(1);
}

/** The server's settings, read once when first imported. */
export const env: Env = readEnvOrExit();
