import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshness, secondsSince } from '../../scripts/freshness.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/**
 * Generates the Prisma client and the Pothos types when the schema or the Prisma version
 * changed since they were last generated, and says why; otherwise does nothing, so that
 * `pnpm start`, `pnpm test` and `pnpm -s token` stay quick. Messages go to stderr.
 */
export function generateClientIfStale(): void {
  const client = freshness(join(root, 'generated', '.inputs.json'), {
    paths: ['prisma/schema.prisma', 'prisma/prisma.config.ts'],
    also: { prisma: (require('prisma/package.json') as { version: string }).version },
  });
  if (!client.stale) return;
  const started = Date.now();
  execFileSync(process.execPath, [require.resolve('prisma/build/index.js'), 'generate'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      // The Pothos generator is a command of this package (pnpm puts them on PATH for its scripts).
      PATH: `${join(root, 'node_modules', '.bin')}${delimiter}${process.env.PATH ?? ''}`,
      // `generate` looks for the native schema engine before it starts, but never runs it
      // (TOOLCHAIN.md): any existing file satisfies the look-up.
      PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
    },
  });
  client.record();
  console.error(`generated the Prisma client in ${secondsSince(started)} (${client.stale})`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) generateClientIfStale();
