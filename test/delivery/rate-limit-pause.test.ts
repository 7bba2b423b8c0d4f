/** A 429 pauses the whole worker for retry_after, and a reply's 429 pauses the broadcast too. */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/create-bot.js";
import { testDeps } from "../support/bot.js";
import { createSeededApp } from "../support/database.js";
import { answers, createFakeTelegram, deliveryService, publishArticle, resetDeliveryTables, subscribeChats, testWorker, waitUntilDrained } from "../support/fake-broadcast.js";
import { createRecordingApi, TEST_BOT_INFO, TEST_TOKEN, textUpdate } from "../support/telegram.js";

describe("rate limits for the whole bot", () => {
  let app: Awaited<ReturnType<typeof createSeededApp>>;
  const stops: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    app = await createSeededApp("pglite");
  });
  afterAll(() => app.database.close());
  beforeEach(() => resetDeliveryTables(app));
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
  });

  it("after a 429 the worker starts no send to any chat until retry_after has passed, then sends everyone once", async () => {
    const chats = await subscribeChats(app, 12, ["europe"], 9300);
    const telegram = createFakeTelegram({ answer: (chatId, nth) => (chatId === chats[2] && nth === 1 ? answers.tooManyRequests(1) : undefined) });
    await deliveryService(app).enqueueArticle(await publishArticle(app, ["europe"]));
    const worker = testWorker(app, telegram, { rate: 20, concurrency: 1 });
    stops.push(() => worker.stop());
    worker.start();
    await waitUntilDrained(app);
    const limited = telegram.sends.find((s) => s.code === 429)!;
    const after = telegram.sends.filter((s) => s.at > limited.at);
    expect(after.length).toBeGreaterThan(0);
    // Lower bound only: on a slow machine the gap is longer, never shorter.
    for (const send of after) expect(send.at - limited.at).toBeGreaterThanOrEqual(990);
    expect(Object.fromEntries(telegram.delivered())).toEqual(Object.fromEntries(chats.map((c) => [c, 1])));
  });

  it("a reply that gets a 429 tells the process, which pauses its worker as long", async () => {
    const pauses: number[] = [];
    let first = true;
    const api = createRecordingApi({
      respond: (call) => {
        if (call.method !== "sendMessage" || !first) return undefined;
        first = false;
        return { ok: false, error_code: 429, description: "Too Many Requests: retry after 3", parameters: { retry_after: 3 } };
      },
    });
    const bot = createBot(testDeps(app), { token: TEST_TOKEN, botInfo: TEST_BOT_INFO, client: { fetch: api.fetch }, autoRetry: false, onRateLimited: (ms) => pauses.push(ms) });
    await bot.handleUpdate(textUpdate("/help", { userId: 9400 }));
    expect(pauses).toEqual([3000]);
  });
});
