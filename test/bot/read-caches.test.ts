/**
 * The in-memory copies the bot reads instead of the database: the admin list that decides whether
 * /post conversation state is worth loading, the newest-articles cache and the entity card cache. Each is a hint or a
 * short-lived copy; these tests pin how fresh it is and that rights still come from the database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdminService } from "../../src/admin/admins.js";
import { createEntityCardCache } from "../../src/bot/entity-card-cache.js";
import { createNewsCache } from "../../src/bot/news-cache.js";
import type { AdminRepository } from "../../src/db/repositories/admins.js";
import type { CitationView, LatestArticle } from "../../src/db/repositories/articles.js";
import type { EntityCardData } from "../../src/db/repositories/entities.js";
import { createTestBot } from "../support/bot.js";
import { BACKENDS, createSeededApp } from "../support/database.js";
import { callbackUpdate, htmlToText, textUpdate } from "../support/telegram.js";

/** An admins table in memory that counts its reads. */
function fakeAdminRepo(initial: number[] = []) {
  const rows = new Set(initial);
  let lists = 0;
  const repo: AdminRepository = {
    isAdmin: async (userId) => rows.has(userId),
    add: async (userId) => !rows.has(userId) && Boolean(rows.add(userId)),
    remove: async (userId) => rows.delete(userId),
    list: async () => (lists++, [...rows].map((userId) => ({ userId, addedBy: null, createdAt: new Date(0) }))),
  };
  return { repo, rows, lists: () => lists };
}

describe("the admin service's in-memory list", () => {
  it("reads the table once, follows changes made through the service, and reloads when old", async () => {
    let now = 0;
    const table = fakeAdminRepo([5]);
    const admins = createAdminService({ repo: table.repo, configAdminIds: [1], refreshMs: 1000, now: () => now });
    expect(await admins.mayBeAdmin(1)).toBe(true);
    expect(table.lists()).toBe(0); // ADMIN_IDS need no read
    expect(await admins.mayBeAdmin(5)).toBe(true);
    expect(await admins.mayBeAdmin(6)).toBe(false);
    expect(table.lists()).toBe(1);

    await admins.add(6, 1);
    await admins.remove(5);
    expect([await admins.mayBeAdmin(5), await admins.mayBeAdmin(6)]).toEqual([false, true]);

    table.rows.add(7); // another process adds an admin
    expect(await admins.mayBeAdmin(7)).toBe(false);
    expect(await admins.isAdmin(7)).toBe(true); // the authoritative check asks the table, and teaches the list
    expect(await admins.mayBeAdmin(7)).toBe(true);

    table.rows.add(8);
    now = 1500;
    await admins.mayBeAdmin(8); // stale: reloads in the background
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await admins.mayBeAdmin(8)).toBe(true);
    expect(table.lists()).toBe(2);
  });

  it("never grants a right: isAdmin answers from the table even when the list is stale", async () => {
    const table = fakeAdminRepo([5]);
    const admins = createAdminService({ repo: table.repo, configAdminIds: [], refreshMs: 60_000 });
    expect(await admins.mayBeAdmin(5)).toBe(true);
    table.rows.delete(5); // removed by another process
    expect(await admins.mayBeAdmin(5)).toBe(true);
    expect(await admins.isAdmin(5)).toBe(false);
    expect(await admins.mayBeAdmin(5)).toBe(false);
  });
});

describe("the news cache", () => {
  function fakeNews() {
    let reads = 0;
    let fail = false;
    let newest = 1;
    return {
      reads: () => reads,
      publish: () => newest++,
      failNext: () => void (fail = true),
      // Only what the cache looks at; the rest of a real row does not matter here.
      news: {
        latest: async (request: { limit?: number; topicSlug?: string } = {}) => {
          reads++;
          if (fail) {
            fail = false;
            throw new Error("db down");
          }
          return [{ id: newest, limit: request.limit, topic: request.topicSlug }] as unknown as LatestArticle[];
        },
        citationsOf: async (articleId: number) => (reads++, [{ articleId }] as unknown as CitationView[]),
        byId: async (id: number) => ({ id }),
      },
    };
  }

  it("answers the same list from memory until it expires or is invalidated", async () => {
    let now = 0;
    const source = fakeNews();
    const news = createNewsCache(source.news, { ttlMs: 5000, now: () => now });
    expect(await news.latest({ limit: 3 })).toEqual([{ id: 1, limit: 3, topic: undefined }]);
    expect(await news.latest({ limit: 3 })).toEqual([{ id: 1, limit: 3, topic: undefined }]);
    expect(await news.latest({ limit: 3, topicSlug: "usa" })).toEqual([{ id: 1, limit: 3, topic: "usa" }]);
    expect(source.reads()).toBe(2);

    source.publish();
    expect((await news.latest({ limit: 3 }))[0]!.id).toBe(1); // another process published: not seen yet
    now = 5001;
    expect((await news.latest({ limit: 3 }))[0]!.id).toBe(2); // …until the entry expires

    source.publish();
    news.invalidate(); // this process published
    expect((await news.latest({ limit: 3 }))[0]!.id).toBe(3);
    await news.citationsOf(3);
    await news.citationsOf(3);
    expect(source.reads()).toBe(5);
    expect(await news.byId(9)).toEqual({ id: 9 }); // not cached: passes through
  });

  it("shares one read between concurrent requests and does not keep a failure", async () => {
    const source = fakeNews();
    const news = createNewsCache(source.news);
    await Promise.all([news.latest(), news.latest(), news.latest()]);
    expect(source.reads()).toBe(1);
    news.invalidate();
    source.failNext();
    await expect(news.latest()).rejects.toThrow("db down");
    expect(await news.latest()).toHaveLength(1);
    expect(source.reads()).toBe(3);
  });
});

describe("the entity card cache", () => {
  const SIZES = { roles: 3, mentions: 5, related: 6 };
  /** Cards whose name carries the read's number, so a test sees which read answered. */
  function fakeEntities() {
    let reads = 0;
    let fail = false;
    return {
      reads: () => reads,
      failNext: () => void (fail = true),
      entities: {
        card: async (entityId: number, sizes: typeof SIZES) => {
          reads++;
          if (fail) {
            fail = false;
            throw new Error("db down");
          }
          if (entityId === 404) return undefined;
          return { entity: { id: entityId, name: `read ${reads}` }, mentionCount: 0, roles: [], mentions: [], related: [] } as unknown as EntityCardData;
        },
        search: async () => [],
      },
    };
  }

  it("reuses a card until it expires or is invalidated, per entity and per card size", async () => {
    let now = 1000;
    const source = fakeEntities();
    const entities = createEntityCardCache(source.entities, { ttlMs: 5000, now: () => now });
    expect((await entities.card(7, SIZES))?.entity.name).toBe("read 1");
    expect((await entities.card(7, SIZES))?.entity.name).toBe("read 1");
    expect((await entities.card(8, SIZES))?.entity.name).toBe("read 2");
    expect((await entities.card(7, { ...SIZES, mentions: 20 }))?.entity.name).toBe("read 3");
    now = 6001;
    expect((await entities.card(7, SIZES))?.entity.name).toBe("read 4");
    entities.invalidate();
    expect((await entities.card(7, SIZES))?.entity.name).toBe("read 5");
    expect(await entities.search()).toEqual([]); // not cached: passes through
  });

  it("keeps neither a failure nor an unknown entity", async () => {
    const source = fakeEntities();
    const entities = createEntityCardCache(source.entities);
    source.failNext();
    await expect(entities.card(7, SIZES)).rejects.toThrow("db down");
    expect((await entities.card(7, SIZES))?.entity.name).toBe("read 2");
    expect(await entities.card(404, SIZES)).toBeUndefined();
    expect(await entities.card(404, SIZES)).toBeUndefined();
    expect(source.reads()).toBe(4);
  });
});

describe.each(BACKENDS)("admins changed by another process (%s)", (backend) => {
  const ROOT = 100;
  const HELPER = 300;
  const ARTICLE = "Envoys meet in Abu Dhabi\nThe delegations met on Monday to discuss prisoner exchanges and a ceasefire line.";
  let app: Awaited<ReturnType<typeof createSeededApp>>;
  beforeAll(async () => {
    app = await createSeededApp(backend);
  });
  afterAll(() => app?.database.close());

  it("a new admin can /post at once on an instance whose list predates them; a removed one cannot publish there", async () => {
    const first = createTestBot(app, { adminIds: [ROOT] });
    const second = createTestBot(app, { adminIds: [ROOT] });
    const say = async (bot: typeof first, update: Parameters<typeof bot.bot.handleUpdate>[0]) => {
      bot.api.clear();
      await bot.bot.handleUpdate(update);
      return bot.api.calls.map((c) => htmlToText(String(c.payload.text ?? ""))).join("\n");
    };
    await say(second, textUpdate("hello", { userId: HELPER })); // the second instance loads its list now
    expect(await say(first, textUpdate(`/admins add ${HELPER}`, { userId: ROOT }))).toContain("is now an admin");

    expect(await say(second, textUpdate("/post", { userId: HELPER }))).toContain("Send me the article");
    expect(await say(second, textUpdate(ARTICLE, { userId: HELPER }))).toContain("Preview");

    expect(await say(first, textUpdate(`/admins remove ${HELPER}`, { userId: ROOT }))).toContain("no longer an admin");
    const articles = await app.repos.articles.count();
    expect(await say(second, callbackUpdate("post:publish", { userId: HELPER }))).toMatch(/only the bot’s admins can publish/);
    expect(await app.repos.articles.count()).toBe(articles);
  });
});
