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
        test: {
          name: 'unit',
          include: ['shared/src/**/*.test.ts', 'server/src/**/*.test.ts', 'web/scripts/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          // The web app's components, rendered in happy-dom (no server, no browser).
          name: 'web',
          include: ['web/src/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          setupFiles: ['web/src/test/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          // Each test file gets its own database (test/setup/database.ts), a copy of one of the
          // run's templates, built once beside the web build (test/setup/databaseTemplates.ts).
          setupFiles: ['test/setup/database.ts', 'test/setup/captureLogs.ts'],
          // The browser tests open the built app, which the server serves from web/dist.
          globalSetup: ['test/setup/databaseTemplates.ts', 'test/setup/webBuild.ts'],
          pool: 'forks',
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
