import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Generates the Prisma client and the Pothos types, and skips the work when neither the schema
// nor the Prisma version changed, so that `pnpm start` and `pnpm test` stay quick.
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const prismaVersion = (require('prisma/package.json') as { version: string }).version;
const stampFile = join(root, 'generated', '.schema-digest');
const generatedDir = join(root, 'generated');
const digest = createHash('sha256')
  .update(readFileSync(join(root, 'schema.prisma')))
  .update(prismaVersion)
  .digest('hex');

if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === digest) process.exit(0);

execFileSync(process.execPath, [require.resolve('prisma/build/index.js'), 'generate'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: {
    ...process.env,
    // `generate` looks for the native schema engine before it starts, but never runs it
    // (TOOLCHAIN.md): any existing file satisfies the look-up.
    PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
  },
});
mkdirSync(generatedDir, { recursive: true });
writeFileSync(stampFile, digest);
