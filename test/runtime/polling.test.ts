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
    // Chat 801's first answer is held until the other chats are fully answered: that only happens when
    // chats run in parallel, and 801's later messages must still wait for it (per-chat order).
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    server = await startBotApiServer({
      latencyFor: (call) => (call.payload.chat_id === 801 && String(call.payload.text).includes("/first") ? gate : 0),
    });
    const { bot } = botFor(server.apiRoot);
    polling = await startPolling(bot, captureLogs().log, { timeoutSeconds: 1 });
    expect(server.calls.map((c) => c.method).slice(0, 2)).toEqual(["getMe", "deleteWebhook"]);

    const chats = [801, 802, 803];
    const words = ["first", "second", "third", "fourth"];
    // Interleaved like real traffic: one message of each chat, then the next round.
    for (const word of words) server.push(...chats.map((userId) => textUpdate(`/${word}`, { userId })));

    await expect.poll(() => server!.sent().filter((c) => c.payload.chat_id !== 801).length, { timeout: 10_000 }).toBe(8);
    expect(server.sent().filter((c) => c.payload.chat_id === 801)).toHaveLength(1); // only the held first one
    release();
    await expect.poll(() => server!.sent().length, { timeout: 10_000 }).toBe(chats.length * words.length);
    for (const chat of chats) {
      const texts = server.sent().filter((c) => c.payload.chat_id === chat).map((c) => String(c.payload.text));
      expect(texts.map((t) => /\/(\w+)/.exec(t)?.[1])).toEqual(words);
    }
  });

  it("stops without losing or repeating updates: in-flight ones finish and are confirmed", async () => {
    // Every answer is held until released, so the updates are surely in flight when stop() is called.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    server = await startBotApiServer({ latencyFor: () => gate });
    const first = botFor(server.apiRoot);
    polling = await startPolling(first.bot, captureLogs().log, { timeoutSeconds: 1 });
    const batch = [901, 902, 903, 904, 905].map((userId) => textUpdate("/help", { userId }));
    server.push(...batch);
    await expect.poll(() => server!.sent().length, { timeout: 10_000 }).toBe(5);
    expect(polling.inFlight).toBe(5);

    let stopped = false;
    const stopping = polling.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stopped).toBe(false); // still waiting for the handlers
    release();
    await stopping;
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

  it("reports a poller that Telegram refuses for good (another instance polls with the same token)", async () => {
    server = await startBotApiServer({
      respond: (call) =>
        call.method === "getUpdates"
          ? { status: 409, body: { ok: false, error_code: 409, description: "Conflict: terminated by other getUpdates request" } }
          : undefined,
    });
    const logs = captureLogs();
    polling = await startPolling(botFor(server.apiRoot).bot, logs.log, { timeoutSeconds: 1 });
    const error = (await polling.finished) as { error_code?: number };
    expect(error.error_code).toBe(409);
    expect(logs.lines().some((l) => l.level === 60 && String(l.msg).startsWith("Polling stopped after an unrecoverable error"))).toBe(true);
  });
});
