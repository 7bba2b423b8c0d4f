import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pino } from "pino";
import { createBot } from "../../src/bot/create-bot.js";
import { startPolling } from "../../src/transports/polling.js";
import { startBotApiServer } from "../support/bot-api-server.js";
import { createSeededApp } from "../support/database.js";
import { testDeps } from "../support/bot.js";
import { htmlToText, TEST_TOKEN, textUpdate } from "../support/telegram.js";

describe("long polling against a local Bot API server", () => {
  let app: Awaited<ReturnType<typeof createSeededApp>>;
  let server: Awaited<ReturnType<typeof startBotApiServer>>;

  beforeAll(async () => {
    app = await createSeededApp("pglite");
    server = await startBotApiServer();
  });
  afterAll(async () => {
    await server?.close();
    await app?.database.close();
  });

  it("deletes any webhook, polls, answers, and confirms updates with the offset", async () => {
    const bot = createBot(testDeps(app), { token: TEST_TOKEN, client: { apiRoot: server.apiRoot } });
    const polling = await startPolling(bot, pino({ level: "silent" }));
    try {
      server.push(textUpdate("/latest", { chatId: 11, userId: 11 }), textUpdate("/help", { chatId: 12, userId: 12 }));
      await waitFor(() => server.sent().length >= 2);
      const methods = server.calls.map((c) => c.method);
      expect(methods.indexOf("deleteWebhook")).toBeLessThan(methods.indexOf("getUpdates"));
      expect(server.calls.every((c) => c.token === TEST_TOKEN)).toBe(true);
      const byChat = new Map(server.sent().map((c) => [Number(c.payload.chat_id), htmlToText(String(c.payload.text))]));
      expect(byChat.get(11)).toContain("Le plan de paix");
      expect(byChat.get(12)).toContain("/latest —");
    } finally {
      await polling.stop();
    }
    // After stopping, the last poll confirmed what was handled: nothing is handled twice on restart.
    const lastOffset = Math.max(...server.calls.filter((c) => c.method === "getUpdates").map((c) => Number(c.payload.offset ?? 0)));
    expect(lastOffset).toBeGreaterThan(0);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 15_000) {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}
