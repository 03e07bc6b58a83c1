import { defineConfig } from 'vitest/config';

// Two projects: fast pure-logic tests beside the code, and integration tests against the real stack.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          // Unit tests first, then the integration project (which needs the stack).
          sequence: { groupOrder: 0 },
          include: ['**/src/**/*.test.ts', 'stack/src/**/*.test.ts', 'bench/**/*.test.ts', 'deploy/**/*.test.ts'],
          exclude: ['**/node_modules/**', 'test/integration/**'],
        },
      },
      {
        test: {
          name: 'integration',
          sequence: { groupOrder: 1 },
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          // Files share one real stack; each uses its own index/topic names, so they may run in parallel,
          // but two cores are plenty for two at a time.
          maxWorkers: 2,
          fileParallelism: true,
        },
      },
    ],
  },
});
