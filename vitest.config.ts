import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Stops the PostgreSQL server that the other files use: `npm test` runs it alone, afterwards,
    // with vitest.restart.config.ts.
    exclude: [...configDefaults.exclude, "test/reliability/pg-restart.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    // PGlite instances are heavy (hundreds of MB); two workers fit the 2-core machines we run on.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
