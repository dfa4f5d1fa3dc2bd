import { chmodSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { DatabaseUnavailableError, reason } from './dataDirLock.ts';

const PRIVATE_DIR = 0o700;
const PRIVATE_FILE = 0o600;

/**
 * The embedded database, its secrets and its lock are for their owner's eyes only. PGlite
 * writes the files of a new database from its packed image with their mode set to 666,
 * whatever the umask, and older versions of this server left them so: every entry open to the
 * group or others is made private (directories 700, files 600). Files PGlite creates later
 * follow the process's umask, which this tightens too. Returns how many entries it changed.
 */
export function keepDataDirPrivateOrThrow(dataDir: string): { files: number; directories: number } {
  // Only the main thread may set the process's umask (a worker's files follow it too).
  if (isMainThread) process.umask(process.umask() | 0o077);
  const changed = { files: 0, directories: 0 };
  const visit = (path: string) => {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return;
    const directory = stat.isDirectory();
    if (stat.mode & 0o077) {
      try {
        chmodSync(path, directory ? PRIVATE_DIR : PRIVATE_FILE);
      } catch (error) {
        throw new DatabaseUnavailableError(
          `DATA_DIR ${dataDir} must be readable by its owner only, and ${path} cannot be made so: ${reason(error)}`,
        );
      }
      changed[directory ? 'directories' : 'files']++;
    }
    if (directory) for (const entry of readdirSync(path)) visit(join(path, entry));
  };
  visit(dataDir);
  return changed;
}

/** The same, saying so in one line when it changed anything. */
export function keepDataDirPrivateAndSayOrThrow(dataDir: string): void {
  const { files, directories } = keepDataDirPrivateOrThrow(dataDir);
  if (files + directories === 0) return;
  // stderr: `TOKEN=$(pnpm -s token …)` keeps only the token.
  console.error(
    `DATA_DIR ${dataDir}: made ${count(files, 'file')} and ${count(directories, 'directory', 'directories')} readable by their owner only (they were open to the group or others)`,
  );
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
