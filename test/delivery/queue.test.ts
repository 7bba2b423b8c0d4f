import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.js";
import { createRepositories } from "../../src/db/repositories/index.js";
import { BACKENDS, createSeededApp } from "../support/database.js";
import {
  createFakeTelegram,
  deliveryService,
  publishArticle,
  resetDeliveryTables,
  subscribeChats,
  testWorker,
  waitUntilDrained,
} from "../support/fake-broadcast.js";

type App = Awaited<ReturnType<typeof createSeededApp>>;

describe.each(BACKENDS)("delivery queue (%s)", (backend) => {
  let app: App;
  /** A second connection pool to the same database (Postgres), as another process would have. */
  let other: Database | undefined;
  let otherRepos: App["repos"];

  beforeAll(async () => {
    app = await createSeededApp(backend);
    other = app.database.url ? await openDatabase({ databaseUrl: app.database.url, maxConnections: 5 }) : undefined;
    // PGlite has one connection: the "other worker" shares it, which still proves no double claims.
    otherRepos = other ? createRepositories({ db: other.db }) : app.repos;
  });
  afterAll(async () => {
    await other?.close();
    await app.database.close();
  });
  beforeEach(() => resetDeliveryTables(app));

  it("enqueues one row per active subscribed chat, idempotently, and never for seed articles", async () => {
    const chats = await subscribeChats(app, 6, ["ukraine", "russia"]);
    await app.repos.subscriptions.deactivateChat(chats[0]!, "blocked");
    const unrelated = await subscribeChats(app, 2, ["economy"], 5000);
    const article = await publishArticle(app, ["ukraine", "russia"]);
    const delivery = deliveryService(app);

    // Two publishers racing (two processes) and a repeat: still one row per chat.
    const counts = await Promise.all([delivery.enqueueArticle(article), createDeliveryServiceOn(otherRepos).enqueueArticle(article)]);
    expect(counts[0]! + counts[1]!).toBe(5);
    expect(await delivery.enqueueArticle(article)).toBe(0);
    const rows = await app.repos.deliveries.ofArticle(article);
    expect(rows.map((r) => r.chatId).sort()).toEqual(chats.slice(1).sort());
    expect(rows.some((r) => unrelated.includes(r.chatId))).toBe(false);

    const recent = await Promise.all((await app.news.latest({ limit: 10 })).map((a) => app.news.byId(a.id)));
    const seed = recent.find((a) => a?.origin === "seed")!;
    expect(seed.topics.length).toBeGreaterThan(0);
    await subscribeChats(app, 1, seed.topics, 7000);
    expect(await delivery.enqueueArticle(seed.id)).toBe(0);
    expect(await delivery.enqueueArticle(999_999)).toBe(0);
  });

  it("never hands the same row to two claimers, and takes one row per chat at a time", async () => {
    const chats = await subscribeChats(app, 40, ["usa"]);
    const delivery = deliveryService(app);
    const articles = [await publishArticle(app, ["usa"]), await publishArticle(app, ["usa"])];
    for (const id of articles) await delivery.enqueueArticle(id);

    const claims = await Promise.all(
      Array.from({ length: 6 }, (_, i) => (i % 2 ? otherRepos : app.repos).deliveries.claim({ workerId: `w${i}`, limit: 10, leaseMs: 60_000 })),
    );
    const ids = claims.flat().map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    // One row per chat across all claims: the second article waits until the first is recorded.
    const chatIds = claims.flat().map((r) => r.chatId);
    expect(new Set(chatIds).size).toBe(chatIds.length);
    expect(ids).toHaveLength(40);
    expect(await app.repos.deliveries.claim({ workerId: "late", limit: 10, leaseMs: 60_000 })).toEqual([]);

    // Recording a send pushes the chat's next row by the spacing.
    const row = claims.flat()[0]!;
    await app.repos.deliveries.markSentMany([{ id: row.id, chatId: row.chatId, messageId: 1, spacingMs: 60_000 }]);
    expect(await app.repos.deliveries.claim({ workerId: "late", limit: 10, leaseMs: 60_000 })).toEqual([]);
    expect(chats).toContain(row.chatId);
  });

  it("records many sends in one call, and pushes each chat's other pending rows by its spacing", async () => {
    const chats = await subscribeChats(app, 4, ["russia"]);
    const delivery = deliveryService(app);
    const first = await publishArticle(app, ["russia"]);
    const second = await publishArticle(app, ["russia"]);
    await delivery.enqueueArticle(first);
    await delivery.enqueueArticle(second);
    const claimed = await app.repos.deliveries.claim({ workerId: "w", limit: 10, leaseMs: 60_000 });
    expect(claimed.map((r) => r.articleId)).toEqual(chats.map(() => first));

    await app.repos.deliveries.markSentMany(
      claimed.slice(0, 3).map((r, i) => ({ id: r.id, chatId: r.chatId, messageId: 500 + i, spacingMs: i === 0 ? 60_000 : 0 })),
    );
    const rows = await app.repos.deliveries.ofArticle(first);
    expect(rows.filter((r) => r.status === "sent").map((r) => [r.chatId, r.messageId, r.leasedBy, r.attempts])).toEqual(
      claimed.slice(0, 3).map((r, i) => [r.chatId, 500 + i, null, 1]),
    );
    // The fourth chat's row is still leased: its second article waits. Of the three recorded
    // chats, the one with a minute of spacing waits too; the two without are due at once.
    const next = await app.repos.deliveries.claim({ workerId: "w", limit: 10, leaseMs: 60_000 });
    expect(next.map((r) => [r.articleId, r.chatId]).sort()).toEqual(claimed.slice(1, 3).map((r) => [second, r.chatId]).sort());
  });

  it("makes rows of a dead worker due again once the lease expires, and releases on request", async () => {
    await subscribeChats(app, 5, ["nato"]);
    await deliveryService(app).enqueueArticle(await publishArticle(app, ["nato"]));
    const dead = await app.repos.deliveries.claim({ workerId: "dead", limit: 10, leaseMs: 300 });
    expect(dead).toHaveLength(5);
    expect(await otherRepos.deliveries.claim({ workerId: "alive", limit: 10, leaseMs: 60_000 })).toEqual([]);
    await new Promise((r) => setTimeout(r, 400));
    const retaken = await otherRepos.deliveries.claim({ workerId: "alive", limit: 10, leaseMs: 60_000 });
    expect(retaken.map((r) => r.id).sort()).toEqual(dead.map((r) => r.id).sort());

    expect(await otherRepos.deliveries.release("alive", [retaken[0]!.id])).toBe(1);
    expect(await app.repos.deliveries.release("alive")).toBe(4);
    expect(await app.repos.deliveries.claim({ workerId: "next", limit: 10, leaseMs: 60_000 })).toHaveLength(5);
  });

  it("tells a worker how long it may sleep: nothing pending is 'no deadline', not 'due now'", async () => {
    expect(await app.repos.deliveries.msUntilNextDue()).toBeUndefined();
    await subscribeChats(app, 1, ["economy"]);
    await deliveryService(app).enqueueArticle(await publishArticle(app, ["economy"]));
    expect(await app.repos.deliveries.msUntilNextDue()).toBe(0);
    await app.repos.deliveries.claim({ workerId: "w", limit: 10, leaseMs: 60_000 });
    const untilLeaseEnds = await app.repos.deliveries.msUntilNextDue();
    expect(untilLeaseEnds).toBeGreaterThan(50_000);
    expect(untilLeaseEnds).toBeLessThanOrEqual(60_000);
  });

  it("an idle worker looks at an empty queue once per idle period, not ten times a second", async () => {
    let claims = 0;
    const deliveries = { ...app.repos.deliveries, claim: (...args: Parameters<App["repos"]["deliveries"]["claim"]>) => (claims++, app.repos.deliveries.claim(...args)) };
    const worker = testWorker({ ...app, repos: { ...app.repos, deliveries } }, createFakeTelegram(), { idleMs: 400 });
    worker.start();
    await new Promise((r) => setTimeout(r, 1300));
    await worker.stop();
    // About 1300 / 400 + 1 = 4 looks; the old "empty means due now" answer gave one every 100 ms (13).
    expect(claims).toBeGreaterThanOrEqual(1);
    expect(claims).toBeLessThanOrEqual(6);
  });

  it("two workers on one database deliver every row exactly once", async () => {
    const chats = await subscribeChats(app, 60, ["europe"]);
    const delivery = deliveryService(app);
    for (let i = 0; i < 2; i++) await delivery.enqueueArticle(await publishArticle(app, ["europe"]));
    const telegram = createFakeTelegram({ latencyMs: () => Math.floor(Math.random() * 5) });
    const appOther = { ...app, repos: otherRepos };
    const workers = [
      testWorker(app, telegram, { rate: 500, batchSize: 7, workerId: "a" }),
      testWorker(appOther, telegram, { rate: 500, batchSize: 7, workerId: "b" }),
    ];
    for (const worker of workers) worker.start();
    try {
      await waitUntilDrained(app);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
    expect(telegram.sends).toHaveLength(120);
    for (const chatId of chats) expect(telegram.delivered().get(chatId)).toBe(2);
    expect(await app.repos.deliveries.countByStatus()).toMatchObject({ sent: 120, pending: 0, failed: 0 });
  });
});

function createDeliveryServiceOn(repos: App["repos"]) {
  return deliveryService({ repos } as App);
}
