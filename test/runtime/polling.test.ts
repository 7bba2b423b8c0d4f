import { afterEach, beforeAll, afterAll, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/create-bot.js";
import { startPolling, type PollingHandle } from "../../src/transports/polling.js";
import { testDeps } from "../support/bot.js";
import { startBotApiServer } from "../support/bot-api-server.js";
import { createSeededApp } from "../support/database.js";
import { captureLogs } from "../support/logs.js";
import { TEST_TOKEN, textUpdate } from "../support/telegram.js";

/** The polling path end to end: runner → local Bot API server → the real bot over PGlite. */
describe("polling through the runner", () => {
  let app: Awaited<ReturnType<typeof createSeededApp>>;
  let server: Awaited<ReturnType<typeof startBotApiServer>> | undefined;
  let polling: PollingHandle | undefined;

  beforeAll(async () => {
    app = await createSeededApp("pglite");
  });
  afterAll(async () => {
    await app.database.close();
  });
  afterEach(async () => {
    await polling?.stop();
    await server?.close();
    polling = undefined;
    server = undefined;
  });

  function botFor(apiRoot: string) {
    const logs = captureLogs();
    // No botInfo: the bot asks the server's getMe, like in production.
    const bot = createBot({ ...testDeps(app), log: logs.log }, { token: TEST_TOKEN, client: { apiRoot }, autoRetry: false });
    return { bot, logs };
  }

  it("answers every chat, in order within each chat, while chats run in parallel", async () => {
    // Chat 801's first answer is slow: without per-chat sequencing its later messages would overtake it,
    // and without parallel chats the other chats would wait behind it.
    server = await startBotApiServer({
      latencyFor: (call) => (call.payload.chat_id === 801 && String(call.payload.text).includes("/first") ? 300 : 5),
    });
    const { bot } = botFor(server.apiRoot);
    polling = await startPolling(bot, captureLogs().log, { timeoutSeconds: 1 });
    expect(server.calls.map((c) => c.method).slice(0, 2)).toEqual(["getMe", "deleteWebhook"]);

    const chats = [801, 802, 803];
    const words = ["first", "second", "third", "fourth"];
    // Interleaved like real traffic: one message of each chat, then the next round.
    for (const word of words) server.push(...chats.map((userId) => textUpdate(`/${word}`, { userId })));

    await expect.poll(() => server!.sent().length, { timeout: 10_000 }).toBe(chats.length * words.length);
    for (const chat of chats) {
      const texts = server.sent().filter((c) => c.payload.chat_id === chat).map((c) => String(c.payload.text));
      expect(texts.map((t) => /\/(\w+)/.exec(t)?.[1])).toEqual(words);
    }
    // Parallel across chats: chats 802 and 803 were fully answered before chat 801 got past its slow first message.
    const order = server.sent().map((c) => `${String(c.payload.chat_id)}${/\/(\w+)/.exec(String(c.payload.text))?.[1]}`);
    const slowChatSecond = order.indexOf("801second");
    for (const chat of [802, 803]) expect(order.lastIndexOf(`${chat}fourth`)).toBeLessThan(slowChatSecond);
  });

  it("stops without losing or repeating updates: in-flight ones finish and are confirmed", async () => {
    server = await startBotApiServer({ latencyMs: 200 });
    const first = botFor(server.apiRoot);
    polling = await startPolling(first.bot, captureLogs().log, { timeoutSeconds: 1 });
    const batch = [901, 902, 903, 904, 905].map((userId) => textUpdate("/help", { userId }));
    server.push(...batch);
    await expect.poll(() => polling!.inFlight, { timeout: 10_000 }).toBeGreaterThan(0);

    await polling.stop();
    expect(polling.inFlight).toBe(0);
    expect(new Set(server.sent().map((c) => c.payload.chat_id))).toEqual(new Set([901, 902, 903, 904, 905]));
    const lastGetUpdates = server.calls.filter((c) => c.method === "getUpdates").at(-1)!;
    expect(lastGetUpdates.payload.offset).toBe(batch.at(-1)!.update_id + 1);

    // Updates that arrive while stopped wait at Telegram; the next start handles them, and only them.
    const later = textUpdate("/help", { userId: 906 });
    server.push(later);
    const sentBefore = server.sent().length;
    polling = await startPolling(botFor(server.apiRoot).bot, captureLogs().log, { timeoutSeconds: 1 });
    await expect.poll(() => server!.sent().length, { timeout: 10_000 }).toBe(sentBefore + 1);
    await polling.stop();
    expect(server.sent().map((c) => c.payload.chat_id).slice(sentBefore)).toEqual([906]);
  });
});
