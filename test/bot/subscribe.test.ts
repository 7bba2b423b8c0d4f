import type { Update } from "grammy/types";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/create-bot.js";
import { createSubscriptionService } from "../../src/subscriptions/service.js";
import { createTestBot, testDeps } from "../support/bot.js";
import { BACKENDS, createSeededApp } from "../support/database.js";
import { deliveryService, publishArticle, resetDeliveryTables, subscribeChats } from "../support/fake-broadcast.js";
import { callbackUpdate, createRecordingApi, htmlToText, TEST_BOT_INFO, TEST_TOKEN, textUpdate, type From } from "../support/telegram.js";

type App = Awaited<ReturnType<typeof createSeededApp>>;
type Button = { text: string; callback_data?: string; url?: string };

const GROUP: From = { userId: 21, chatId: -500, chatType: "supergroup" };

let updateId = 90_000;

function myChatMemberUpdate(chat: { id: number; type: "private" | "group" | "supergroup" }, status: "member" | "kicked" | "left" | "administrator"): Update {
  const user = { id: 7, is_bot: false, first_name: "Ann" };
  const bot = { id: 42, is_bot: true, first_name: "News", username: "test_news_bot" };
  const fullChat = chat.type === "private" ? { ...chat, first_name: "Ann" } : { ...chat, title: "Test group" };
  return {
    update_id: updateId++,
    my_chat_member: {
      chat: fullChat,
      from: user,
      date: Math.floor(Date.now() / 1000),
      old_chat_member: { status: status === "member" ? "kicked" : "member", user: bot, ...(status === "member" ? { until_date: 0 } : {}) },
      new_chat_member: { status, user: bot, ...(status === "kicked" ? { until_date: 0 } : {}) },
    },
  } as Update;
}

function migrateUpdate(fromId: number, toId: number): Update {
  return {
    update_id: updateId++,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: fromId, type: "group", title: "Test group" },
      from: { id: 21, is_bot: false, first_name: "Ann" },
      migrate_to_chat_id: toId,
    },
  } as Update;
}

describe.each(BACKENDS)("subscriptions in the bot (%s)", (backend) => {
  let app: App;

  beforeAll(async () => {
    app = await createSeededApp(backend);
  });
  afterAll(() => app.database.close());
  beforeEach(() => resetDeliveryTables(app));

  async function followed(chatId: number): Promise<string[]> {
    return [...(await createSubscriptionService({ repos: app.repos, news: app.news }).followedSlugs(chatId))].sort();
  }

  it("/subscribe with slugs and localized names, then offers the newest article of the topic", async () => {
    const article = await publishArticle(app, ["ukraine"]);
    const { bot, api } = createTestBot(app);
    await bot.handleUpdate(textUpdate("/subscribe ukraine États-Unis УКРАИНА", { userId: 7 }));
    expect(await followed(7)).toEqual(["ukraine", "usa"]);
    // One message: a second one to the chat within a second would meet Telegram's 1/s per chat.
    const texts = api.texts().map(htmlToText);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatch(/^✅ Subscribed to Ukraine, United States/);
    expect(texts[0]).toContain("🗞 The newest article about Ukraine:");
    expect(texts[0]).toContain(`Test article`);
    const keyboard = (api.of("sendMessage")[0]!.payload.reply_markup as { inline_keyboard: Button[][] }).inline_keyboard.flat();
    expect(keyboard.map((b) => b.callback_data).filter(Boolean)).toContain(`a:full:${article}`);

    // Not the first subscription any more: no offer, and "already" for known ones.
    api.clear();
    await bot.handleUpdate(textUpdate("/subscribe ukraine russie atlantis", { userId: 7 }));
    const [reply] = api.texts().map(htmlToText);
    expect(api.texts()).toHaveLength(1);
    expect(reply).toContain("Subscribed to Russia");
    expect(reply).toContain("already follows Ukraine");
    expect(reply).toContain("I don’t know atlantis");
  });

  it("answers in the user's language and understands Cyrillic names", async () => {
    const { bot, api } = createTestBot(app);
    await bot.handleUpdate(textUpdate("/subscribe Украина США", { userId: 8, languageCode: "ru" }));
    expect(await followed(8)).toEqual(["ukraine", "usa"]);
    expect(htmlToText(api.texts()[0]!)).toContain("Подписка оформлена: Украина, США");
  });

  it("/subscribe alone opens a menu; a tap toggles the topic and updates the check marks", async () => {
    const { bot, api } = createTestBot(app);
    await bot.handleUpdate(textUpdate("/subscribe", { userId: 9 }));
    const menu = (api.of("sendMessage")[0]!.payload.reply_markup as { inline_keyboard: Button[][] }).inline_keyboard.flat();
    expect(menu).toHaveLength(25); // every topic of seeds/topics.json
    expect(menu.every((b) => b.text.startsWith("▫️"))).toBe(true);
    const russia = menu.find((b) => b.text.includes("Russia"))!;

    await bot.handleUpdate(callbackUpdate(russia.callback_data!, { userId: 9 }));
    expect(await followed(9)).toEqual(["russia"]);
    expect(api.of("answerCallbackQuery").at(-1)!.payload.text).toBe("Following Russia");
    const edited = (api.of("editMessageReplyMarkup").at(-1)!.payload.reply_markup as { inline_keyboard: Button[][] }).inline_keyboard.flat();
    expect(edited.find((b) => b.text.includes("Russia"))!.text).toBe("✅ Russia");

    const again = edited.find((b) => b.text.includes("Russia"))!;
    await bot.handleUpdate(callbackUpdate(again.callback_data!, { userId: 9 }));
    expect(await followed(9)).toEqual([]);
    expect(api.of("answerCallbackQuery").at(-1)!.payload.text).toBe("No longer following Russia");
  });

  it("a topic list longer than anyone types gets a polite reply and changes nothing", async () => {
    const { bot, api } = createTestBot(app);
    const words = Array.from({ length: 1400 }, (_, i) => ["ukraine", "economy", "nato"][i % 3]).join(" ");
    await bot.handleUpdate(textUpdate(`/subscribe ${words}`, { userId: 31 }));
    expect(htmlToText(api.texts().at(-1)!)).toContain("That is a long list");
    expect(await followed(31)).toEqual([]);
  });

  it("in groups only administrators may change subscriptions", async () => {
    let status = "member";
    const { bot, api } = createTestBot(app);
    // The recording API answers getChatMember with "administrator"; this one answers `status`.
    const memberApi = createRecordingApi({
      respond: (call) =>
        call.method === "getChatMember" ? { ok: true, result: { status, user: { id: 21, is_bot: false, first_name: "Bob" } } } : undefined,
    });
    const memberBot = createBot(testDeps(app), { token: TEST_TOKEN, botInfo: TEST_BOT_INFO, client: { fetch: memberApi.fetch }, autoRetry: false });

    await memberBot.handleUpdate(textUpdate("/subscribe ukraine", GROUP));
    expect(await followed(-500)).toEqual([]);
    expect(htmlToText(memberApi.texts()[0]!)).toContain("only the administrators of this group");

    // An administrator opens the menu; a member's tap on it is refused.
    await bot.handleUpdate(textUpdate("/subscribe", GROUP));
    const menu = (api.of("sendMessage")[0]!.payload.reply_markup as { inline_keyboard: Button[][] }).inline_keyboard.flat();
    await memberBot.handleUpdate(callbackUpdate(menu[0]!.callback_data!, GROUP));
    expect(await followed(-500)).toEqual([]);
    expect(memberApi.of("answerCallbackQuery").at(-1)!.payload).toMatchObject({ show_alert: true });

    status = "administrator";
    await memberBot.handleUpdate(textUpdate("/subscribe nato", GROUP));
    expect(await followed(-500)).toEqual(["nato"]);
    status = "member";
    await memberBot.handleUpdate(textUpdate("/unsubscribe all", GROUP));
    expect(await followed(-500)).toEqual(["nato"]);
  });

  it("/unsubscribe topics or all, and /topics with states and counts", async () => {
    await subscribeChats(app, 2, ["economy"], 3000);
    const { bot, api } = createTestBot(app);
    await bot.handleUpdate(textUpdate("/subscribe economy nato europe", { userId: 10 }));
    await bot.handleUpdate(textUpdate("/unsubscribe nato diplomatie", { userId: 10 }));
    expect(await followed(10)).toEqual(["economy", "europe"]);
    expect(htmlToText(api.texts().at(-1)!)).toMatch(/Unsubscribed from NATO\.[\s\S]*did not follow Diplomacy/);

    await bot.handleUpdate(textUpdate("/topics", { userId: 10 }));
    const topics = htmlToText(api.texts().at(-1)!);
    expect(topics).toContain("✅ Economy and business (economy) — 3 subscribers");
    expect(topics).toContain("✅ Europe (europe) — one subscriber");
    expect(topics).toContain("▫️ NATO (nato) — 0 subscribers");

    await bot.handleUpdate(textUpdate("/unsubscribe all", { userId: 10 }));
    expect(await followed(10)).toEqual([]);
    expect(htmlToText(api.texts().at(-1)!)).toContain("Unsubscribed from every topic");
  });

  it("blocking the bot deactivates the chat and cancels its pending deliveries; unblocking reactivates", async () => {
    const [chat] = await subscribeChats(app, 1, ["usa"], 4000);
    const article = await publishArticle(app, ["usa"]);
    await deliveryService(app).enqueueArticle(article);
    const { bot } = createTestBot(app);

    await bot.handleUpdate(myChatMemberUpdate({ id: chat!, type: "private" }, "kicked"));
    expect((await app.repos.chats.get(chat!))?.active).toBe(false);
    expect(await app.repos.deliveries.countByStatus(article)).toMatchObject({ pending: 0, cancelled: 1 });
    expect(await followed(chat!)).toEqual(["usa"]);
    // Inactive chats get no new deliveries.
    expect(await deliveryService(app).enqueueArticle(await publishArticle(app, ["usa"]))).toBe(0);

    await bot.handleUpdate(myChatMemberUpdate({ id: chat!, type: "private" }, "member"));
    expect((await app.repos.chats.get(chat!))?.active).toBe(true);
    expect(await deliveryService(app).enqueueArticle(await publishArticle(app, ["usa"]))).toBe(1);

    await bot.handleUpdate(myChatMemberUpdate({ id: -600, type: "supergroup" }, "left"));
    expect((await app.repos.chats.get(-600))?.active).toBe(false);
  });

  it("a group upgraded to a supergroup keeps its subscriptions", async () => {
    const { bot } = createTestBot(app);
    await bot.handleUpdate(textUpdate("/subscribe russia ukraine", { userId: 21, chatId: -700, chatType: "group" }));
    await bot.handleUpdate(migrateUpdate(-700, -100700));
    expect(await followed(-100700)).toEqual(["russia", "ukraine"]);
    expect(await followed(-700)).toEqual([]);
    expect((await app.repos.chats.get(-100700))?.type).toBe("supergroup");
  });

  it("/stats shows subscribers and delivery counts to admins and politely refuses others", async () => {
    await subscribeChats(app, 3, ["military"], 6000);
    const article = await publishArticle(app, ["military"]);
    await deliveryService(app).enqueueArticle(article);
    const { bot, api } = createTestBot(app, { adminIds: [1] });

    await bot.handleUpdate(textUpdate("/stats", { userId: 2 }));
    expect(htmlToText(api.texts().at(-1)!)).toContain("only for the bot’s administrators");

    await bot.handleUpdate(textUpdate("/stats", { userId: 1 }));
    const stats = htmlToText(api.texts().at(-1)!);
    expect(stats).toContain("Chats with subscriptions: 3 active, 0 inactive");
    expect(stats).toContain("• Military: 3 active, 0 inactive");
    expect(stats).toMatch(new RegExp(`#${article} Test article .*: 0 sent · 3 pending · 0 failed · 0 cancelled`));
  });
});
