/**
 * Delivery by story, through the real queue and worker: three outlets report one event (English,
 * French and Ukrainian articles of the development set), and every subscriber gets one message,
 * whose outlets line is edited as the story grows; the Sources card lists every outlet; an
 * admin's split sends nothing again; the API shows the story.
 */
import { readFile } from "node:fs/promises";
import { sql } from "drizzle-orm";
import pino from "pino";
import { rowsOf } from "../../src/db/repositories/rows.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDeliveryRenderer } from "../../src/bot/delivery-renderer.js";
import { createI18n } from "../../src/bot/i18n.js";
import { createDeliveryApi } from "../../src/delivery/api.js";
import { createStoryEditor } from "../../src/delivery/story-edits.js";
import { createArticlesApi } from "../../src/http/articles-api.js";
import { createPublishingService } from "../../src/news/publishing.js";
import { createTestBot } from "../support/bot.js";
import { BACKENDS, createSeededApp } from "../support/database.js";
import { createFakeTelegram, deliverAll, deliveryService, resetDeliveryTables } from "../support/fake-broadcast.js";
import { callbackUpdate, htmlToText, textUpdate } from "../support/telegram.js";

type App = Awaited<ReturnType<typeof createSeededApp>>;
interface SetArticle { id: string; language: string; site: string; url: string; publishedAt: string; title: string; body: string }
interface StorySet { events: { id: string; articles: SetArticle[] }[] }

const TOKEN = "story-api-token-0123456789";
const ADMIN = 7001;
const READERS = [7101, 7102, 7103];

async function natoArticles(): Promise<SetArticle[]> {
  const set = JSON.parse(await readFile(new URL("../../eval/stories/set-b.json", import.meta.url), "utf8")) as StorySet;
  const event = set.events.find((e) => e.id === "b03-nato-foreign-ministers-brussels")!;
  // Three outlets in three languages (English first, then French, then Ukrainian), and a fourth outlet.
  return ["b03-1", "b03-3", "b03-5", "b03-2"].map((id) => event.articles.find((a) => a.id === id)!);
}

describe.each(BACKENDS)("delivery by story (%s)", (backend) => {
  let app: App;
  let articles: SetArticle[];
  let firstArticle = 0;
  let secondArticle = 0;
  let thirdArticle = 0;
  beforeAll(async () => {
    app = await createSeededApp(backend);
    articles = await natoArticles();
  });
  afterAll(async () => {
    await app.database.close();
  });

  it("the second and third article of a story reach no chat twice; the first message is edited instead; Sources lists every outlet", async () => {
    await resetDeliveryTables(app);
    const delivery = deliveryService(app);
    const publishing = createPublishingService({ news: app.news, broadcast: (id) => delivery.enqueueArticle(id) });
    const { bot, api } = createTestBot(app, { adminIds: [ADMIN] });
    for (const reader of READERS) await bot.handleUpdate(textUpdate("/subscribe diplomacy", { userId: reader }));
    const publish = async (a: SetArticle) => {
      const outcome = await publishing.publish({ title: a.title, body: a.body, url: a.url, site: a.site, language: a.language, publishedAt: new Date(a.publishedAt), topics: ["diplomacy"], origin: "api" });
      expect(outcome.status).toBe("published");
      return outcome as { id: number; deliveries: number };
    };

    const telegram = createFakeTelegram();
    const edits: Record<string, unknown>[] = [];
    const recording: typeof fetch = async (input, init) => {
      const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      if (url.endsWith("/editMessageText")) edits.push(JSON.parse(String(init?.body)) as Record<string, unknown>);
      return telegram.fetch(input, init);
    };
    const editor = createStoryEditor({
      claim: (limit) => app.repos.deliveries.claimStoryEdits(limit),
      postpone: (id, until) => app.repos.deliveries.postponeStoryEdit(id, until),
      api: createDeliveryApi("0:test", { client: { fetch: recording }, autoRetry: false }),
      render: createDeliveryRenderer({ news: app.news, i18n: createI18n() }),
      log: pino({ level: "silent" }),
    });

    const first = await publish(articles[0]!);
    expect(first.deliveries).toBe(READERS.length);
    await deliverAll(app, telegram);
    expect(telegram.sends.filter((s) => s.ok)).toHaveLength(READERS.length);

    const second = await publish(articles[1]!);
    const third = await publish(articles[2]!);
    const story = await app.news.storyOf(first.id);
    expect(story?.articles.map((a) => a.id)).toEqual([first.id, second.id, third.id]);
    expect([second.deliveries, third.deliveries]).toEqual([0, 0]);
    await deliverAll(app, telegram);
    for (const reader of READERS) expect(telegram.delivered().get(reader)).toBe(1);

    // The messages already sent are edited once (the first edit is due at once), with every outlet.
    expect(await editor.runOnce()).toBe(READERS.length);
    expect(new Set(edits.map((e) => Number(e.chat_id)))).toEqual(new Set(READERS));
    const edited = htmlToText(String(edits[0]!.text));
    for (const a of articles.slice(0, 3)) expect(edited).toContain(a.site);
    expect(edited).toMatch(/3 outlets/);
    expect(await editor.runOnce()).toBe(0);

    // The Sources button under the delivered message shows the story: all three outlets.
    api.calls.length = 0;
    await bot.handleUpdate(callbackUpdate(`a:src:${first.id}`, { userId: READERS[0]! }));
    const sources = htmlToText(api.calls.filter((c) => c.method === "sendMessage").map((c) => String(c.payload.text)).join("\n"));
    for (const a of articles.slice(0, 3)) expect(sources).toContain(a.site);

    // The 🧵 Story button of the edited message opens the story card: its articles by time with
    // outlet and language, and Who's who across the story; /story N shows the same card.
    const storyButton = (edits[0]!.reply_markup as { inline_keyboard: { callback_data?: string }[][] }).inline_keyboard.flat().find((b) => b.callback_data?.startsWith("s:"));
    expect(storyButton?.callback_data).toBe(`s:${story!.id}`);
    api.calls.length = 0;
    await bot.handleUpdate(callbackUpdate(storyButton!.callback_data!, { userId: READERS[0]! }));
    const card = htmlToText(api.calls.filter((c) => c.method === "sendMessage").map((c) => String(c.payload.text)).join("\n"));
    expect(card).toContain(`Story #${story!.id}`);
    const listed = articles.slice(0, 3).map((a) => card.indexOf(`${a.site} (${a.language})`));
    expect(listed.every((at) => at >= 0)).toBe(true);
    expect([...listed].sort((x, y) => x - y)).toEqual(listed); // oldest first, as published
    expect(card).toContain("Who's who across the story");
    expect(card).toMatch(/Rubio|Rutte/);
    api.calls.length = 0;
    await bot.handleUpdate(textUpdate(`/story ${story!.id}`, { userId: READERS[1]! }));
    expect(htmlToText(String(api.calls.find((c) => c.method === "sendMessage")?.payload.text))).toBe(card);

    // /latest lists the story once, with its outlets.
    api.calls.length = 0;
    await bot.handleUpdate(textUpdate("/latest 10", { userId: READERS[1]! }));
    const latest = htmlToText(api.calls.filter((c) => c.method === "sendMessage").map((c) => String(c.payload.text)).join("\n"));
    expect(latest.split(articles[0]!.title).length - 1).toBe(1);
    expect(latest).not.toContain(articles[1]!.title);
    expect(latest).toMatch(/3 outlets/);

    // The API carries the story, and the story's articles with their similarity scores.
    const http = createArticlesApi({ publishing, news: app.news, deliveryCounts: app.repos.articleStats.deliveryCounts, adminApiToken: TOKEN });
    const auth = { authorization: `Bearer ${TOKEN}` };
    const article = (await (await http.request(`/articles/${third.id}`, { headers: auth })).json()) as { story: { id: number; articles: number; outlets: number } };
    expect(article.story).toMatchObject({ id: story!.id, articles: 3, outlets: 3 });
    const page = (await (await http.request(`/stories/${story!.id}`, { headers: auth })).json()) as { articles: { id: number; score: number; joinedBy: string }[] };
    expect(page.articles.map((a) => a.id)).toEqual([first.id, second.id, third.id]);
    expect(page.articles[0]!.joinedBy).toBe("first");
    for (const joined of page.articles.slice(1)) expect(joined.score).toBeGreaterThan(0);

    // A fourth outlet within the hour: no message, and the edit waits for the hour (once an hour per message).
    const fourth = await publish(articles[3]!);
    expect(fourth.deliveries).toBe(0);
    expect((await app.news.storyOf(fourth.id))?.id).toBe(story!.id);
    expect(await editor.runOnce()).toBe(0);
    const due = await rowsOf<{ gap: number }>(
      app.database.db,
      sql`select extract(epoch from edit_due_at - edited_at)::int as gap from deliveries where article_id = ${first.id}`,
    );
    expect(due.map((r) => Number(r.gap))).toEqual(READERS.map(() => 3600));

    // An admin splits the third article off: nothing is queued or sent again.
    const sentBefore = telegram.sends.length;
    api.calls.length = 0;
    await bot.handleUpdate(textUpdate(`/story ${story!.id} split ${third.id}`, { userId: ADMIN }));
    expect(htmlToText(String(api.calls.at(-1)?.payload.text))).toContain(`#${third.id}`);
    expect((await app.news.storyOf(third.id))?.articles.map((a) => a.id)).toEqual([third.id]);
    expect((await app.repos.deliveries.countByStatus()).pending).toBe(0);
    await deliverAll(app, telegram);
    expect(telegram.sends.length).toBe(sentBefore);
    firstArticle = first.id;
    secondArticle = second.id;
    thirdArticle = third.id;

    // A reader refused the admin command.
    api.calls.length = 0;
    await bot.handleUpdate(textUpdate(`/story ${story!.id} merge ${third.id}`, { userId: READERS[2]! }));
    expect(String(api.calls.at(-1)?.payload.text)).toMatch(/Only admins/);
  });

  it("a chat that never got the story is still sent its later article", async () => {
    expect((await app.news.storyOf(secondArticle))?.articles.map((a) => a.id).slice(0, 2)).toEqual([firstArticle, secondArticle]);
    const { bot } = createTestBot(app);
    await bot.handleUpdate(textUpdate("/subscribe diplomacy", { userId: 7201 }));
    // The three readers have the story's first article; the new subscriber has nothing of it.
    expect(await app.repos.deliveries.countWanting(secondArticle)).toBe(1);
    expect(await deliveryService(app).enqueueArticle(secondArticle)).toBe(1);
  });

  it("a digest lists an article of a story with the story's outlets", async () => {
    const render = createDeliveryRenderer({ news: app.news, i18n: createI18n() });
    const message = await render(firstArticle, READERS[0]!, "en", [firstArticle]);
    const text = htmlToText(message!.text);
    const outlets = (await app.news.storySummaryOf(firstArticle))!.outlets;
    expect(outlets.length).toBeGreaterThanOrEqual(2);
    expect(text).toContain(`📰 ${outlets.length} outlets: ${outlets.slice(0, 4).join(", ")}`);
  });

  it("the HTTP API splits and merges stories, and answers bad requests with 400, 404 and 409", async () => {
    const delivery = deliveryService(app);
    const publishing = createPublishingService({ news: app.news, broadcast: (id) => delivery.enqueueArticle(id) });
    const http = createArticlesApi({ publishing, news: app.news, deliveryCounts: app.repos.articleStats.deliveryCounts, adminApiToken: TOKEN });
    const post = (path: string, body: unknown) =>
      http.request(path, { method: "POST", headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" }, body: JSON.stringify(body) });
    const main = (await app.news.storyOf(firstArticle))!.id;
    const alone = (await app.news.storyOf(thirdArticle))!.id;
    expect(alone).not.toBe(main);

    const pendingBefore = (await app.repos.deliveries.countByStatus()).pending;
    const merged = await post(`/stories/${main}/merge`, { storyId: alone });
    expect(merged.status).toBe(200);
    expect((await app.news.storyOf(thirdArticle))!.id).toBe(main);
    expect((await post(`/stories/${main}/merge`, { storyId: alone })).status).toBe(409); // it is gone

    const split = await post(`/stories/${main}/split`, { articleId: thirdArticle });
    expect(split.status).toBe(201);
    const { id: created } = (await split.json()) as { id: number };
    expect((await app.news.storyOf(thirdArticle))!.id).toBe(created);
    expect((await app.repos.deliveries.countByStatus()).pending).toBe(pendingBefore);

    expect((await post(`/stories/${main}/split`, { articleId: "x" })).status).toBe(400);
    expect((await post(`/stories/0/merge`, {})).status).toBe(400);
    expect((await post(`/stories/${main}/split`, { articleId: thirdArticle })).status).toBe(409); // no longer in it
    expect((await http.request("/stories/999999", { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
    expect((await http.request(`/stories/${main}`)).status).toBe(401);
  });
});
