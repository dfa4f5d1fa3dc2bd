import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// graphql 16 ships ESM (module field) and CJS (main): Vite would pick the first for our source
// while Node gives Yoga and Pothos the second, and graphql refuses types from "another realm".
const graphqlAsNodeResolvesIt = createRequire(new URL('./server/package.json', import.meta.url)).resolve(
  'graphql',
);

export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlAsNodeResolvesIt }] },
  test: {
    reporters: ['default', './test/setup/summaryReporter.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['shared/src/**/*.test.ts', 'server/src/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          // Each test file gets its own fresh database (test/setup/database.ts).
          setupFiles: ['test/setup/database.ts', 'test/setup/captureLogs.ts'],
          pool: 'forks',
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
