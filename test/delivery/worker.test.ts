import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { BACKENDS, createSeededApp } from "../support/database.js";
import {
  answers,
  createFakeTelegram,
  deliveryService,
  isGroupId,
  publishArticle,
  resetDeliveryTables,
  subscribeChats,
  testWorker,
  waitUntilDrained,
} from "../support/fake-broadcast.js";
import { pino } from "pino";
import { createDeliveryRenderer } from "../../src/bot/delivery-renderer.js";
import { createI18n } from "../../src/bot/i18n.js";
import { createDeliveryApi } from "../../src/delivery/api.js";
import { createDeliveryWorker } from "../../src/delivery/worker.js";
import { htmlToText, TEST_TOKEN } from "../support/telegram.js";

type App = Awaited<ReturnType<typeof createSeededApp>>;

describe.each(BACKENDS)("delivery worker (%s)", (backend) => {
  let app: App;
  const stops: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    app = await createSeededApp(backend);
  });
  afterAll(() => app.database.close());
  beforeEach(() => resetDeliveryTables(app));
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
  });

  it("sends every subscriber exactly one message through delays, 429, 403 and 5xx, and deactivates blocked chats", async () => {
    const chats = await subscribeChats(app, 24, ["ukraine", "usa"]);
    const [blocked, limited, flaky, gone] = [chats[0]!, chats[4]!, chats[7]!, chats[10]!];
    const telegram = createFakeTelegram({
      latencyMs: () => Math.floor(Math.random() * 15),
      answer: (chatId, nth) => {
        if (chatId === blocked) return answers.blocked();
        if (chatId === gone) return answers.chatNotFound();
        if (chatId === limited && nth === 1) return answers.tooManyRequests(1);
        if (chatId === flaky && nth === 1) return answers.badGateway();
        return undefined;
      },
    });
    const first = await publishArticle(app, ["ukraine"]);
    // Subscribed to both topics of the article: still one delivery per chat.
    const second = await publishArticle(app, ["ukraine", "usa"]);
    const delivery = deliveryService(app);
    expect(await delivery.enqueueArticle(first)).toBe(24);
    expect(await delivery.enqueueArticle(second)).toBe(24);

    const worker = testWorker(app, telegram, { rate: 100 });
    stops.push(() => worker.stop());
    worker.start();
    await waitUntilDrained(app);

    const delivered = telegram.delivered();
    for (const chatId of chats) {
      expect(delivered.get(chatId) ?? 0, `chat ${chatId}`).toBe(chatId === blocked || chatId === gone ? 0 : 2);
    }
    // auto-retry waited out the 429 and the 502 in place: one extra call each, nothing duplicated.
    expect(telegram.sends.filter((s) => s.chatId === limited).map((s) => s.code ?? 200)).toEqual([429, 200, 200]);
    expect(telegram.sends.filter((s) => s.chatId === flaky).map((s) => s.code ?? 200)).toEqual([502, 200, 200]);

    // The blocked chat was tried once: it is now inactive and its other delivery was cancelled.
    expect(telegram.sends.filter((s) => s.chatId === blocked)).toHaveLength(1);
    expect((await app.repos.chats.get(blocked))?.active).toBe(false);
    expect((await app.repos.chats.get(gone))?.active).toBe(false);
    expect(await app.repos.deliveries.countByStatus()).toEqual({ pending: 0, sent: 44, failed: 0, cancelled: 4, held: 0, digested: 0 });
    const rows = await app.repos.deliveries.ofArticle(first);
    expect(rows.find((r) => r.chatId === blocked)).toMatchObject({ status: "cancelled", error: expect.stringContaining("403") });
    expect(rows.filter((r) => r.status === "sent").every((r) => r.messageId! > 0)).toBe(true);

    // The message itself: bold title, summary, the original as a URL button and the three callbacks.
    const payload = telegram.sends.find((s) => s.ok)!.payload;
    expect(payload.parse_mode).toBe("HTML");
    expect(String(payload.text)).toMatch(/^<b>Test article /);
    const keyboard = (payload.reply_markup as { inline_keyboard: { text: string; url?: string; callback_data?: string }[][] }).inline_keyboard.flat();
    expect(keyboard[0]?.url).toMatch(/^https:\/\/example\.com\/news\//);
    expect(keyboard.map((b) => b.callback_data).filter(Boolean)).toEqual([
      expect.stringMatching(/^a:src:\d+$/),
      expect.stringMatching(/^a:who:\d+$/),
      expect.stringMatching(/^a:full:\d+$/),
    ]);
    expect(payload.link_preview_options).toMatchObject({ url: keyboard[0]?.url });
    // …and the article's summary (the message is one of the two articles).
    const summaries = (await Promise.all([first, second].map((id) => app.news.byId(id)))).map((a) => a!.summary.slice(0, 40));
    expect(summaries.some((summary) => htmlToText(String(payload.text)).includes(summary))).toBe(true);
  });

  it("keeps the global rate, 1 message/s per chat and 20/min per group across articles published together", async () => {
    const chats = await subscribeChats(app, 9, ["russia"]);
    const telegram = createFakeTelegram({ latencyMs: () => 2 });
    const delivery = deliveryService(app);
    for (let i = 0; i < 3; i++) await delivery.enqueueArticle(await publishArticle(app, ["russia"]));

    // One send at a time, as these bounds were written for: with the default 8 in flight, a send
    // delayed between its paced start and the server (a busy machine) lands closer to the next.
    const worker = testWorker(app, telegram, { rate: 10, concurrency: 1, spacingMs: { private: 1000, group: 1500 } });
    stops.push(() => worker.stop());
    worker.start();
    await waitUntilDrained(app);

    for (const chatId of chats) expect(telegram.delivered().get(chatId)).toBe(3);
    // The worker paces sends about 103 ms apart (3% under the rate); a timer may fire a
    // millisecond early, hence the +1.
    expect(telegram.maxInWindow(1000)).toBeLessThanOrEqual(11);
    const gaps = telegram.minGapPerChat(isGroupId);
    expect(gaps.private).toBeGreaterThanOrEqual(1000);
    expect(gaps.group).toBeGreaterThanOrEqual(1500);
  });

  it("spaces group messages so that no group gets more than 20 in a minute (default spacing)", async () => {
    const group = (await subscribeChats(app, 3, ["nato"])).find(isGroupId)!;
    const delivery = deliveryService(app);
    for (let i = 0; i < 2; i++) await delivery.enqueueArticle(await publishArticle(app, ["nato"]));
    const telegram = createFakeTelegram();
    const worker = testWorker(app, telegram);
    stops.push(() => worker.stop());
    worker.start();
    await waitUntilDrained(app);
    const times = telegram.sends.filter((s) => s.chatId === group).map((s) => s.at);
    expect(times).toHaveLength(2);
    // 3.1 s apart: at most 20 messages in any 60 s window.
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(3100);
  });

  it("reschedules a 429 after retry_after when auto-retry is off, and fails a row after the attempt limit", async () => {
    const [limited, broken] = (await subscribeChats(app, 2, ["economy"])) as [number, number];
    const telegram = createFakeTelegram({
      answer: (chatId, nth) => {
        if (chatId === limited && nth === 1) return answers.tooManyRequests(1);
        if (chatId === broken) return answers.internal();
        return undefined;
      },
    });
    const article = await publishArticle(app, ["economy"]);
    await deliveryService(app).enqueueArticle(article);
    const worker = testWorker(app, telegram, { autoRetry: false, maxAttempts: 3 });
    stops.push(() => worker.stop());
    worker.start();
    await waitUntilDrained(app);

    const limitedCalls = telegram.sends.filter((s) => s.chatId === limited);
    expect(limitedCalls.map((s) => s.code ?? 200)).toEqual([429, 200]);
    expect(limitedCalls[1]!.at - limitedCalls[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(telegram.sends.filter((s) => s.chatId === broken)).toHaveLength(3);
    const rows = await app.repos.deliveries.ofArticle(article);
    expect(rows.find((r) => r.chatId === broken)).toMatchObject({ status: "failed", attempts: 3, error: "500: Internal Server Error" });
    expect(rows.find((r) => r.chatId === limited)).toMatchObject({ status: "sent" });
    // A failing chat stays active: only "blocked" and "chat not found" deactivate.
    expect((await app.repos.chats.get(broken))?.active).toBe(true);
  });

  it("renders the message once per article and language in a claim, not once per chat", async () => {
    const chats = await subscribeChats(app, 12, ["europe"]);
    await app.repos.chats.setLanguage(chats[0]!, "fr");
    await deliveryService(app).enqueueArticle(await publishArticle(app, ["europe"]));
    const rendered: string[] = [];
    const render = createDeliveryRenderer({ news: app.news, i18n: createI18n() });
    const telegram = createFakeTelegram();
    const worker = testWorker(app, telegram, {
      batchSize: 100,
      render: (articleId, chatId, locale) => {
        rendered.push(locale);
        return render(articleId, chatId, locale);
      },
    });
    stops.push(() => worker.stop());
    worker.start();
    await waitUntilDrained(app);
    expect(telegram.sends).toHaveLength(12);
    expect(rendered.sort()).toEqual(["en", "fr"]);
  });

  it("sends a 429'd message again through the queue, within the rate (no retry in place by default)", async () => {
    const chats = await subscribeChats(app, 14, ["europe"]);
    const limited = chats[1]!;
    const telegram = createFakeTelegram({ answer: (chatId, nth) => (chatId === limited && nth === 1 ? answers.tooManyRequests(1) : undefined) });
    await deliveryService(app).enqueueArticle(await publishArticle(app, ["europe"]));
    const worker = createDeliveryWorker({
      repos: app.repos,
      api: createDeliveryApi(TEST_TOKEN, { client: { fetch: telegram.fetch } }),
      render: createDeliveryRenderer({ news: app.news, i18n: createI18n() }),
      log: pino({ level: "silent" }),
      rate: 10,
      // One send at a time (the default before sending slots became at least 8): the window
      // bound below is measured at the server, after the client's own delays.
      concurrency: 1,
      idleMs: 50,
    });
    stops.push(() => worker.stop());
    worker.start();
    await waitUntilDrained(app);
    for (const chatId of chats) expect(telegram.delivered().get(chatId)).toBe(1);
    const calls = telegram.sends.filter((s) => s.chatId === limited);
    expect(calls.map((s) => s.code ?? 200)).toEqual([429, 200]);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(1000);
    // The second try counts against the rate like any other send.
    expect(telegram.maxInWindow(1000)).toBeLessThanOrEqual(10);
  });

  it("follows a group that became a supergroup: the row moves to the new id and is sent there once", async () => {
    const [group] = await subscribeChats(app, 3, ["europe"], 5000).then((ids) => ids.filter(isGroupId));
    const supergroup = -1_000_000_000_000 + group!;
    const telegram = createFakeTelegram({
      answer: (chatId) =>
        chatId === group
          ? { ok: false, error_code: 400, description: "Bad Request: group chat was upgraded to a supergroup chat", parameters: { migrate_to_chat_id: supergroup } }
          : undefined,
    });
    await deliveryService(app).enqueueArticle(await publishArticle(app, ["europe"]));
    const worker = testWorker(app, telegram);
    stops.push(() => worker.stop());
    worker.start();
    await waitUntilDrained(app);
    expect(telegram.delivered().get(group!) ?? 0).toBe(0);
    expect(telegram.delivered().get(supergroup)).toBe(1);
    // The subscriptions moved too: the next article goes to the supergroup directly.
    expect(await app.repos.subscriptions.topicIdsOf(supergroup)).toHaveLength(1);
  });

  it("sets allow_paid_broadcast when paid broadcasts are on", async () => {
    await subscribeChats(app, 2, ["europe"]);
    const telegram = createFakeTelegram();
    await deliveryService(app).enqueueArticle(await publishArticle(app, ["europe"]));
    const worker = testWorker(app, telegram, { paid: true });
    stops.push(() => worker.stop());
    worker.start();
    await waitUntilDrained(app);
    expect(telegram.sends.map((s) => s.payload.allow_paid_broadcast)).toEqual([true, true]);
  });

  it("completes what a killed worker left: expired leases are retried, recorded sends are not repeated", async () => {
    const chats = await subscribeChats(app, 12, ["military"]);
    const article = await publishArticle(app, ["military"]);
    await deliveryService(app).enqueueArticle(article);

    // The dead worker claimed everything, sent and recorded three messages, then died (no release).
    const claimedAt = Date.now();
    const claimed = await app.repos.deliveries.claim({ workerId: "dead", limit: 100, leaseMs: 800 });
    expect(claimed).toHaveLength(12);
    await app.repos.deliveries.markSentMany(
      claimed.slice(0, 3).map((row) => ({ id: row.id, chatId: row.chatId, messageId: 9000 + row.id, spacingMs: 1000 })),
    );
    const recorded = new Set(claimed.slice(0, 3).map((r) => r.chatId));

    const telegram = createFakeTelegram();
    const worker = testWorker(app, telegram);
    stops.push(() => worker.stop());
    worker.start();
    await waitUntilDrained(app);

    const delivered = telegram.delivered();
    for (const chatId of chats) expect(delivered.get(chatId) ?? 0).toBe(recorded.has(chatId) ? 0 : 1);
    // Nothing was sent while the dead worker's lease was still valid.
    // (The lease was stamped with the database clock after `claimedAt`; 20 ms allow for rounding.)
    expect(Math.min(...telegram.sends.map((s) => s.at)) - claimedAt).toBeGreaterThanOrEqual(780);
    expect(await app.repos.deliveries.countByStatus(article)).toMatchObject({ sent: 12, pending: 0 });
  });

  it("stops cleanly: sends in flight are recorded, unsent rows are released for the next worker", async () => {
    const chats = await subscribeChats(app, 30, ["diplomacy"]);
    const article = await publishArticle(app, ["diplomacy"]);
    await deliveryService(app).enqueueArticle(article);
    const telegram = createFakeTelegram({ latencyMs: () => 30 });
    const worker = testWorker(app, telegram, { rate: 20, concurrency: 2, batchSize: 30 });
    worker.start();
    while (telegram.sends.length < 3) await new Promise((r) => setTimeout(r, 10));
    await worker.stop();

    const counts = await app.repos.deliveries.countByStatus(article);
    expect(counts.sent).toBe(telegram.sends.length);
    expect(counts.pending).toBe(30 - telegram.sends.length);
    expect((await app.repos.deliveries.ofArticle(article)).every((r) => r.leasedBy === null)).toBe(true);

    // The next worker picks up at once (no lease to wait for) and sends only the rest.
    const next = testWorker(app, telegram);
    stops.push(() => next.stop());
    next.start();
    await waitUntilDrained(app);
    for (const chatId of chats) expect(telegram.delivered().get(chatId)).toBe(1);
  });
});
