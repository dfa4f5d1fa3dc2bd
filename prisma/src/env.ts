import { z } from 'zod';
import { ActionableError } from './actionableError.ts';

const poolSize = (fallback: number) =>
  z.coerce
    .number('must be a whole number of connections')
    .int('must be a whole number of connections')
    .min(1, 'must be at least 1')
    .max(1_000, 'must be at most 1000')
    .default(fallback);

/**
 * The variables of the database package (README, "Configuration"), checked here because
 * `pnpm db:migrate`, `pnpm db:seed` and the token command open the database without the
 * server; the server's env.ts extends this schema, so that a start reports every problem at
 * once.
 */
export const databaseEnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL')
    .refine((value) => URL.canParse(value), 'is not a valid URL')
    .optional(),
  DATA_DIR: z.string().trim().default('./data'),
  DATABASE_POOL_SIZE: poolSize(10),
  DATABASE_HOT_POOL_SIZE: poolSize(6),
  TOKEN_SECRET: z.string().min(32, 'must be 32 characters or more').optional(),
  PERSONAL_DATA_KEY: z
    .string()
    .refine(
      (value) => Buffer.from(value, 'base64').length === 32,
      'must be 32 random bytes in base64, e.g. openssl rand -base64 32',
    )
    .optional(),
});

export type DatabaseEnv = z.infer<typeof databaseEnvSchema>;

export class InvalidSettingError extends ActionableError {
  override name = 'InvalidSettingError';
}

/** `VARIABLE message`, one line a problem; blank variables count as unset. */
export function parseEnv<Schema extends z.ZodType>(
  schema: Schema,
  source: NodeJS.ProcessEnv,
): { ok: true; env: z.infer<Schema> } | { ok: false; problems: string[] } {
  const blankAsUnset = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const parsed = schema.safeParse(blankAsUnset);
  if (parsed.success) return { ok: true, env: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`),
  };
}

/** The database package's settings; a wrong one throws an actionable error naming it. */
export function databaseEnvOrThrow(source: NodeJS.ProcessEnv = process.env): DatabaseEnv {
  const parsed = parseEnv(databaseEnvSchema, source);
  if (!parsed.ok) throw new InvalidSettingError(parsed.problems.join('; '));
  return parsed.env;
}
