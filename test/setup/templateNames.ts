import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The databases a test file may start from (databaseTemplates.ts), named on a line of its own
 * in the file: `// @testDatabase <name>`. Without one a file starts migrated and empty.
 * - `none`: a new database, not migrated (the migrations' own test);
 * - `migrated`: migrated and empty;
 * - `demo`: migrated, with the demo dataset as of the run's start (what `pnpm start` loads);
 *   on a run that crosses midnight in Viet Nam the file starts migrated and loads its own;
 * - `demo@<instant>`: the demo dataset as of that instant, for files that pin the day.
 */
export const TEMPLATES = ['migrated', 'demo', 'demo@2026-11-22T03:00:00Z'] as const;
export type TemplateName = (typeof TEMPLATES)[number];

export interface DatabaseTemplates {
  /** Each template's PGlite directory, or its PostgreSQL database's name. */
  where: Record<TemplateName, string>;
  /** The instant the demo templates were loaded as of. */
  demoAt: Record<TemplateName, string | null>;
  /** The file each template's builder writes when it ends: `<marker>.ready` or `<marker>.failed`. */
  marker: Record<TemplateName, string>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseTemplates: DatabaseTemplates;
  }
}

export function demoInstant(name: TemplateName, runStart: Date): string | null {
  if (name === 'migrated') return null;
  return name === 'demo' ? runStart.toISOString() : name.slice('demo@'.length);
}

export function markerOf(run: string, name: TemplateName): string {
  return join(tmpdir(), `toandan-template-${run}-${name.replace(/[^a-z0-9-]/gi, '_')}`);
}

/** What the file at `path` names in its `@testDatabase` line, if anything. */
export function templateNamedBy(path: string): TemplateName | 'none' | undefined {
  const named = /^\/\/ @testDatabase (\S+)$/m.exec(readFileSync(path, 'utf8'))?.[1];
  if (named === undefined) return undefined;
  if (named === 'none' || (TEMPLATES as readonly string[]).includes(named))
    return named as TemplateName | 'none';
  throw new Error(`${path}: @testDatabase ${named} is none of none, ${TEMPLATES.join(', ')}`);
}

/**
 * The secrets of the test run: the templates are built with those its files use, since the
 * demo's personal data is sealed with the key.
 */
export function testSecrets(): { TOKEN_SECRET: string; PERSONAL_DATA_KEY: string } {
  return {
    TOKEN_SECRET: process.env.TOKEN_SECRET ?? 'test-only-secret-0123456789abcdefghijklmnop',
    PERSONAL_DATA_KEY: process.env.PERSONAL_DATA_KEY ?? Buffer.alloc(32, 7).toString('base64'),
  };
}
