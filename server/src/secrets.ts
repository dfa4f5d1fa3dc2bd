import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { databaseConfigFromEnv } from '@toandan/db/config';

export class MissingSecretError extends Error {
  override name = 'MissingSecretError';
  readonly actionable = true;
}

interface StoredSecrets {
  tokenSecret: string;
}

/**
 * The token-signing secret: `TOKEN_SECRET` when set. On the embedded database the first start
 * generates one and keeps it with the data (DATA_DIR/secrets.json, readable by its owner only),
 * so tokens survive restarts. On PostgreSQL it must be given: instances must share it.
 */
export function tokenSecretOrThrow(env: NodeJS.ProcessEnv = process.env): Uint8Array {
  if (env.TOKEN_SECRET) return new TextEncoder().encode(env.TOKEN_SECRET);
  const config = databaseConfigFromEnv(env);
  if (config.kind === 'postgres') {
    throw new MissingSecretError('TOKEN_SECRET must be set (32 characters or more) when DATABASE_URL is set');
  }
  const file = join(config.dataDir, 'secrets.json');
  if (!existsSync(file)) {
    mkdirSync(config.dataDir, { recursive: true });
    const fresh: StoredSecrets = { tokenSecret: randomBytes(32).toString('base64url') };
    try {
      writeFileSync(file, JSON.stringify(fresh), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process made it first: its secret is the one to use.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const { tokenSecret } = JSON.parse(readFileSync(file, 'utf8')) as StoredSecrets;
  return new TextEncoder().encode(tokenSecret);
}
