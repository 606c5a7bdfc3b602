import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      // the statistical engine checks replay thousands of seeded runs: slow on a busy 2-core machine
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration',
          globalSetup: ['tests/support/prepare-content-once.ts'],
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          globalSetup: ['tests/support/prepare-content-once.ts'],
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 90_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
