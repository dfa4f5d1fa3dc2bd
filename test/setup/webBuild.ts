import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = fileURLToPath(new URL('../../web/', import.meta.url));
const shared = fileURLToPath(new URL('../../shared/src/', import.meta.url));
const builtIndex = join(web, 'dist', 'index.html');

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestChange(join(path, entry)));
  }
  return newest;
}

/** True when web/dist is missing or older than anything it is built from. */
export function webBuildIsStale(): boolean {
  if (!existsSync(builtIndex)) return true;
  const built = statSync(builtIndex).mtimeMs;
  const sources = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json'].map((name) =>
    join(web, name),
  );
  return [...sources, shared].some((source) => existsSync(source) && newestChange(source) > built);
}

/**
 * Vitest's global setup for the integration tests: the browser tests open the app as the
 * server serves it from web/dist, so build it once, before any test file starts a server, when
 * it is missing or older than its sources (a second or two with Vite).
 */
export default async function buildWebIfStale(): Promise<void> {
  if (!webBuildIsStale()) return;
  const { build } = await import('vite');
  // Vitest runs with NODE_ENV=test, which would make Vite bundle React's development build
  // (and leave import.meta.env.DEV true): build what `pnpm start` serves.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root: web, configFile: join(web, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
