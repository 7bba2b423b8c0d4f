/**
 * Admins add topics without editing seeds/: `/topics add` in Telegram and `POST /api/topics`; an
 * article published afterwards gets the topic from its keywords, stemmed in its language.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createArticlesApi } from "../../src/http/articles-api.js";
import { createPublishingService } from "../../src/news/publishing.js";
import { createTestBot } from "../support/bot.js";
import { BACKENDS, createSeededApp } from "../support/database.js";
import { htmlToText, textUpdate } from "../support/telegram.js";

const ADMIN = 4242;
const TOKEN = "test-admin-token-0123456789";

describe.each(BACKENDS)("admins add topics (%s)", (backend) => {
  let app: Awaited<ReturnType<typeof createSeededApp>>;
  beforeAll(async () => {
    app = await createSeededApp(backend);
  });
  afterAll(() => app?.database.close());

  it("/topics add: an admin's topic is named and keyed in their language; a reader may not add one", async () => {
    const { bot, api, app: botApp } = createTestBot(app, { adminIds: [ADMIN] });
    await bot.handleUpdate(textUpdate("/topics add espace Espace | fusée, orbite, astronaute", { userId: 77, languageCode: "fr" }));
    expect(await botApp.news.resolveTopic("espace")).toBeUndefined();
    await bot.handleUpdate(textUpdate("/topics add espace Espace | fusée, orbite, astronaute", { userId: ADMIN, languageCode: "fr" }));
    const replies = api.of("sendMessage").map((c) => htmlToText(String(c.payload.text)));
    expect(replies[1]).toMatch(/Espace.*espace.*3/s);
    const topic = await botApp.news.resolveTopic("Espace");
    expect(topic).toMatchObject({ slug: "espace", names: { en: "Espace", fr: "Espace" }, keywords: { fr: ["fusée", "orbite", "astronaute"] } });
    // The same again is refused, politely.
    await bot.handleUpdate(textUpdate("/topics add espace Espace | fusée", { userId: ADMIN, languageCode: "fr" }));
    expect(htmlToText(String(api.of("sendMessage")[2]!.payload.text))).toMatch(/existe déjà/);
    // An article about it gets it from the inflected keywords ("fusées", "astronautes").
    const published = await app.news.publish({
      title: "Lancement réussi à Kourou",
      body: "Les fusées ont décollé mardi. Deux astronautes sont en orbite depuis le matin et la mission se poursuit.",
      language: "fr",
      origin: "api",
    });
    expect((await app.news.byId(published.id))!.topics).toContain("espace");
  });

  it("POST /api/topics: 201, 400 with every problem, 409 for a slug or name already there; GET lists them", async () => {
    const publishing = createPublishingService({ news: app.news, broadcast: async () => 0 });
    const http = createArticlesApi({ publishing, news: app.news, deliveryCounts: app.repos.articleStats.deliveryCounts, adminApiToken: TOKEN });
    const post = (body: unknown) =>
      http.request("/topics", { method: "POST", headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" }, body: JSON.stringify(body) });
    const created = await post({ slug: "chess", names: { en: "Chess", ru: "Шахматы" }, keywords: { en: ["chess", "grandmaster"], ru: ["шахматы", "гроссмейстер"] } });
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ slug: "chess" });
    const bad = await post({ slug: "Bad Slug!", names: {} });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(expect.arrayContaining(["slug", "names.en"]));
    expect((await post({ slug: "echecs", names: { en: "Chess" } })).status).toBe(409);
    const list = (await (await http.request("/topics", { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as { topics: { slug: string }[] };
    expect(list.topics.map((t) => t.slug)).toContain("chess");
    const unauthorised = await http.request("/topics", { method: "POST", body: "{}" });
    expect(unauthorised.status).toBe(401);
  });
});
