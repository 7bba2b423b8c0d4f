/** A 429 pauses the whole worker for retry_after, and a reply's 429 pauses the broadcast too. */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/create-bot.js";
import { createSendMeter, isMessageMethod } from "../../src/delivery/send-meter.js";
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

  it("near Telegram's global cap, a 429 stops every send until retry_after has passed; everyone gets one copy", async () => {
    const chats = await subscribeChats(app, 16, ["europe"], 9300);
    const telegram = createFakeTelegram({ answer: (chatId, nth) => (chatId === chats[10] && nth === 1 ? answers.tooManyRequests(1) : undefined) });
    await deliveryService(app).enqueueArticle(await publishArticle(app, ["europe"]));
    // A cap of 6/s (3 for this process): the worker is near it when the 429 comes (the eleventh send).
    const worker = testWorker(app, telegram, { rate: 20, concurrency: 1, telegramCap: 6 });
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

  it("far below the cap, a 429 is that chat's: only its row waits, the others go on", async () => {
    const chats = await subscribeChats(app, 16, ["europe"], 9500);
    const telegram = createFakeTelegram({ answer: (chatId, nth) => (chatId === chats[2] && nth === 1 ? answers.tooManyRequests(5) : undefined) });
    await deliveryService(app).enqueueArticle(await publishArticle(app, ["europe"]));
    const worker = testWorker(app, telegram, { rate: 20, concurrency: 1 });
    stops.push(() => worker.stop());
    worker.start();
    await waitUntilDrained(app);
    const limited = telegram.sends.find((s) => s.code === 429)!;
    const retry = telegram.sends.find((s) => s.chatId === chats[2] && s.ok)!;
    // Every other chat was sent before the limited chat's retry (due 5 s after its 429), whatever
    // the order the rows were claimed in, and the sending went on right after the 429.
    const others = telegram.sends.filter((s) => s.ok && chats.includes(s.chatId) && s.chatId !== chats[2]);
    expect(others).toHaveLength(15);
    expect(others.every((s) => s.at < retry.at)).toBe(true);
    expect(others.some((s) => s.at > limited.at)).toBe(true);
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

  it("replies and the broadcast share Telegram's cap: while the bot's replies fill the last second, the worker waits", async () => {
    const meter = createSendMeter();
    const api = createRecordingApi();
    let lastReplyAt = 0;
    const sendMeter = {
      ...meter,
      note(chatId?: number | string) {
        meter.note(chatId);
        lastReplyAt = Date.now();
      },
    };
    const bot = createBot(testDeps(app), { token: TEST_TOKEN, botInfo: TEST_BOT_INFO, client: { fetch: api.fetch }, autoRetry: false, floodLimit: false, sendMeter });
    const chats = await subscribeChats(app, 3, ["europe"], 9600);
    await deliveryService(app).enqueueArticle(await publishArticle(app, ["europe"]));
    // A cap of 6/s leaves the worker 3 a second for the whole process: five replies take all of it.
    for (let user = 0; user < 5; user++) await bot.handleUpdate(textUpdate("/help", { userId: 9700 + user }));
    expect(meter.perSecond()).toBe(5);
    const telegram = createFakeTelegram();
    const worker = testWorker(app, telegram, { rate: 20, concurrency: 1, telegramCap: 6, meter });
    stops.push(() => worker.stop());
    worker.start();
    await waitUntilDrained(app);
    // Lower bound only: the first broadcast message waits for the replies' second to pass.
    const first = Math.min(...telegram.sends.map((s) => s.at));
    expect(first - lastReplyAt).toBeGreaterThanOrEqual(950);
    expect(Object.fromEntries(telegram.delivered())).toEqual(Object.fromEntries(chats.map((c) => [c, 1])));
  });

  it("counts messages, not every call: getUpdates, button answers and chat actions are not Telegram's message cap", () => {
    expect(["sendMessage", "sendDocument", "editMessageText", "copyMessage", "forwardMessages"].every(isMessageMethod)).toBe(true);
    expect(["getUpdates", "answerCallbackQuery", "sendChatAction", "getChatMember", "setMyCommands"].some(isMessageMethod)).toBe(false);
  });

  it("tells a chat's 1 message/s from the bot's cap: a second message to a chat within a second makes it busy", () => {
    let clock = 0;
    const meter = createSendMeter(() => clock);
    meter.note(1);
    expect(meter.chatWasBusy(1)).toBe(false);
    clock = 400;
    meter.note(1);
    meter.note(2);
    expect(meter.chatWasBusy(1)).toBe(true);
    expect(meter.chatWasBusy(2)).toBe(false);
    clock = 1600;
    meter.note(1);
    expect(meter.chatWasBusy(1)).toBe(false);
    expect(meter.chatWasBusy(undefined)).toBe(false);
  });
});
