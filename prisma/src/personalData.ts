import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomFillSync } from 'node:crypto';
import { personalDataKeyOrThrow } from './secrets.ts';

/**
 * Citizen IDs and names at rest. Each value is sealed with AES-256-GCM under a key derived from
 * PERSONAL_DATA_KEY, with a fresh 96-bit nonce: `v1.<nonce>.<ciphertext and tag>` (base64url).
 * What must be found or compared (one person, one scheme, one campaign; a submission's
 * content) is a keyed hash (HMAC-SHA256) under a second derived key, so no index holds, and no
 * lookup needs, the raw value, and the hashes cannot be reversed by trying every citizen ID
 * without the key.
 */
export interface PersonalData {
  seal(plain: string): string;
  open(sealed: string): string;
  keyedHash(value: string): string;
}

const VERSION = 'v1';

/**
 * Random bytes from the system's generator, drawn 4 KiB at a time: one system call serves a
 * hundred submissions' nonces and ids instead of one each.
 */
const pool = Buffer.alloc(4096);
let poolUsed = pool.length;
export function randomBytesFromPool(length: number): Buffer {
  if (poolUsed + length > pool.length) {
    randomFillSync(pool);
    poolUsed = 0;
  }
  const bytes = Buffer.from(pool.subarray(poolUsed, poolUsed + length));
  // What was handed out is never handed out again.
  pool.fill(0, poolUsed, poolUsed + length);
  poolUsed += length;
  return bytes;
}

export function personalDataWith(master: Buffer): PersonalData {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
  const sealKey = derive('toandan personal data seal v1');
  const hashKey = derive('toandan personal data keyed hash v1');
  return {
    seal(plain) {
      const nonce = randomBytesFromPool(12);
      const cipher = createCipheriv('aes-256-gcm', sealKey, nonce);
      const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return `${VERSION}.${nonce.toString('base64url')}.${sealed.toString('base64url')}`;
    },
    open(value) {
      const [version, nonce, sealed] = value.split('.');
      if (version !== VERSION || !nonce || !sealed) throw new Error('not a sealed value');
      const bytes = Buffer.from(sealed, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', sealKey, Buffer.from(nonce, 'base64url'));
      decipher.setAuthTag(bytes.subarray(bytes.length - 16));
      return Buffer.concat([
        decipher.update(bytes.subarray(0, bytes.length - 16)),
        decipher.final(),
      ]).toString('utf8');
    },
    keyedHash: (value) => createHmac('sha256', hashKey).update(value, 'utf8').digest('hex'),
  };
}

let current: PersonalData | null = null;

/** This process's sealing, from PERSONAL_DATA_KEY or the embedded database's secrets. */
export function personalData(): PersonalData {
  current ??= personalDataWith(personalDataKeyOrThrow());
  return current;
}
