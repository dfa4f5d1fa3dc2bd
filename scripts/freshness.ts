import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export interface Inputs {
  /** Files and directories, relative to the repository's root. */
  paths: string[];
  /** Files under those directories that the step does not read. */
  skip?: RegExp;
  /** Anything else the output depends on, by name (a tool's version). */
  also?: Record<string, string>;
}

export interface Freshness {
  /** Why the output must be made again, or null when it matches its inputs. */
  stale: string | null;
  /** Remembers the inputs the output was just made from. */
  record(): void;
}

const NEVER_INPUTS = new Set(['node_modules', 'dist', 'generated']);

/**
 * Compares a step's inputs, file by file, with those its output was last made from (a
 * digest of each, kept in `stampFile` beside the output): contents, not times, so that a
 * checkout or a copy that leaves every file as it was rebuilds nothing.
 */
export function freshness(stampFile: string, inputs: Inputs): Freshness {
  const digests: Record<string, string> = { ...inputs.also };
  const visit = (path: string) => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path).sort()) if (!NEVER_INPUTS.has(entry)) visit(join(path, entry));
      return;
    }
    const name = relative(repoRoot, path);
    if (inputs.skip?.test(name)) return;
    digests[name] = createHash('sha256').update(readFileSync(path)).digest('base64url').slice(0, 22);
  };
  for (const path of inputs.paths) visit(join(repoRoot, path));

  let stale: string | null = 'no earlier build recorded';
  if (existsSync(stampFile)) {
    const before = JSON.parse(readFileSync(stampFile, 'utf8')) as Record<string, string>;
    const changed = [...new Set([...Object.keys(before), ...Object.keys(digests)])].filter(
      (name) => before[name] !== digests[name],
    );
    stale = changed.length ? describeChanges(changed) : null;
  }
  return {
    stale,
    record() {
      mkdirSync(dirname(stampFile), { recursive: true });
      writeFileSync(stampFile, `${JSON.stringify(digests, null, 1)}\n`);
    },
  };
}

function describeChanges(changed: string[]): string {
  const named = changed.slice(0, 3).join(', ');
  const more = changed.length > 3 ? ` and ${changed.length - 3} more` : '';
  return `${named}${more} changed`;
}

export function secondsSince(started: number): string {
  return `${((Date.now() - started) / 1000).toFixed(1)} s`;
}
