/**
 * Follows, keyword filters, digests and quiet hours, through the bot's commands (handleUpdate),
 * the real queue, the digest builder and the real worker, on both backends.
 */
import { sql } from "drizzle-orm";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/create-bot.js";
import { createDigestBuilder } from "../../src/delivery/digests.js";
import { createTestBot, testDeps } from "../support/bot.js";
import { BACKENDS, createSeededApp } from "../support/database.js";
import { createFakeTelegram, deliveryService, resetDeliveryTables, testWorker, waitUntilDrained } from "../support/fake-broadcast.js";
import type { Update } from "grammy/types";
import { callbackUpdate, createRecordingApi, htmlToText, TEST_BOT_INFO, TEST_TOKEN, textUpdate, type From } from "../support/telegram.js";

type App = Awaited<ReturnType<typeof createSeededApp>>;
type Button = { text: string; callback_data?: string; url?: string };

const silent = pino({ level: "silent" });
let counter = 0;

/** Publishes an article of our own text (never broadcast here: the test enqueues it itself). */
async function publish(app: App, input: { title: string; body: string; topics: string[]; language?: string }): Promise<number> {
  counter++;
  const result = await app.news.publish({ ...input, url: `https://example.org/prefs/${Date.now()}-${counter}`, origin: "api" });
  return result.id;
}

/** A message sent inside forum topic `thread` of a supergroup. */
function inForumTopic(text: string, from: From, thread: number): Update {
  const update = textUpdate(text, from);
  Object.assign(update.message!, { message_thread_id: thread, is_topic_message: true });
  (update.message!.chat as { is_forum?: boolean }).is_forum = true;
  return update;
}

async function subscribe(app: App, chatId: number, topics: string[]): Promise<void> {
  await app.repos.chats.upsert({ id: chatId, type: chatId < 0 ? "supergroup" : "private" });
  await app.repos.subscriptions.add(chatId, [...(await app.repos.catalog.topicIdsBySlug(topics)).values()]);
}

async function rowsOf(app: App, articleId: number): Promise<{ chatId: number; status: string }[]> {
  const result = (await app.database.db.execute(
    sql`select chat_id::text as chat_id, status from deliveries where article_id = ${articleId} order by chat_id`,
  )) as unknown;
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { chat_id: string; status: string }[];
  return rows.map((r) => ({ chatId: Number(r.chat_id), status: r.status }));
}

describe.each(BACKENDS)("follows, filters, digests and quiet hours (%s)", (backend) => {
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

  it("/follow resolves a surname, a typo and another script; /following lists; /unfollow drops", async () => {
    const { bot, api } = createTestBot(app);
    const me: From = { userId: 601 };
    await bot.handleUpdate(textUpdate("/follow Dmitriev", me));
    expect(htmlToText(api.texts().at(-1)!)).toContain("Following Kirill Dmitriev");
    await bot.handleUpdate(textUpdate("/follow Dmitirev", me));
    expect(htmlToText(api.texts().at(-1)!)).toContain("already follows Kirill Dmitriev");
    await bot.handleUpdate(textUpdate("/follow Уиткофф", me));
    expect(htmlToText(api.texts().at(-1)!)).toContain("Following Steve Witkoff");
    await bot.handleUpdate(textUpdate("/follow Zzyxqwv", me));
    expect(htmlToText(api.texts().at(-1)!)).toMatch(/know no one called “Zzyxqwv”/);

    await bot.handleUpdate(textUpdate("/following", me));
    const list = api.of("sendMessage").at(-1)!;
    expect(htmlToText(String(list.payload.text))).toMatch(/Kirill Dmitriev[\s\S]*Steve Witkoff/);
    const buttons = (list.payload.reply_markup as { inline_keyboard: Button[][] }).inline_keyboard.flat();
    expect(buttons.map((b) => b.text)).toEqual(["✖ Kirill Dmitriev", "✖ Steve Witkoff"]);

    await bot.handleUpdate(textUpdate("/unfollow witkof", me));
    expect(htmlToText(api.texts().at(-1)!)).toContain("No longer following Steve Witkoff");
    await bot.handleUpdate(callbackUpdate(buttons[0]!.callback_data!, me));
    expect(await app.repos.preferences.following(601)).toEqual([]);

    // A chat following as many as it may is told so, and follows nothing more.
    await app.repos.chats.upsert({ id: 602, type: "private" });
    await app.database.db.execute(sql`insert into entities (slug, kind, name) select 'filler-' || g, 'person', 'Filler ' || g from generate_series(1, 100) g on conflict do nothing`);
    await app.database.db.execute(sql`insert into follows (chat_id, entity_id) select 602, id from entities where slug like 'filler-%' on conflict do nothing`);
    await bot.handleUpdate(textUpdate("/follow Dmitriev", { userId: 602 }));
    expect(htmlToText(api.texts().at(-1)!)).toContain("This chat follows as many as it can (100)");
    expect((await app.repos.preferences.following(602)).some((f) => f.name === "Kirill Dmitriev")).toBe(false);
    await app.database.db.execute(sql`delete from entities where slug like 'filler-%'`);

    // The Follow button on a who-is card.
    await bot.handleUpdate(textUpdate("/who Witkoff", me));
    const card = (api.of("sendMessage").at(-1)!.payload.reply_markup as { inline_keyboard: Button[][] }).inline_keyboard.flat();
    const follow = card.find((b) => b.text === "⭐ Follow")!;
    await bot.handleUpdate(callbackUpdate(follow.callback_data!, me));
    expect((await app.repos.preferences.following(601)).map((f) => f.name)).toEqual(["Steve Witkoff"]);
  });

  it("an article reaches a chat through a topic or a followed entity, once, and no other chat", async () => {
    const { bot } = createTestBot(app);
    await subscribe(app, 611, ["economy"]);
    await bot.handleUpdate(textUpdate("/follow Dmitriev", { userId: 611 })); // topic and follow: once
    await bot.handleUpdate(textUpdate("/follow Dmitriev", { userId: 612 })); // follow only
    await subscribe(app, 613, ["military"]); // neither
    const article = await publish(app, {
      title: "Investment fund talks resume",
      body: "Kirill Dmitriev, head of the Russian Direct Investment Fund, said on Monday that talks on trade and investment would resume next month. Markets and investors welcomed the news about the economy.",
      topics: ["economy"],
    });
    expect(await deliveryService(app).enqueueArticle(article)).toBe(2);
    expect(await rowsOf(app, article)).toEqual([
      { chatId: 611, status: "pending" },
      { chatId: 612, status: "pending" },
    ]);
    const telegram = createFakeTelegram();
    const worker = testWorker(app, telegram);
    stops.push(() => worker.stop());
    worker.start();
    await waitUntilDrained(app);
    expect(Object.fromEntries(telegram.delivered())).toEqual({ 611: 1, 612: 1 });
  });

  it("+word and -word filters match word forms in each language and entity names across scripts", async () => {
    const { bot, api } = createTestBot(app);
    const chats = { fr: 621, ru: 622, uk: 623, en: 624, name: 625 };
    for (const id of Object.values(chats)) await subscribe(app, id, ["all"]);
    await bot.handleUpdate(textUpdate("/filter +élection", { userId: chats.fr, languageCode: "fr" }));
    expect(htmlToText(api.texts().at(-1)!)).toContain("Seuls les articles contenant « élection »");
    await bot.handleUpdate(textUpdate("/filter -футбол", { userId: chats.ru, languageCode: "ru" }));
    await bot.handleUpdate(textUpdate("/filter +вибори", { userId: chats.uk, languageCode: "uk" }));
    await bot.handleUpdate(textUpdate("/filter +CLIMATE", { userId: chats.en }));
    await bot.handleUpdate(textUpdate("/filter +Witkoff", { userId: chats.name }));
    await bot.handleUpdate(textUpdate("/filter", { userId: chats.en }));
    expect(htmlToText(api.texts().at(-1)!)).toContain("Must contain one of: CLIMATE");

    const frElections = await publish(app, { title: "Les élections municipales approchent", body: "Les électeurs voteront dimanche. Les élections municipales mobilisent les partis dans toutes les villes du pays.", topics: ["europe"] });
    const ruFootball = await publish(app, { title: "Матч сборной", body: "Сборная по футболу сыграла вничью. Болельщики футбола ждали победы весь вечер на стадионе.", topics: ["europe"] });
    const ukElections = await publish(app, { title: "Місцеві вибори", body: "Центральна виборча комісія оголосила дату місцевих виборів. Кандидати почали кампанію.", topics: ["europe"] });
    const enClimate = await publish(app, { title: "Climate talks open", body: "Delegates opened climate talks on Monday, with climatic targets and emissions on the table.", topics: ["europe"] });
    const ruWitkoff = await publish(app, { title: "Переговоры в Москве", body: "Спецпосланник Стив Уиткофф прибыл в Москву на переговоры, сообщили в Кремле во вторник.", topics: ["europe"] });

    const service = deliveryService(app);
    for (const id of [frElections, ruFootball, ukElections, enClimate, ruWitkoff]) await service.enqueueArticle(id);
    const receivers = async (article: number) => (await rowsOf(app, article)).map((r) => r.chatId);
    expect(await receivers(frElections)).toEqual([chats.fr, chats.ru]);
    expect(await receivers(ruFootball)).toEqual([]); // +filters of the others, -футбол of ru
    expect(await receivers(ukElections)).toEqual([chats.ru, chats.uk]);
    expect(await receivers(enClimate)).toEqual([chats.ru, chats.en]);
    expect(await receivers(ruWitkoff)).toEqual([chats.ru, chats.name]);

    await bot.handleUpdate(textUpdate("/filter clear", { userId: chats.en }));
    expect(htmlToText(api.texts().at(-1)!)).toContain("One filter removed.");
    await bot.handleUpdate(textUpdate("/filter +" + "x".repeat(60), { userId: chats.en }));
    expect(htmlToText(api.texts().at(-1)!)).toContain("at most 40 characters");
  });

  it("a daily 08:00 Europe/Paris digest is built at 08:00 local on both sides of the DST change, once, as one message", async () => {
    let now = new Date("2026-03-28T12:00:00Z"); // Saturday; clocks go forward on Sunday 29 March
    const clock = () => now;
    const { bot, api } = createTestBot(app, { now: clock });
    const me: From = { userId: 631 };
    await subscribe(app, 631, ["economy"]);
    await bot.handleUpdate(textUpdate("/timezone Paris", me));
    expect(htmlToText(api.texts().at(-1)!)).toContain("Time zone: Europe/Paris");
    await bot.handleUpdate(textUpdate("/digest daily 08:00", me));
    expect(htmlToText(api.texts().at(-1)!)).toContain("One digest a day at 08:00 (Europe/Paris)");
    expect((await app.repos.preferences.settings(631))!.nextDigestAt).toEqual(new Date("2026-03-29T06:00:00Z")); // 08:00 CEST

    const first = await publish(app, { title: "Markets rally on trade hopes", body: "Stocks rose on Friday. Investors bet on a trade deal and the economy.", topics: ["economy"] });
    const second = await publish(app, { title: "Central bank holds rates", body: "The central bank kept interest rates unchanged. Inflation slowed in March, the economy grew.", topics: ["economy"] });
    const service = deliveryService(app);
    await service.enqueueArticle(first);
    await service.enqueueArticle(second);
    expect((await app.repos.deliveries.countByStatus()).held).toBe(2);

    const builder = createDigestBuilder({ repos: app.repos, log: silent, now: clock });
    now = new Date("2026-03-29T05:59:00Z");
    expect(await builder.runOnce()).toBe(0);
    now = new Date("2026-03-29T06:00:00Z");
    // Two builders at once (two delivery processes): one digest.
    const built = await Promise.all([builder.runOnce(), createDigestBuilder({ repos: app.repos, log: silent, now: clock }).runOnce()]);
    expect(built[0]! + built[1]!).toBe(1);
    expect(await builder.runOnce()).toBe(0);
    expect((await app.repos.preferences.settings(631))!.nextDigestAt).toEqual(new Date("2026-03-30T06:00:00Z"));

    const telegram = createFakeTelegram();
    const worker = testWorker(app, telegram, { now: clock });
    stops.push(() => worker.stop());
    worker.start();
    await waitUntilDrained(app);
    expect(telegram.sends).toHaveLength(1);
    const digest = telegram.sends[0]!.payload;
    const text = htmlToText(String(digest.text));
    expect(text).toMatch(/Your digest: 2 articles\s+1\. Central bank holds rates[\s\S]*2\. Markets rally on trade hopes/);
    const buttons = (digest.reply_markup as { inline_keyboard: Button[][] }).inline_keyboard.flat();
    expect(buttons.map((b) => b.text)).toEqual(["1", "2"]);
    expect(await app.repos.deliveries.countByStatus()).toMatchObject({ sent: 1, digested: 1, held: 0, pending: 0 });

    // A digest button opens the article with its Sources and Who's who.
    await bot.handleUpdate(callbackUpdate(buttons[1]!.callback_data!, me));
    const opened = api.of("sendMessage").at(-1)!;
    expect(htmlToText(String(opened.payload.text))).toContain("Markets rally on trade hopes");
    expect((opened.payload.reply_markup as { inline_keyboard: Button[][] }).inline_keyboard.flat().map((b) => b.callback_data)).toContain(`a:src:${first}`);

    // After the change the schedule keeps 08:00 local: in winter it was 07:00 UTC.
    now = new Date("2026-10-24T12:00:00Z"); // clocks go back on Sunday 25 October
    await bot.handleUpdate(textUpdate("/digest daily 08:00", me));
    expect((await app.repos.preferences.settings(631))!.nextDigestAt).toEqual(new Date("2026-10-25T07:00:00Z"));

    // Back to instant: nothing held stays behind.
    const third = await publish(app, { title: "Oil prices slip", body: "Oil prices slipped on Tuesday as the economy slowed.", topics: ["economy"] });
    await service.enqueueArticle(third);
    await bot.handleUpdate(textUpdate("/digest off", me));
    expect(htmlToText(api.texts().at(-1)!)).toContain("Articles arrive one by one");
    expect(await rowsOf(app, third)).toEqual([{ chatId: 631, status: "pending" }]);
  });

  it("a crash between building a digest and sending it sends it once", async () => {
    let now = new Date("2026-05-04T06:59:00Z");
    const clock = () => now;
    const { bot } = createTestBot(app, { now: clock });
    await subscribe(app, 641, ["economy"]);
    await bot.handleUpdate(textUpdate("/digest hourly", { userId: 641 }));
    const article = await publish(app, { title: "Exports grow", body: "Exports grew for a third month, the trade ministry said, lifting the economy.", topics: ["economy"] });
    await deliveryService(app).enqueueArticle(article);
    now = new Date("2026-05-04T07:00:00Z");
    expect(await createDigestBuilder({ repos: app.repos, log: silent, now: clock }).runOnce()).toBe(1);

    // A worker claims the digest and dies before sending (its lease lapses at once).
    expect(await app.repos.deliveries.claim({ workerId: "dead", limit: 10, leaseMs: 1 })).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 20));
    // Restarted: the builder finds nothing new, the next worker sends the digest once.
    expect(await createDigestBuilder({ repos: app.repos, log: silent, now: clock }).runOnce()).toBe(0);
    const telegram = createFakeTelegram();
    const worker = testWorker(app, telegram, { now: clock });
    stops.push(() => worker.stop());
    worker.start();
    await waitUntilDrained(app);
    expect(Object.fromEntries(telegram.delivered())).toEqual({ 641: 1 });
    expect(htmlToText(String(telegram.sends[0]!.payload.text))).toContain("Your digest: one article");
  });

  it("quiet hours hold instant articles until their end; silent and no-preview chats are sent that way", async () => {
    const real = new Date();
    const hhmm = (d: Date) => `${String(d.getUTCHours()).padStart(2, "0")}:${String(d.getUTCMinutes()).padStart(2, "0")}`;
    const { bot, api } = createTestBot(app);
    await subscribe(app, 651, ["economy"]);
    await subscribe(app, 652, ["economy"]);
    await bot.handleUpdate(textUpdate(`/quiet ${hhmm(new Date(real.getTime() - 3_600_000))}-${hhmm(new Date(real.getTime() + 3_600_000))}`, { userId: 651 }));
    expect(htmlToText(api.texts().at(-1)!)).toContain("Quiet hours");
    await bot.handleUpdate(textUpdate("/settings", { userId: 652 }));
    const menu = (api.of("sendMessage").at(-1)!.payload.reply_markup as { inline_keyboard: Button[][] }).inline_keyboard.flat();
    await bot.handleUpdate(callbackUpdate(menu.find((b) => b.text.includes("Link previews"))!.callback_data!, { userId: 652 }));
    await bot.handleUpdate(callbackUpdate(menu.find((b) => b.text.includes("Silent"))!.callback_data!, { userId: 652 }));
    expect(await app.repos.preferences.settings(652)).toMatchObject({ linkPreviews: false, silent: true });

    const article = await publish(app, { title: "Retail sales rise", body: "Retail sales rose in April, the statistics office said; the economy picked up.", topics: ["economy"] });
    await deliveryService(app).enqueueArticle(article);
    const telegram = createFakeTelegram();
    const worker = testWorker(app, telegram);
    stops.push(() => worker.stop());
    worker.start();
    for (let i = 0; i < 400 && telegram.sends.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    await new Promise((r) => setTimeout(r, 200));
    expect(telegram.sends.map((s) => s.chatId)).toEqual([652]);
    expect(telegram.sends[0]!.payload).toMatchObject({ disable_notification: true, link_preview_options: { is_disabled: true } });
    const [held] = (await rowsOf(app, article)).filter((r) => r.chatId === 651);
    expect(held!.status).toBe("pending");

    // Ending the quiet hours lets the waiting article go at once.
    await bot.handleUpdate(textUpdate("/quiet off", { userId: 651 }));
    await waitUntilDrained(app);
    expect(telegram.sends.map((s) => s.chatId).sort()).toEqual([651, 652]);
  });

  it("/subscribe inside a forum topic delivers there (message_thread_id); each forum topic has its own subscriptions", async () => {
    const forum: From = { userId: 671, chatId: -671, chatType: "supergroup" };
    const { bot, api } = createTestBot(app);
    await bot.handleUpdate(inForumTopic("/subscribe economy", forum, 42));
    expect(api.of("sendMessage").at(-1)!.payload.message_thread_id).toBe(42); // the reply stays in the topic
    await bot.handleUpdate(inForumTopic("/subscribe nato", forum, 43));
    await bot.handleUpdate(textUpdate("/subscribe economy", forum)); // the chat's general topic
    await bot.handleUpdate(inForumTopic("/topics", forum, 43));
    const topics = htmlToText(api.texts().at(-1)!);
    expect(topics).toMatch(/✅ NATO/);
    expect(topics).not.toMatch(/✅ Economy/);

    const article = await publish(app, { title: "Growth beats forecasts", body: "The economy grew faster than forecast in the third quarter, the statistics office said.", topics: ["economy"] });
    expect(await deliveryService(app).enqueueArticle(article)).toBe(2);
    const telegram = createFakeTelegram();
    const worker = testWorker(app, telegram);
    stops.push(() => worker.stop());
    worker.start();
    await waitUntilDrained(app);
    expect(telegram.sends.map((s) => s.payload.message_thread_id ?? 0).sort()).toEqual([0, 42]);

    // A deleted forum topic: the send fails for good and the topic's subscriptions go.
    const deleted = createFakeTelegram({
      answer: (chatId) => (chatId === -671 ? { ok: false, error_code: 400, description: "Bad Request: message thread not found" } : undefined),
    });
    await worker.stop();
    const next = await publish(app, { title: "Exports slow down", body: "Exports slowed in October as the economy cooled, the trade ministry said.", topics: ["economy"] });
    await app.database.db.execute(sql`delete from subscriptions where chat_id = -671 and thread_id = 0`);
    expect(await deliveryService(app).enqueueArticle(next)).toBe(1);
    const second = testWorker(app, deleted, { maxAttempts: 1 });
    stops.push(() => second.stop());
    second.start();
    await waitUntilDrained(app);
    expect(await app.repos.subscriptions.topicIdsOf(-671, 42)).toEqual([]);
    expect((await app.repos.subscriptions.topicIdsOf(-671, 43)).length).toBe(1);
  });

  it("/stats shows chats per delivery mode, the most followed entities and the messages digests saved", async () => {
    const { bot, api } = createTestBot(app, { adminIds: [681] });
    await subscribe(app, 682, ["economy"]);
    await bot.handleUpdate(textUpdate("/digest hourly", { userId: 682 }));
    await bot.handleUpdate(textUpdate("/follow Dmitriev", { userId: 682 }));
    await bot.handleUpdate(textUpdate("/follow Dmitriev", { userId: 683 }));
    await bot.handleUpdate(textUpdate("/stats", { userId: 681 }));
    const stats = htmlToText(api.texts().at(-1)!);
    expect(stats).toMatch(/Delivery: \d+ at once, 1 hourly, 0 daily, 0 weekly digests; \d+ messages saved by digests/);
    expect(stats).toMatch(/Most followed\s+• Kirill Dmitriev: 2/);
  });

  it("in groups only administrators change follows, filters and delivery", async () => {
    const group: From = { userId: 661, chatId: -661, chatType: "supergroup" };
    const memberApi = createRecordingApi({
      respond: (call) => (call.method === "getChatMember" ? { ok: true, result: { status: "member", user: { id: 661, is_bot: false, first_name: "Bob" } } } : undefined),
    });
    const memberBot = createBot(testDeps(app), { token: TEST_TOKEN, botInfo: TEST_BOT_INFO, client: { fetch: memberApi.fetch }, autoRetry: false });
    for (const command of ["/follow Dmitriev", "/filter +climate", "/digest daily 09:00", "/quiet 22:00-07:00", "/timezone Kyiv"]) {
      await memberBot.handleUpdate(textUpdate(command, group));
      expect(htmlToText(memberApi.texts().at(-1)!)).toContain("only the administrators of this group");
    }
    expect(await app.repos.preferences.following(-661)).toEqual([]);
    expect(await app.repos.preferences.filters(-661)).toEqual([]);
    expect((await app.repos.preferences.settings(-661))?.deliveryMode ?? "instant").toBe("instant");

    const { bot, api } = createTestBot(app); // answers getChatMember with "administrator"
    await bot.handleUpdate(textUpdate("/digest weekly lundi 9h", group));
    expect(htmlToText(api.texts().at(-1)!)).toContain("One digest a week, Monday at 09:00 (UTC)");
  });
});
