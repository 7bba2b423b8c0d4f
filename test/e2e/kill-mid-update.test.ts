import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBotApiServer } from "../support/bot-api-server.js";
import { killAll, startBotProcess } from "../support/bot-process.js";
import { textUpdate } from "../support/telegram.js";

/**
 * kill -9 while an update is being handled (its reply in flight, its offset already confirmed to
 * Telegram by the next poll): after the restart the update is handled, once.
 */
describe("an update being handled at a kill -9", () => {
  let server: Awaited<ReturnType<typeof startBotApiServer>>;
  const dataDir = mkdtempSync(join(tmpdir(), "newsbot-e2e-inbox-"));
  let hangFirstReply = true;

  beforeAll(async () => {
    server = await startBotApiServer({
      // The first reply to chat 31 never comes back: the handler is in flight when the bot dies.
      latencyFor: (call) => (Number(call.payload.chat_id) === 31 && hangFirstReply ? ((hangFirstReply = false), new Promise(() => {})) : 0),
    });
  });
  afterAll(async () => {
    await killAll();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("is handled after the restart, and only once", async () => {
    const env = { DATA_DIR: dataDir, DATABASE_URL: undefined, FLOOD_LIMIT: "0" };
    const first = startBotProcess(server.apiRoot, env);
    await first.ready();
    server.push(textUpdate("/help", { chatId: 31, userId: 31 }));
    const replies = () => server.sent().filter((c) => Number(c.payload.chat_id) === 31);
    while (replies().length === 0) await new Promise((r) => setTimeout(r, 20));
    // The runner has polled again since (its offset confirmed the update) before the kill.
    const polls = () => server.calls.filter((c) => c.method === "getUpdates" && Number(c.payload.offset ?? 0) > 0).length;
    while (polls() === 0) await new Promise((r) => setTimeout(r, 20));
    first.child.kill("SIGKILL");
    await first.exited;

    const second = startBotProcess(server.apiRoot, env);
    await second.ready();
    const deadline = Date.now() + 30_000;
    while (server.delivered().filter((c) => Number(c.payload.chat_id) === 31).length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    await new Promise((r) => setTimeout(r, 1000));
    expect(server.delivered().filter((c) => Number(c.payload.chat_id) === 31)).toHaveLength(1);
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  });
});
