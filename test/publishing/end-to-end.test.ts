/**
 * End to end: readers subscribe through the bot, an admin publishes over HTTP, the delivery queue
 * and worker send it. Two subscribers of the topic receive it once; a subscriber of another topic
 * does not; publishing it again is refused and sends nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createArticlesApi } from "../../src/http/articles-api.js";
import { createPublishingService } from "../../src/news/publishing.js";
import { BACKENDS, createSeededApp } from "../support/database.js";
import { createTestBot } from "../support/bot.js";
import { createFakeTelegram, deliverAll, deliveryService } from "../support/fake-broadcast.js";
import { callbackUpdate, htmlToText, textUpdate } from "../support/telegram.js";

const TOKEN = "e2e-token-0123456789abcdef";
type App = Awaited<ReturnType<typeof createSeededApp>>;

describe.each(BACKENDS)("end to end: HTTP publish reaches the topic's subscribers (%s)", (backend) => {
  let app: App;
  beforeAll(async () => {
    app = await createSeededApp(backend);
  });
  afterAll(async () => {
    await app.database.close();
  });

  it("two subscribers of the topic receive it once; a subscriber of another topic does not", async () => {
    // Readers subscribe the way they would in Telegram.
    const { bot } = createTestBot(app);
    await bot.handleUpdate(textUpdate("/subscribe diplomacy", { userId: 1001 }));
    await bot.handleUpdate(textUpdate("/subscribe diplomacy usa", { userId: 1002 }));
    await bot.handleUpdate(textUpdate("/subscribe economy", { userId: 1003 }));

    const delivery = deliveryService(app);
    const publishing = createPublishingService({ news: app.news, broadcast: (id) => delivery.enqueueArticle(id) });
    const http = createArticlesApi({ publishing, news: app.news, deliveryCounts: app.repos.articleStats.deliveryCounts, adminApiToken: TOKEN });
    const post = () =>
      http.request("/articles", {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({ title: "Envoys agree on a new round", body: "The envoys agreed to meet in Abu Dhabi.", topics: ["diplomacy"] }),
      });

    const response = await post();
    expect(response.status).toBe(201);
    const { id, deliveries } = (await response.json()) as { id: number; deliveries: number };
    expect(deliveries).toBe(2);

    const telegram = createFakeTelegram({ latencyMs: () => 5 });
    await deliverAll(app, telegram);
    const delivered = telegram.delivered();
    expect(delivered.get(1001)).toBe(1);
    expect(delivered.get(1002)).toBe(1);
    expect(delivered.get(1003) ?? 0).toBe(0);
    const sent = telegram.sends.find((s) => s.chatId === 1001)!;
    expect(String(sent.payload.text)).toContain("<b>Envoys agree on a new round</b>");

    // The article's delivery counts are visible over the API.
    const stored = await http.request(`/articles/${id}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(await stored.json()).toMatchObject({ id, deliveries: { sent: 2 } });

    // Publishing the same article again is refused, so nobody receives it twice.
    const again = await post();
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ id });
    expect(await delivery.enqueueArticle(id)).toBe(0);
  });

  it("/post → Publish → the queue → the worker: the subscriber receives it once and its Sources button answers", async () => {
    const delivery = deliveryService(app);
    const admin = { userId: 4001 };
    const { bot, api } = createTestBot(app, { adminIds: [admin.userId], broadcast: (id) => delivery.enqueueArticle(id) });
    await bot.handleUpdate(textUpdate("/subscribe diplomacy", { userId: 4002 }));
    await bot.handleUpdate(textUpdate("/post", admin));
    await bot.handleUpdate(
      textUpdate(
        [
          "Envoys set a date for the next round",
          `Reuters reported on Tuesday that the envoys would meet again in Geneva next week, according to two officials. Kirill Dmitriev said the talks were useful. https://example.org/envoys-${Date.now()}`,
        ].join("\n"),
        admin,
      ),
    );
    const preview = api.of("sendMessage").at(-1)!;
    const markup = preview.payload.reply_markup as { inline_keyboard: { callback_data?: string }[][] };
    expect(markup.inline_keyboard.flat().map((b) => b.callback_data)).toContain("post:t:diplomacy");
    // The suggested topics may not include diplomacy: make sure it is on, then publish.
    if (!htmlToText(JSON.stringify(markup)).includes("✅ Diplomacy")) await bot.handleUpdate(callbackUpdate("post:t:diplomacy", admin));
    await bot.handleUpdate(callbackUpdate("post:publish", admin));
    expect(htmlToText(api.texts().at(-1)!)).toMatch(/Published/i);

    const telegram = createFakeTelegram();
    await deliverAll(app, telegram);
    expect(telegram.delivered().get(4002)).toBe(1);
    const message = telegram.sends.find((s) => s.chatId === 4002)!;
    expect(String(message.payload.text)).toContain("<b>Envoys set a date for the next round</b>");
    const sources = (message.payload.reply_markup as { inline_keyboard: { text: string; callback_data?: string }[][] }).inline_keyboard
      .flat()
      .find((b) => b.callback_data?.startsWith("a:src:"))!;
    await bot.handleUpdate(callbackUpdate(sources.callback_data!, { userId: 4002 }));
    expect(htmlToText(api.texts().at(-1)!)).toContain("Reuters");
  });
});
