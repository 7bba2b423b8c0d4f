import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pino } from "pino";
import { createBot } from "../../src/bot/create-bot.js";
import { createUpdateInbox } from "../../src/transports/inbox.js";
import { startPolling } from "../../src/transports/polling.js";
import { startBotApiServer } from "../support/bot-api-server.js";
import { createSeededApp } from "../support/database.js";
import { testDeps } from "../support/bot.js";
import { htmlToText, TEST_TOKEN, textUpdate } from "../support/telegram.js";

describe("long polling against a local Bot API server", () => {
  let app: Awaited<ReturnType<typeof createSeededApp>>;
  let server: Awaited<ReturnType<typeof startBotApiServer>>;
  const log = pino({ level: "silent" });

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
  it("an update recorded by a process that died before handling it is handled after the restart; handled ones never twice", async () => {
    // The dead process recorded two updates (so Telegram was told they arrived), handled one.
    const dead = createUpdateInbox({ repo: app.repos.processedUpdates, log });
    const lost = textUpdate("/help", { chatId: 21, userId: 21 });
    const handled = textUpdate("/latest", { chatId: 22, userId: 22 });
    expect(await dead.accept([lost, handled])).toHaveLength(2);
    await dead.done(handled.update_id);

    const earlier = server.sent().length; // the test above's replies
    const sent = () => server.sent().slice(earlier);
    const bot = createBot(testDeps(app), { token: TEST_TOKEN, client: { apiRoot: server.apiRoot } });
    const inbox = createUpdateInbox({ repo: app.repos.processedUpdates, log, singleProcess: true });
    const polling = await startPolling(bot, log, { inbox });
    try {
      // Telegram sends the handled one again (its offset was not confirmed), and a new one.
      const fresh = textUpdate("/help", { chatId: 23, userId: 23 });
      server.push(handled, fresh);
      await waitFor(() => new Set(sent().map((c) => Number(c.payload.chat_id))).size >= 2);
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      await polling.stop();
    }
    const chats = sent().map((c) => Number(c.payload.chat_id)).sort();
    expect(chats).toEqual([21, 23]);
    // Nothing is left to recover.
    expect(await app.repos.processedUpdates.claimUnhandled({ limit: 10, leaseMs: 1000, orReceivedBefore: new Date(Date.now() + 60_000) })).toEqual([]);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 15_000) {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}
