import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Real processes, kill -9 and the PostgreSQL restart run in `npm run test:e2e`.
    exclude: [...configDefaults.exclude, "test/e2e/**"],
    globalSetup: ["test/support/global-setup.ts"],
    // PGlite instances are heavy (hundreds of MB); two workers fit the 2-core machines we run on.
    maxWorkers: 2,
    // Test files share a worker's module cache: the app's module graph (language tools, lexicons,
    // PGlite) is imported once per worker instead of once per file, which was half the suite's
    // time. Files own their state: each opens its own database and restores timers and mocks.
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
