/**
 * Admin publishes over HTTP; subscribers of the article's topic receive it once, others do not.
 * The delivery queue is another piece of work: until it is merged, `broadcast` is a minimal fake
 * that sends directly through the bot's API. The lead replaces `fakeQueue` with the real queue
 * (subscriptions + enqueueArticle + the delivery worker) and keeps every assertion.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliveredArticleView } from "../../src/bot/format/views.js";
import { createI18n, translatorFor } from "../../src/bot/i18n.js";
import { createArticlesApi } from "../../src/http/articles-api.js";
import { createPublishingService } from "../../src/news/publishing.js";
import { BACKENDS, createSeededApp } from "../support/database.js";
import { createTestBot } from "../support/bot.js";

const TOKEN = "e2e-token-0123456789abcdef";
type App = Awaited<ReturnType<typeof createSeededApp>>;

/** Subscriptions and delivery in the simplest form: every subscriber of a topic of the article, once. */
function fakeQueue(app: App, send: (chatId: number, text: string) => Promise<unknown>, subscriptions: Map<number, string[]>) {
  const t = translatorFor(createI18n(), "en");
  return async (articleId: number) => {
    const article = (await app.news.byId(articleId))!;
    const topics = new Map((await app.news.listTopics()).map((topic) => [topic.slug, topic]));
    const chats = [...subscriptions].filter(([, slugs]) => slugs.some((slug) => article.topics.includes(slug))).map(([chatId]) => chatId);
    for (const chatId of chats) {
      for (const text of deliveredArticleView(t, { article, topics, locale: "en" }).messages) await send(chatId, text);
    }
    return chats.length;
  };
}

describe.each(BACKENDS)("end to end: HTTP publish reaches the topic's subscribers (%s)", (backend) => {
  let app: App;
  beforeAll(async () => {
    app = await createSeededApp(backend);
  });
  afterAll(async () => {
    await app.database.close();
  });

  it("two subscribers of the topic receive it once; a subscriber of another topic does not", async () => {
    const { bot, api: telegram } = createTestBot(app);
    const subscriptions = new Map([
      [1001, ["diplomacy"]],
      [1002, ["diplomacy", "usa"]],
      [1003, ["economy"]],
    ]);
    const broadcast = fakeQueue(app, (chatId, text) => bot.api.sendMessage(chatId, text, { parse_mode: "HTML" }), subscriptions);
    const publishing = createPublishingService({ news: app.news, broadcast });
    const http = createArticlesApi({ publishing, news: app.news, deliveryCounts: app.repos.articleStats.deliveryCounts, adminApiToken: TOKEN });

    const response = await http.request("/articles", {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ title: "Envoys agree on a new round", body: "The envoys agreed to meet in Abu Dhabi.", topics: ["diplomacy"] }),
    });
    expect(response.status).toBe(201);
    const { id, deliveries } = (await response.json()) as { id: number; deliveries: number };
    expect(deliveries).toBe(2);

    const sends = telegram.of("sendMessage");
    const perChat = (chatId: number) => sends.filter((call) => call.payload.chat_id === chatId);
    expect(perChat(1001)).toHaveLength(1);
    expect(perChat(1002)).toHaveLength(1);
    expect(perChat(1003)).toHaveLength(0);
    expect(String(perChat(1001)[0]!.payload.text)).toContain("<b>Envoys agree on a new round</b>");

    // Publishing the same article again is refused, so nobody receives it twice.
    const again = await http.request("/articles", {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ title: "Envoys agree on a new round", body: "The envoys agreed to meet in Abu Dhabi.", topics: ["diplomacy"] }),
    });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ id });
    expect(telegram.of("sendMessage")).toHaveLength(2);
  });
});
