import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** A failure a person can act on: printed as one line, without a stack trace. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
  /** Marks a failure the person running the command can act on (see cli/run.ts). */
  readonly actionable = true;
}

const LOCK_FILE = 'toandan.lock';

/**
 * PGlite is one process's database: a second process opening the same directory would corrupt
 * it. The lock file holds the owner's pid; a lock whose process is gone is stale and taken over.
 */
export function lockDataDirOrThrow(dataDir: string): () => void {
  try {
    mkdirSync(dataDir, { recursive: true });
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
      const owner = Number(readFileSync(lockPath, 'utf8'));
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

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function reason(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  return code ?? message;
}
