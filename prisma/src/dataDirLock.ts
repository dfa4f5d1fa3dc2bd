import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { ActionableError } from './actionableError.ts';

export class DatabaseUnavailableError extends ActionableError {
  override name = 'DatabaseUnavailableError';
}

export const LOCK_FILE = 'toandan.lock';

/**
 * PGlite is one process's database: a second process opening the same directory would corrupt
 * it. The lock file holds the owner's pid on its first line and, once the owner serves, the URL
 * of its GraphQL endpoint on the second: a command that needs the data (pnpm -s token) asks that
 * server instead, on whatever port it listens. A lock whose process is gone is stale and taken over.
 */
export function lockDataDirOrThrow(dataDir: string): () => void {
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    if (!statSync(dataDir).isDirectory()) throw new Error('not a directory');
  } catch (error) {
    throw new DatabaseUnavailableError(
      `DATA_DIR ${dataDir} cannot be used as a data directory: ${reason(error)}`,
    );
  }
  const lockPath = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new DatabaseUnavailableError(`DATA_DIR ${dataDir} is not writable: ${reason(error)}`);
      }
      const { pid: owner } = readLock(lockPath);
      if (owner !== process.pid && isRunning(owner)) {
        throw new DatabaseUnavailableError(
          `DATA_DIR ${dataDir} is in use by another running instance (pid ${owner}); stop it, or set DATA_DIR to another directory`,
        );
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new DatabaseUnavailableError(`DATA_DIR ${dataDir}: could not take the lock ${lockPath}`);
}

/** Called by the lock's owner once it listens: where its GraphQL endpoint answers. */
export function recordServerUrl(dataDir: string, graphqlUrl: string): void {
  const lockPath = join(dataDir, LOCK_FILE);
  // Written whole beside it, then renamed over it: a reader sees the old lock or the new one.
  const temporary = `${lockPath}.${process.pid}.tmp`;
  writeFileSync(temporary, `${process.pid}\n${graphqlUrl}\n`, { mode: 0o600 });
  renameSync(temporary, lockPath);
}

/** The GraphQL endpoint of the running server that holds DATA_DIR, if one does and serves. */
export function runningServerUrl(dataDir: string): string | null {
  let lock: { pid: number; url: string | null };
  try {
    lock = readLock(join(dataDir, LOCK_FILE));
  } catch {
    return null;
  }
  return lock.pid !== process.pid && isRunning(lock.pid) ? lock.url : null;
}

/** The running process that holds DATA_DIR (another one than this), and where it serves if it does. */
export function dataDirHolder(dataDir: string): { pid: number; url: string | null } | null {
  try {
    const lock = readLock(join(dataDir, LOCK_FILE));
    return lock.pid !== process.pid && isRunning(lock.pid) ? lock : null;
  } catch {
    return null;
  }
}

function readLock(lockPath: string): { pid: number; url: string | null } {
  const [pid, url] = readFileSync(lockPath, 'utf8').split('\n');
  return { pid: Number(pid), url: url?.trim() || null };
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function reason(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  return code ?? message;
}
