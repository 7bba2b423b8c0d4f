/**
 * Feeds end to end, through the real app (createApp): an admin adds a feed in Telegram, the
 * fetcher reads it from a local publisher, its archive is stored quietly, new items reach the
 * topic's subscribers once through the real queue and worker, with the page's full text. Also:
 * conditional GET, dedup across feeds, Retry-After, failures and the one notice, review mode, the
 * HTTP API and OPML, refused addresses, and two fetchers sharing the feeds.
 */
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createApp, type App } from "../../src/app.js";
import { createBot } from "../../src/bot/create-bot.js";
import { createArticlesApi } from "../../src/http/articles-api.js";
import { articlePage, rss, startFeedServer, type FeedServer, type TestItem } from "../support/feed-server.js";
import { BACKENDS, createTestDatabase, type TestDatabase } from "../support/database.js";
import { callbackUpdate, createRecordingApi, htmlToText, TEST_BOT_INFO, TEST_TOKEN, textUpdate } from "../support/telegram.js";
import { madeUpParagraphs, madeUpWords } from "../support/text.js";

const ADMIN = 500;
const READER = 501;
const API_TOKEN = "feeds-api-token-0123456789";

const PARAGRAPHS = [
  "The harbour authority of the port city announced on Tuesday that the northern quay will close for repairs for six weeks.",
  "According to the authority, cracks were found in the concrete after the winter storms, and ferries will use the southern quay instead.",
  "The mayor said the works would cost about four million euros, paid by the regional government and the port itself.",
  "Fishermen told the local radio that the closure comes at the worst moment of the season and asked for compensation.",
  "The authority expects the quay to reopen before the summer, when cruise ships return to the city.",
];

function item(n: number, options: Partial<TestItem> = {}): TestItem {
  return {
    guid: `item-${n}`,
    // Item 5 is the quay story whose page the test reads; the others are other events.
    title: n === 5 ? "Harbour news number 5: the northern quay" : `Harbour news number ${n}: ${madeUpWords(`title-${n}`, 3)}`,
    link: `PAGE/${n}?utm_source=rss&utm_medium=feed`,
    text: n === 5 ? "Short teaser 5 about the quay." : `Short teaser ${n}: ${madeUpWords(`teaser-${n}`, 8)}.`,
    date: new Date(Date.now() - (10 - n) * 60_000),
    ...options,
  };
}

describe.each(BACKENDS)("feeds (%s)", (backend) => {
  let database: TestDatabase;
  let app: App;
  let server: FeedServer;
  const telegram = createRecordingApi();
  let bot: ReturnType<typeof createBot>;

  const withPages = (items: TestItem[]) => items.map((i) => ({ ...i, link: i.link.replace("PAGE", server.url("/story")) }));
  const pendingDeliveries = async () => (await app.repos.deliveries.countByStatus()).pending;
  const makeAllDue = () => database.db.execute(sql`update feeds set next_fetch_at = now() - interval '1 second', lease_until = null`);

  beforeAll(async () => {
    server = await startFeedServer();
    database = await createTestDatabase(backend);
    await database.migrate();
    app = createApp(database, {
      log: pino({ level: "silent" }),
      adminIds: [ADMIN],
      feeds: { minIntervalSeconds: 300, allowedAddresses: ["127.0.0.1"] },
    });
    await app.seed();
    bot = createBot(app.deps, { token: TEST_TOKEN, botInfo: TEST_BOT_INFO, client: { fetch: telegram.fetch }, autoRetry: false });
    for (let n = 1; n <= 12; n++) server.serve(`/story/${n}?utm_source=rss&utm_medium=feed`, { headers: { "content-type": "text/html; charset=utf-8" }, body: articlePage(`Story ${n}`, n === 5 ? PARAGRAPHS : madeUpParagraphs(`page-${n}`)) });
  });
  afterEach(() => telegram.clear());
  afterAll(async () => {
    await server.close();
    await database.close();
  });

  it("an admin adds a feed; its archive is stored quietly; three new items reach the topic's subscriber once, with full text", async () => {
    server.serve("/harbour.xml", (request) =>
      request.headers["if-none-match"] === '"v1"'
        ? { status: 304 }
        : { headers: { "content-type": "application/rss+xml", etag: '"v1"' }, body: rss("Harbour Times", withPages([item(1), item(2)])) },
    );
    await bot.handleUpdate(textUpdate("/subscribe economy", { userId: READER }));
    telegram.clear();

    await bot.handleUpdate(textUpdate(`/feeds add ${server.url("/harbour.xml")} economy`, { userId: ADMIN }));
    expect(htmlToText(telegram.texts().at(-1)!)).toMatch(/Feed #\d+ added: Harbour Times/);
    const [feed] = await app.feeds.list();
    expect(feed).toMatchObject({ title: "Harbour Times", topics: ["economy"], state: "active", primed: false });

    // The fetcher reads it: two archive items stored, nothing queued.
    const poller = app.createFeedPoller(TEST_TOKEN, { fetch: telegram.fetch }, { idleMs: 60_000 });
    await poller.pollDue();
    expect((await app.feeds.list())[0]).toMatchObject({ primed: true, itemCount: 2, lastStatus: 200 });
    expect(await pendingDeliveries()).toBe(0);
    // The archive's items were not worth a page fetch.
    expect(server.requests.filter((r) => r.path.startsWith("/story/"))).toHaveLength(0);

    // A second fetch is conditional and costs nothing.
    await makeAllDue();
    await poller.pollDue();
    const conditional = server.requestsTo("/harbour.xml").at(-1)!;
    expect(conditional.headers["if-none-match"]).toBe('"v1"');
    expect(conditional.headers["user-agent"]).toMatch(/NewsBot/);
    expect((await app.feeds.list())[0]).toMatchObject({ lastStatus: 304, itemCount: 2 });

    // Three new items appear.
    server.serve("/harbour.xml", { headers: { "content-type": "application/rss+xml", etag: '"v2"' }, body: rss("Harbour Times", withPages([5, 4, 3, 2, 1].map((n) => item(n)))) });
    await makeAllDue();
    await poller.pollDue();
    expect(await pendingDeliveries()).toBe(3);
    expect(server.requests.filter((r) => r.path.startsWith("/story/")).map((r) => r.path.split("?")[0]).sort()).toEqual(["/story/3", "/story/4", "/story/5"]);

    // The worker sends them; the same fetch again adds nothing.
    await makeAllDue();
    await poller.pollDue();
    const worker = app.startDeliveryWorker(TEST_TOKEN, { fetch: telegram.fetch }, { autoRetry: false, spacingMs: { private: 0, group: 0 }, idleMs: 20 });
    for (let i = 0; i < 200 && (await pendingDeliveries()) > 0; i++) await new Promise((r) => setTimeout(r, 25));
    await worker.stop();
    const toReader = telegram.of("sendMessage").filter((c) => c.payload.chat_id === READER);
    expect(toReader).toHaveLength(3);
    expect(toReader.map((c) => htmlToText(String(c.payload.text)))).toEqual([
      expect.stringContaining("Harbour news number 3"),
      expect.stringContaining("Harbour news number 4"),
      expect.stringContaining("Harbour news number 5"),
    ]);

    // The stored article is the page's text (no navigation, footer or script), under its clean link.
    const latest = await app.news.latest({ limit: 1 });
    const article = (await app.news.byId(latest[0]!.id))!;
    expect(article.url).toBe(server.url("/story/5"));
    expect(article.body).toContain("cracks were found in the concrete");
    expect(article.body).not.toMatch(/All rights reserved|Most read|window\.tracking/);
    // Full text and Sources through the buttons under the message.
    telegram.clear();
    await bot.handleUpdate(callbackUpdate(`a:full:${article.id}`, { userId: READER }));
    expect(htmlToText(telegram.texts().join("\n"))).toContain("The mayor said the works would cost about four million euros");
    telegram.clear();
    await bot.handleUpdate(callbackUpdate(`a:src:${article.id}`, { userId: READER }));
    // The Sources card gives the clean original link; Who's who answers too.
    expect(htmlToText(telegram.texts().join("\n"))).toContain(server.url("/story/5"));
    telegram.clear();
    await bot.handleUpdate(callbackUpdate(`a:who:${article.id}`, { userId: READER }));
    expect(telegram.texts().length).toBeGreaterThan(0);
  });

  it("the same article in a second feed, with other tracking parameters, is stored once", async () => {
    const before = (await app.news.latest({ limit: 10 })).length;
    const shared = { guid: "other-guid-5", title: "Harbour news number 5: the northern quay", link: server.url("/story/5?utm_campaign=x&fbclid=abc"), text: "Short teaser 5 about the quay." };
    server.serve("/second.xml", { body: rss("Second Paper", [{ ...shared, date: new Date(Date.now() - 60_000) }]) });
    const added = await app.feeds.add({ url: server.url("/second.xml") });
    expect(added.status).toBe("added");
    // Primed on the first fetch, then the item appears as news there too.
    const poller = app.createFeedPoller(TEST_TOKEN, { fetch: telegram.fetch });
    server.serve("/second.xml", { body: rss("Second Paper", []) });
    await poller.pollDue();
    server.serve("/second.xml", { body: rss("Second Paper", [{ ...shared, date: new Date() }]) });
    await makeAllDue();
    await poller.pollDue();
    const second = (await app.feeds.list()).find((f) => f.title === "Second Paper")!;
    expect(second.duplicateCount).toBe(1);
    expect((await app.news.latest({ limit: 10 })).length).toBe(before);
    expect(await pendingDeliveries()).toBe(0);
  });

  it("honours Retry-After, records failures, and tells admins once when a feed has failed for a day", async () => {
    const added = await app.feeds.add({ url: server.url("/harbour.xml") });
    expect(added.status).toBe("exists");
    server.serve("/busy.xml", { body: rss("Busy", []) });
    const busy = await app.feeds.add({ url: server.url("/busy.xml") });
    if (busy.status !== "added") throw new Error("not added");
    await database.db.execute(sql`update feeds set state = 'paused' where id <> ${busy.id}`);
    server.serve("/busy.xml", { status: 429, headers: { "retry-after": "3600" }, body: "slow down" });
    const poller = app.createFeedPoller(TEST_TOKEN, { fetch: telegram.fetch });
    await poller.pollDue();
    let feed = (await app.feeds.list()).find((f) => f.id === busy.id)!;
    expect(feed).toMatchObject({ state: "active", lastStatus: 429, consecutiveFailures: 1, lastError: "HTTP 429" });
    expect(feed.nextFetchAt.getTime() - Date.now()).toBeGreaterThan(3000 * 1000);

    // A day of failures: failing, and one notice to the admin, not one per attempt.
    server.serve("/busy.xml", { body: '<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><item><title>oops</item></channel></rss>' });
    await database.db.execute(sql`update feeds set failing_since = now() - interval '25 hours' where id = ${busy.id}`);
    telegram.clear();
    for (let attempt = 0; attempt < 3; attempt++) {
      await makeAllDue();
      await poller.pollDue();
    }
    feed = (await app.feeds.list()).find((f) => f.id === busy.id)!;
    expect(feed.state).toBe("failing");
    expect(feed.lastError).toMatch(/not a valid feed/);
    const notices = telegram.of("sendMessage").filter((c) => c.payload.chat_id === ADMIN);
    expect(notices).toHaveLength(1);
    expect(htmlToText(String(notices[0]!.payload.text))).toMatch(/has failed for a day/);

    // A week: disabled (one more notice), and no longer fetched.
    await database.db.execute(sql`update feeds set failing_since = now() - interval '8 days' where id = ${busy.id}`);
    await makeAllDue();
    await poller.pollDue();
    expect((await app.feeds.list()).find((f) => f.id === busy.id)!.state).toBe("disabled");
    const fetches = server.requestsTo("/busy.xml").length;
    await makeAllDue();
    await poller.pollDue();
    expect(server.requestsTo("/busy.xml").length).toBe(fetches);
    expect(telegram.of("sendMessage").filter((c) => c.payload.chat_id === ADMIN)).toHaveLength(2);
    await database.db.execute(sql`update feeds set state = 'active' where state = 'paused'`);
  });

  it("a feed in review mode waits for an admin's Publish", async () => {
    server.serve("/review.xml", { body: rss("Review Desk", []) });
    const added = await app.feeds.add({ url: server.url("/review.xml"), topics: ["economy"], mode: "review" });
    if (added.status !== "added") throw new Error("not added");
    const poller = app.createFeedPoller(TEST_TOKEN, { fetch: telegram.fetch });
    await poller.pollDue();
    const fresh = { guid: "rv-1", title: "Ferries move to the southern quay", link: server.url("/story/9?utm_source=rss&utm_medium=feed"), text: "Teaser.", date: new Date() };
    server.serve("/review.xml", { body: rss("Review Desk", [fresh]) });
    telegram.clear();
    await makeAllDue();
    await poller.pollDue();
    expect(await pendingDeliveries()).toBe(0);
    const card = telegram.of("sendMessage").find((c) => c.payload.chat_id === ADMIN)!;
    expect(htmlToText(String(card.payload.text))).toContain("Ferries move to the southern quay");
    const keyboard = card.payload.reply_markup as { inline_keyboard: { callback_data: string }[][] };
    const publish = keyboard.inline_keyboard[0]![0]!.callback_data;

    // A reader cannot press it; the admin can, once.
    await bot.handleUpdate(callbackUpdate(publish, { userId: READER }));
    expect(await pendingDeliveries()).toBe(0);
    await bot.handleUpdate(callbackUpdate(publish, { userId: ADMIN }));
    expect(await pendingDeliveries()).toBe(1);
    await bot.handleUpdate(callbackUpdate(publish, { userId: ADMIN }));
    expect(await pendingDeliveries()).toBe(1);
    await database.db.execute(sql`delete from deliveries`);
  });

  it("refuses private, metadata and non-http addresses, over the bot and the HTTP API", async () => {
    const api = createArticlesApi({ publishing: app.publishing, news: app.news, feeds: app.feeds, deliveryCounts: app.repos.articleStats.deliveryCounts, adminApiToken: API_TOKEN });
    const post = (body: unknown) => api.request("/feeds", { method: "POST", headers: { authorization: `Bearer ${API_TOKEN}` }, body: JSON.stringify(body) });
    for (const url of ["http://10.0.0.1/feed.xml", "http://169.254.169.254/latest/meta-data/", "file:///etc/passwd", "http://127.0.0.2/feed.xml", "gopher://example.org/"]) {
      const response = await post({ url });
      expect(response.status, url).toBe(400);
      expect(((await response.json()) as { errors: unknown[] }).errors.length).toBeGreaterThan(0);
    }
    server.serve("/to-metadata.xml", { status: 302, headers: { location: "http://169.254.169.254/latest/meta-data/" } });
    const redirected = await post({ url: server.url("/to-metadata.xml") });
    expect(redirected.status).toBe(400);
    expect(JSON.stringify(await redirected.json())).toMatch(/metadata|refused/);

    // Good requests: 201, then 409 for the same feed, then listed, exported and removed.
    server.serve("/api.xml", { body: rss("API Feed", []) });
    const created = await post({ url: server.url("/api.xml"), topics: ["economy"] });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };
    expect((await post({ url: server.url("/api.xml") })).status).toBe(409);
    expect((await post({ url: server.url("/api.xml"), topics: ["no-such-topic"] })).status).toBe(400);
    const listed = (await (await api.request("/feeds", { headers: { authorization: `Bearer ${API_TOKEN}` } })).json()) as { feeds: { id: number; state: string }[] };
    expect(listed.feeds.find((f) => f.id === id)).toMatchObject({ state: "active" });
    const opml = await (await api.request("/feeds.opml", { headers: { authorization: `Bearer ${API_TOKEN}` } })).text();
    expect(opml).toContain(server.url("/api.xml"));
    expect((await api.request(`/feeds/${id}`, { method: "DELETE", headers: { authorization: `Bearer ${API_TOKEN}` } })).status).toBe(204);
    // The exported file imports back.
    const imported = await api.request("/feeds/opml", { method: "POST", headers: { authorization: `Bearer ${API_TOKEN}` }, body: opml });
    expect(await imported.json()).toMatchObject({ added: 1 });
    // Without the token, nothing.
    expect((await api.request("/feeds")).status).toBe(401);

    // In Telegram, a reader cannot add feeds.
    await bot.handleUpdate(textUpdate(`/feeds add ${server.url("/api.xml")}`, { userId: READER }));
    expect(htmlToText(telegram.texts().at(-1)!)).toMatch(/only the bot’s admins/);
  });

  it("two fetchers share the feeds and never fetch one feed at once", async () => {
    await database.db.execute(sql`update feeds set state = 'paused'`);
    for (let n = 0; n < 6; n++) {
      server.serve(`/slow-${n}.xml`, { delayMs: 40, body: rss(`Slow ${n}`, []) });
      await app.repos.feeds.add({ url: server.url(`/slow-${n}.xml`) });
    }
    const other = createApp(database, { log: pino({ level: "silent" }), adminIds: [ADMIN], feeds: { allowedAddresses: ["127.0.0.1"] } });
    const a = app.createFeedPoller(TEST_TOKEN, { fetch: telegram.fetch }, { concurrency: 2 });
    const b = other.createFeedPoller(TEST_TOKEN, { fetch: telegram.fetch }, { concurrency: 2 });
    await Promise.all([a.pollDue(), b.pollDue()]);
    for (let n = 0; n < 6; n++) expect(server.requestsTo(`/slow-${n}.xml`), `slow-${n}`).toHaveLength(1);
  });
});
