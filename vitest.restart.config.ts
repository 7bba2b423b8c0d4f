import { defineConfig } from "vitest/config";

/**
 * The test that stops and starts the PostgreSQL server, run on its own after the main run
 * (`npm test`): no other database test may run while the server is down.
 */
export default defineConfig({
  test: {
    include: ["test/e2e/pg-restart.test.ts"],
    // No globalSetup: the PGlite snapshot it builds is for PGlite tests, and this one uses the server.
    maxWorkers: 1,
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
