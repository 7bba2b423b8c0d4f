import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/create-bot.js";
import { startPolling } from "../../src/transports/polling.js";
import { testDeps } from "../support/bot.js";
import { startBotApiServer } from "../support/bot-api-server.js";
import { createSeededApp } from "../support/database.js";
import { captureLogs } from "../support/logs.js";
import { createRecordingApi, TEST_BOT_INFO, TEST_TOKEN, textUpdate } from "../support/telegram.js";

describe("errors", () => {
  let app: Awaited<ReturnType<typeof createSeededApp>>;
  beforeAll(async () => {
    app = await createSeededApp("pglite");
  });
  afterAll(async () => {
    await app.database.close();
  });

  it("logs our bug, Telegram's refusal and a network failure distinctly, and keeps answering", async () => {
    const logs = captureLogs();
    const recording = createRecordingApi({
      respond: (call) =>
        call.method === "sendMessage" && call.payload.chat_id === 22
          ? { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" }
          : undefined,
    });
    const fetch: typeof globalThis.fetch = async (input, init) => {
      if (String(input).endsWith("/sendMessage") && String(init?.body).includes('"chat_id":23')) throw new TypeError("fetch failed");
      return recording.fetch(input, init);
    };
    let failNext = true;
    const deps = testDeps(app);
    const bot = createBot(
      {
        ...deps,
        log: logs.log,
        news: {
          ...deps.news,
          latest: async (...args: Parameters<typeof deps.news.latest>) => {
            if (failNext) {
              failNext = false;
              throw new Error("boom in latest");
            }
            return deps.news.latest(...args);
          },
        },
      },
      { token: TEST_TOKEN, botInfo: TEST_BOT_INFO, client: { fetch }, autoRetry: false },
    );

    await bot.handleUpdate(textUpdate("/latest", { userId: 21 }));
    await bot.handleUpdate(textUpdate("/help", { userId: 22 }));
    await bot.handleUpdate(textUpdate("/help", { userId: 23 }));
    await bot.handleUpdate(textUpdate("/latest", { userId: 21 }));

    const errors = logs.lines().filter((l) => l.level !== undefined && Number(l.level) >= 40);
    const bug = errors.find((l) => l.msg === "Update handler failed")!;
    expect(bug.level).toBe(50);
    expect((bug.err as { message: string }).message).toBe("boom in latest");
    const refused = errors.find((l) => l.msg === "Telegram refused a call")!;
    expect(refused).toMatchObject({ method: "sendMessage", code: 403, chatId: 22 });
    const network = errors.find((l) => l.msg === "Could not reach Telegram")!;
    expect(network).toMatchObject({ chatId: 23 });

    // One log line per update, each saying whether its handler succeeded.
    expect(logs.lines().filter((l) => l.msg === "update").map((l) => [l.chatId, l.command, l.ok])).toEqual([
      [21, "latest", false],
      [22, "help", false],
      [23, "help", false],
      [21, "latest", true],
    ]);

    // The failed /latest got an apology; the next one worked.
    const to21 = recording.of("sendMessage").filter((c) => c.payload.chat_id === 21).map((c) => String(c.payload.text));
    expect(to21[0]).toBe("Sorry, something went wrong on my side. Please try again in a moment.");
    expect(to21[1]).toContain("Latest news");
  });

  it("a failing update does not stop polling", async () => {
    const server = await startBotApiServer();
    const deps = testDeps(app);
    const bot = createBot(
      { ...deps, log: captureLogs().log, isAdmin: async (id) => (id === 31 ? Promise.reject(new Error("admin lookup down")) : false) },
      { token: TEST_TOKEN, client: { apiRoot: server.apiRoot }, autoRetry: false },
    );
    const polling = await startPolling(bot, captureLogs().log, { timeoutSeconds: 1 });
    try {
      server.push(textUpdate("/help", { userId: 31 }), textUpdate("/help", { userId: 32 }));
      await expect.poll(() => server.sent().length, { timeout: 10_000 }).toBe(2);
      server.push(textUpdate("/help", { userId: 31, languageCode: "fr" }), textUpdate("/help", { userId: 33 }));
      await expect.poll(() => server.sent().length, { timeout: 10_000 }).toBe(4);
      const sent = server.sent().map((c) => [c.payload.chat_id, String(c.payload.text).split("\n")[0]]);
      expect(sent).toContainEqual([32, "<b>Commands</b>"]);
      expect(sent).toContainEqual([33, "<b>Commands</b>"]);
      expect(sent.filter(([chat]) => chat === 31).map(([, text]) => text)).toEqual([
        "Sorry, something went wrong on my side. Please try again in a moment.",
        "Désolé, un problème est survenu de mon côté. Réessayez dans un instant.",
      ]);
    } finally {
      await polling.stop();
      await server.close();
    }
  });
});
