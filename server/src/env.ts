import { z } from 'zod';

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().default('./data'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
  TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  LIVE_COALESCE_MS: z.coerce.number().int().min(10).max(5_000).optional(),
  /** The bearer secret that opens /metrics to other hosts and through a proxy (README, "Metrics"). */
  METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  TRUST_PROXY: z
    .enum(['1', 'true', '0', 'false'], 'must be 1, true, 0 or false')
    .optional()
    .transform((value) => value === '1' || value === 'true'),
});

export type Env = z.infer<typeof schema>;

/** Reads the environment once; a wrong value stops the process with one line per problem. */
export function readEnvOrExit(source: NodeJS.ProcessEnv = process.env): Env {
  const blankAsUnset = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const parsed = schema.safeParse(blankAsUnset);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) console.error(`error: ${issue.path.join('.')} ${issue.message}`);
  process.exit(1);
}
