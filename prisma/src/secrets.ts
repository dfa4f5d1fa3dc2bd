import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ActionableError } from './actionableError.ts';
import { databaseConfigFromEnv } from './config.ts';
import { databaseEnvOrThrow } from './env.ts';

export class MissingSecretError extends ActionableError {
  override name = 'MissingSecretError';
}

interface StoredSecrets {
  tokenSecret?: string;
  personalDataKey?: string;
}

const SECRETS = {
  tokenSecret: {
    variable: 'TOKEN_SECRET',
    rule: '32 characters or more',
    generate: () => randomBytes(32).toString('base64url'),
  },
  personalDataKey: {
    variable: 'PERSONAL_DATA_KEY',
    rule: '32 random bytes in base64, e.g. openssl rand -base64 32',
    generate: () => randomBytes(32).toString('base64'),
  },
} as const;

/**
 * A secret from its environment variable when set. On the embedded database the first start
 * generates the secrets and keeps them with the data (DATA_DIR/secrets.json, readable by its
 * owner only), so they survive restarts and go wherever the data goes; a file from an older
 * version gains the secrets it lacks. On PostgreSQL they must be given: instances share them.
 */
function secretOrThrow(name: keyof typeof SECRETS, env: NodeJS.ProcessEnv): string {
  const secret = SECRETS[name];
  // Checked by the package's env.ts: a malformed one throws there, naming it.
  const given = databaseEnvOrThrow(env)[secret.variable];
  if (given) return given;
  const config = databaseConfigFromEnv(env);
  if (config.kind === 'postgres') {
    throw new MissingSecretError(`${secret.variable} must be set (${secret.rule}) when DATABASE_URL is set`);
  }
  const file = join(config.dataDir, 'secrets.json');
  const stored = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as StoredSecrets) : {};
  const value = stored[name];
  if (value) return value;
  const completed: StoredSecrets = { ...stored };
  for (const key of Object.keys(SECRETS) as (keyof typeof SECRETS)[])
    completed[key] ??= SECRETS[key].generate();
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  // Written whole beside it, then renamed over it: a reader sees the old file or the new one.
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(completed), { mode: 0o600 });
  renameSync(temporary, file);
  return completed[name] as string;
}

/** The token-signing secret (TOKEN_SECRET). */
export function tokenSecretOrThrow(env: NodeJS.ProcessEnv = process.env): Uint8Array {
  return new TextEncoder().encode(secretOrThrow('tokenSecret', env));
}

/** The key that seals citizen IDs and names and keys their hashes (PERSONAL_DATA_KEY). */
export function personalDataKeyOrThrow(env: NodeJS.ProcessEnv = process.env): Buffer {
  return Buffer.from(secretOrThrow('personalDataKey', env), 'base64');
}
