import { configDefaults, defineConfig } from "vitest/config";

/**
 * `npm run test:e2e`: real bot processes against the real PostgreSQL (kill -9, two processes, a
 * feed fetcher killed mid-poll), one file at a time so their timings do not disturb each other.
 * The PostgreSQL restart test runs afterwards on its own (vitest.restart.config.ts).
 */
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.test.ts"],
    exclude: [...configDefaults.exclude, "test/e2e/pg-restart.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
