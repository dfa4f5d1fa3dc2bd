import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshness, secondsSince } from '../../scripts/freshness.ts';

const web = fileURLToPath(new URL('..', import.meta.url));

/** What the built app (web/dist) is made of: the app, the domain rules it bundles, the versions of everything. */
function builtApp() {
  return freshness(join(web, 'dist', '.inputs.json'), {
    paths: [
      'web/src',
      'web/public',
      'web/index.html',
      'web/vite.config.ts',
      'web/package.json',
      'web/tsconfig.json',
      'shared/src',
      'shared/package.json',
      'pnpm-lock.yaml',
    ],
    // Tests are not bundled.
    skip: /\.test\.tsx?$|^web\/src\/test\//,
  });
}

/** Why web/dist must be built again, or null when it was built from the sources as they are. */
export function webBuildStaleness(): string | null {
  return builtApp().stale;
}

/**
 * Builds web/dist when it is missing or was built from other sources, and says why (on
 * stderr); otherwise does nothing. Vite runs as its own process, in production mode whatever
 * NODE_ENV the caller has (Vitest's `test` would bundle React's development build).
 */
export function buildWebIfStale(): void {
  const app = builtApp();
  if (!app.stale) return;
  const started = Date.now();
  console.error(`building the web app (${app.stale})`);
  const vite = join(
    dirname(createRequire(join(web, 'package.json')).resolve('vite/package.json')),
    'bin',
    'vite.js',
  );
  const built = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: web,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (built.status !== 0) {
    // With the signal that stopped Vite, if one did: Ctrl-C is a stop (scripts/start.ts).
    throw Object.assign(new Error(`vite build failed (${built.signal ?? `exit code ${built.status}`})`), {
      signal: built.signal,
    });
  }
  app.record();
  console.error(`built the web app in ${secondsSince(started)}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) buildWebIfStale();
