/**
 * The bot's fetch: 429s waited out once, even inside the /post conversation whose contexts are
 * replayed; messages paced under the process's cap.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Update } from "grammy/types";
import { createBot } from "../../src/bot/create-bot.js";
import { createBotFetch } from "../../src/bot/bot-fetch.js";
import { createSendMeter } from "../../src/delivery/send-meter.js";
import { testDeps } from "../support/bot.js";
import { createSeededApp } from "../support/database.js";
import { callbackUpdate, createRecordingApi, htmlToText, TEST_BOT_INFO, TEST_TOKEN, textUpdate } from "../support/telegram.js";

const ADMIN = 100;
const admin = { userId: ADMIN };
const ARTICLE = ["Envoys meet in Geneva", "The delegations discussed the ceasefire on Monday. More at https://example.com/geneva-talks today."].join("\n");
const tooManyRequests = (seconds: number) => ({ ok: false, error_code: 429, description: `Too Many Requests: retry after ${seconds}`, parameters: { retry_after: seconds } });

describe("a 429 inside the /post conversation", () => {
  let app: Awaited<ReturnType<typeof createSeededApp>>;
  beforeAll(async () => {
    app = await createSeededApp("pglite");
  });
  afterAll(() => app.database.close());

  it("is waited out once and the admin goes on; replaying the conversation does not wait again", async () => {
    const published: number[] = [];
    const sleeps: number[] = [];
    let limitNext = false;
    const api = createRecordingApi({
      respond: (call) => {
        if (!limitNext || call.method !== "sendMessage") return undefined;
        limitNext = false;
        return tooManyRequests(2);
      },
    });
    const deps = testDeps(app, { adminIds: [ADMIN], broadcast: async (id) => (published.push(id), 1) });
    const bot = createBot(deps, {
      token: TEST_TOKEN,
      botInfo: TEST_BOT_INFO,
      client: { fetch: api.fetch },
      floodLimit: false,
      sleep: async (ms) => void sleeps.push(ms),
    });
    const send = (update: Update) => bot.handleUpdate(update);

    // The conversation's first message, its prompt, gets a 429.
    limitNext = true;
    await send(textUpdate("/post", admin));
    expect(sleeps).toEqual([2000]);
    const prompts = api.texts().map(htmlToText);
    expect(prompts).toHaveLength(2);
    expect(prompts.every((text) => text.includes("Send me the article"))).toBe(true);
    expect(api.calls.filter((c) => c.method === "sendMessage").length).toBe(2);

    // The next update replays the conversation from its log: no second wait, no second prompt.
    api.clear();
    await send(textUpdate(ARTICLE, admin));
    expect(sleeps).toEqual([2000]);
    expect(api.texts().map(htmlToText).join("\n")).toContain("Preview");
    expect(api.texts().map(htmlToText).join("\n")).not.toContain("Sorry");

    // A 429 on the publish answer too: published once, and the admin is told so.
    api.clear();
    limitNext = true;
    await send(callbackUpdate("post:publish", admin));
    expect(published).toHaveLength(1);
    expect(sleeps).toEqual([2000, 2000]);
    expect(api.texts().map(htmlToText).join("\n")).not.toContain("Sorry");
  });
});

describe("the bot's fetch", () => {
  const url = (method: string) => `https://api.telegram.org/bot${TEST_TOKEN}/${method}`;
  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  const body = (chatId: number) => ({ method: "POST", body: JSON.stringify({ chat_id: chatId, text: "hi" }) });

  it("waits out a 429 and calls again, at most the allowed attempts; a 5xx is handed back for auto-retry", async () => {
    const sleeps: number[] = [];
    const limited: [number, number | string | undefined][] = [];
    let calls = 0;
    const answers = [() => json(tooManyRequests(2), 429), () => json(tooManyRequests(1), 429), () => json({ ok: true, result: { message_id: 1 } })];
    const fetch = createBotFetch({ fetch: async () => answers[calls++]!(), onRateLimited: (ms, chat) => limited.push([ms, chat]), sleep: async (ms) => void sleeps.push(ms) });
    expect((await fetch(url("sendMessage"), body(5))).status).toBe(200);
    expect(sleeps).toEqual([2000, 1000]);
    expect(limited).toEqual([
      [2000, 5],
      [1000, 5],
    ]);

    let always = 0;
    const stubborn = createBotFetch({ fetch: async () => (always++, json(tooManyRequests(1), 429)), maxAttempts: 3, sleep: async () => undefined });
    expect((await stubborn(url("sendMessage"), body(5))).status).toBe(429);
    expect(always).toBe(3);

    let errors = 0;
    const failing = createBotFetch({ fetch: async () => (errors++, json({ ok: false, error_code: 500 }, 500)), sleep: async () => undefined });
    expect((await failing(url("sendMessage"), body(5))).status).toBe(500);
    expect(errors).toBe(1);
  });

  it("does not repeat an upload (its body is read once) or a 429 asking for longer than allowed", async () => {
    let uploads = 0;
    const upload = createBotFetch({ fetch: async () => (uploads++, json(tooManyRequests(1), 429)), sleep: async () => undefined });
    const stream = new ReadableStream({ start: (controller) => controller.close() });
    expect((await upload(url("sendDocument"), { method: "POST", body: stream, duplex: "half" } as RequestInit)).status).toBe(429);
    expect(uploads).toBe(1);

    const limited: number[] = [];
    const long = createBotFetch({ fetch: async () => json(tooManyRequests(3600), 429), onRateLimited: (ms) => limited.push(ms), sleep: async () => undefined });
    expect((await long(url("sendMessage"), body(5))).status).toBe(429);
    expect(limited).toEqual([3_600_000]);
  });

  it("never lets the process send more messages in a second than the cap; the rest wait their turn", async () => {
    let clock = 0;
    const meter = createSendMeter(() => clock);
    const sentAt: number[] = [];
    const fetch = createBotFetch({
      fetch: async (input) => {
        if (String(input).endsWith("/sendMessage")) sentAt.push(clock);
        return json({ ok: true, result: true });
      },
      meter,
      cap: 3,
      // Time passes only while someone waits: it jumps to the waiter's wake-up time.
      sleep: async (ms) => {
        const until = clock + ms;
        await Promise.resolve();
        clock = Math.max(clock, until);
      },
    });
    // Ten replies at once and calls that are not messages, which the cap does not count.
    await Promise.all([...Array.from({ length: 10 }, (_, i) => fetch(url("sendMessage"), body(i))), fetch(url("answerCallbackQuery"), { method: "POST", body: "{}" })]);
    expect(sentAt).toHaveLength(10);
    for (const at of sentAt) expect(sentAt.filter((other) => other >= at && other < at + 1000).length).toBeLessThanOrEqual(3);
    // Pacing, not dropping: the tenth waited three full seconds.
    expect(Math.max(...sentAt)).toBeGreaterThanOrEqual(3000);
    expect(meter.chatWasBusy(9)).toBe(false);
  });
});
