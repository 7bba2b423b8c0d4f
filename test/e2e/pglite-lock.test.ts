import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBotApiServer } from "../support/bot-api-server.js";
import { killAll, startBotProcess } from "../support/bot-process.js";

/** Two bots on one PGlite DATA_DIR: the second exits at once; after a kill -9 the next one starts. */
describe("one bot per PGlite data directory", () => {
  let server: Awaited<ReturnType<typeof startBotApiServer>>;
  const dataDir = mkdtempSync(join(tmpdir(), "newsbot-e2e-lock-"));

  beforeAll(async () => {
    server = await startBotApiServer({ latencyMs: 1 });
  });
  afterAll(async () => {
    await killAll();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("refuses the second process with a clear message, and takes over after the first is killed", async () => {
    const env = { DATA_DIR: dataDir, DATABASE_URL: undefined };
    const first = startBotProcess(server.apiRoot, env);
    await first.ready();
    const second = startBotProcess(server.apiRoot, env);
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/data directory is in use by another bot process \(pid \d+/);
    expect(first.child.exitCode).toBeNull();

    first.child.kill("SIGKILL");
    await first.exited;
    const third = startBotProcess(server.apiRoot, env);
    await third.ready();
    third.child.kill("SIGTERM");
    expect(await third.exited).toBe(0);
  });
});
