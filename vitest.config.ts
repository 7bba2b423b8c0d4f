import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Stops the PostgreSQL server, and postgres.js 3.4.9 crashes when that happens (upstream bug):
    // run it alone with `npx vitest run --config vitest.restart.config.ts`, not in `npm test`.
    exclude: [...configDefaults.exclude, "test/reliability/pg-restart.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    // PGlite instances are heavy (hundreds of MB); two workers fit the 2-core machines we run on.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
