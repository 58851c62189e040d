import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    globalSetup: ['tests/helpers/global-setup.ts'],
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: { name: 'main', include: ['tests/**/*.test.ts'], exclude: ['tests/stress/**'], testTimeout: 30_000, hookTimeout: 60_000 },
      },
      {
        // slow tests with real processes (crash, concurrency, shutdown) and large inputs: only `npm run test:stress`; `npm test` runs `main`
        extends: true,
        test: {
          name: 'stress',
          include: ['tests/stress/**/*.test.ts'],
          testTimeout: 240_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
