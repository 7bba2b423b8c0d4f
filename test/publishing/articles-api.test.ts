import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createArticlesApi, articlesApiDisabledReason, ARTICLES_API_BODY_LIMIT } from "../../src/http/articles-api.js";
import { createPublishingService } from "../../src/news/publishing.js";
import { BACKENDS, createSeededApp } from "../support/database.js";

const TOKEN = "test-admin-token-0123456789";
type App = Awaited<ReturnType<typeof createSeededApp>>;

describe.each(BACKENDS)("articles API (%s)", (backend) => {
  let app: App;
  let api: ReturnType<typeof createArticlesApi>;
  const broadcasts: number[] = [];

  beforeAll(async () => {
    app = await createSeededApp(backend);
    const publishing = createPublishingService({ news: app.news, broadcast: async (id) => (broadcasts.push(id), 2) });
    api = createArticlesApi({ publishing, news: app.news, deliveryCounts: app.repos.articleStats.deliveryCounts, adminApiToken: TOKEN });
  });
  afterAll(async () => {
    await app.database.close();
  });

  const post = (body: unknown, headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) =>
    api.request("/articles", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
  const get = (id: string, headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) => api.request(`/articles/${id}`, { headers });

  let publishedId: number;

  it("201: publishes, broadcasts once and answers with the id and deliveries", async () => {
    const response = await post({
      title: "Ceasefire talks in Geneva",
      body: "Negotiators met in Geneva on Tuesday. They agreed to meet again next week.",
      url: "https://example.com/geneva",
      topics: ["diplomacy", "Ukraine", "États-Unis"],
      language: "en",
      publishedAt: "2025-11-21T08:00:00Z",
      summary: "Negotiators will meet again.",
    });
    expect(response.status).toBe(201);
    const json = (await response.json()) as { id: number; deliveries: number };
    expect(json).toEqual({ id: expect.any(Number), deliveries: 2 });
    expect(broadcasts).toEqual([json.id]);
    publishedId = json.id;
    const stored = await app.news.byId(json.id);
    expect(stored).toMatchObject({ title: "Ceasefire talks in Geneva", origin: "api", summary: "Negotiators will meet again.", language: "en" });
    expect(stored!.topics.sort()).toEqual(["diplomacy", "ukraine", "usa"]);
    expect(stored!.publishedAt.toISOString()).toBe("2025-11-21T08:00:00.000Z");
  });

  it("400: lists every problem at once, unknown topics included", async () => {
    const response = await post({ title: "", url: "ftp://x", topics: ["diplomacy", "Atlantis", 7], language: "english", publishedAt: "yesterday" });
    expect(response.status).toBe(400);
    const { errors } = (await response.json()) as { errors: { path: string; message: string }[] };
    const paths = errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["title", "body", "url", "topics.2", "language", "publishedAt"]));
    expect(errors.find((e) => e.path === "body")!.message).toBe("body is required");
    expect(errors.map((e) => e.message)).toContain('unknown topic "Atlantis"');
  });

  it("400: unknown topics alone, and malformed JSON, and a non-object", async () => {
    const unknown = await post({ title: "T", body: "Some body text.", topics: ["Mars"] });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({ errors: [{ path: "topics.0", message: 'unknown topic "Mars"' }] });
    const malformed = await post('{"title": "T", ');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({ errors: [{ path: "", message: "the request body is not valid JSON" }] });
    const array = await post([1, 2]);
    expect(array.status).toBe(400);
  });

  it("401: without a token, with a wrong one, with another scheme", async () => {
    const body = { title: "T", body: "B" };
    for (const headers of [{} as Record<string, string>, { authorization: "Bearer wrong-token-0123456789" }, { authorization: `Basic ${TOKEN}` }, { authorization: `Bearer ${TOKEN}x` }]) {
      const response = await post(body, headers);
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toContain("Bearer");
    }
    expect((await get(String(publishedId), {})).status).toBe(401);
  });

  it("409: the same URL or the same body again, with the existing id", async () => {
    const sameUrl = await post({ title: "Other title", body: "Completely different text.", url: "https://example.com/geneva" });
    expect(sameUrl.status).toBe(409);
    expect(await sameUrl.json()).toMatchObject({ id: publishedId });
    const sameBody = await post({ title: "Another", body: "Negotiators  met in Geneva on Tuesday. They agreed to meet again next week." });
    expect(sameBody.status).toBe(409);
    expect(await sameBody.json()).toMatchObject({ id: publishedId });
    expect(broadcasts).toHaveLength(1);
  });

  it("413: a body over 1 MB, with or without Content-Length", async () => {
    const before = await app.repos.articles.count();
    const huge = JSON.stringify({ title: "Huge", body: "x".repeat(ARTICLES_API_BODY_LIMIT) });
    const declared = await post(huge);
    expect(declared.status).toBe(413);
    const encoder = new TextEncoder();
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(encoder.encode(huge));
        controller.close();
      },
    });
    const streamed = await api.request("/articles", {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(await app.repos.articles.count()).toBe(before);
  });

  it("GET: the stored article with its delivery counts", async () => {
    // Two deliveries as the delivery queue would have written them.
    await app.repos.chats.upsert({ id: 501, type: "private" });
    await app.repos.chats.upsert({ id: 502, type: "private" });
    await app.database.db.execute(
      sql`insert into deliveries (article_id, chat_id, status) values (${publishedId}, 501, 'sent'), (${publishedId}, 502, 'pending')`,
    );
    const response = await get(String(publishedId));
    expect(response.status).toBe(200);
    const json = (await response.json()) as Record<string, unknown>;
    expect(json).toMatchObject({
      id: publishedId,
      title: "Ceasefire talks in Geneva",
      url: "https://example.com/geneva",
      publishedAt: "2025-11-21T08:00:00.000Z",
      origin: "api",
      deliveries: { pending: 1, sent: 1, failed: 0, cancelled: 0, total: 2 },
    });
  });

  it("GET: 400 for an id that is not a positive integer, 404 for a missing one", async () => {
    for (const id of ["0", "-1", "abc", "1.5", "99999999999"]) expect((await get(id)).status, id).toBe(400);
    const missing = await get("987654");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ errors: [{ path: "id", message: "there is no article 987654" }] });
  });
});

describe("articles API switch", () => {
  it("is off without ADMIN_API_TOKEN, and says why", () => {
    expect(articlesApiDisabledReason({})).toMatch(/ADMIN_API_TOKEN is not set/);
    expect(articlesApiDisabledReason({ adminApiToken: TOKEN })).toBeUndefined();
  });
});

describe.each(BACKENDS)("articles API when queueing fails (%s)", (backend) => {
  it("500 names the stored article, so it can be re-queued instead of re-posted", async () => {
    const app = await createSeededApp(backend);
    try {
      const publishing = createPublishingService({
        news: app.news,
        broadcast: async () => {
          throw new Error("queue down");
        },
      });
      const api = createArticlesApi({ publishing, news: app.news, deliveryCounts: app.repos.articleStats.deliveryCounts, adminApiToken: TOKEN });
      const response = await api.request("/articles", {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({ title: "Queue test", body: "A body for the failing queue." }),
      });
      expect(response.status).toBe(500);
      const json = (await response.json()) as { id: number };
      expect((await app.news.byId(json.id))?.title).toBe("Queue test");
    } finally {
      await app.database.close();
    }
  });
});
