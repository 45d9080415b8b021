import { defineConfig } from 'vitest/config';

// One vitest run covers every package; each package is a project so `--project api` narrows it.
// `source` resolves workspace packages to their TypeScript sources, so tests never need a build first.
const shared = {
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
};

export default defineConfig({
  test: {
    projects: [
      { ...shared, test: { name: 'core', root: 'packages/core', include: ['src/**/*.test.ts'] } },
      { ...shared, test: { name: 'plugins', root: 'packages/plugins', include: ['src/**/*.test.ts'] } },
      {
        ...shared,
        test: {
          name: 'api',
          root: 'packages/api',
          include: ['src/**/*.test.ts'],
          globalSetup: ['src/test-support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        ...shared,
        test: { name: 'repo', root: '.', include: ['scripts/**/*.test.ts', 'tests/**/*.test.ts'] },
      },
      {
        ...shared,
        test: {
          name: 'e2e',
          root: 'packages/api',
          include: ['src/**/*.e2e.ts'],
          globalSetup: ['src/test-support/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
