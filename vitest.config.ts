import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', './test/setup/summaryReporter.ts'],
    projects: [
      {
        test: { name: 'unit', include: ['shared/src/**/*.test.ts', 'server/src/**/*.test.ts'] },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          // Each test file gets its own fresh database (test/setup/database.ts).
          setupFiles: ['test/setup/database.ts'],
          pool: 'forks',
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
