/**
 * Feed formats, encodings and failures through the real fetcher (createApp → createFeedPoller →
 * pollDue) against a local publisher: Atom, RDF, JSON Feed, RSS in windows-1251, KOI8-R and
 * ISO-8859-1 are stored with their text decoded; oversized bodies, redirect loops, redirects to
 * refused addresses, broken XML, web pages and HTTP errors are recorded on the feed with back-off;
 * `<ttl>` and Cache-Control set the next fetch; a site's page leads /feeds add to its feed; and a
 * crash between storing an item's article and recording it is finished by the next fetch.
 * Every text here is invented for these tests.
 */
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { sql, type SQL } from "drizzle-orm";
import { createApp, type App } from "../../src/app.js";
import { createBot } from "../../src/bot/create-bot.js";
import type { FeedRecord } from "../../src/db/repositories/feeds.js";
import type { FeedPoller } from "../../src/feeds/poller.js";
import { rss, startFeedServer, type FeedServer, type TestItem } from "../support/feed-server.js";
import { BACKENDS, createTestDatabase, type TestDatabase } from "../support/database.js";
import { createRecordingApi, htmlToText, TEST_BOT_INFO, TEST_TOKEN, textUpdate } from "../support/telegram.js";
import { madeUpParagraphs } from "../support/text.js";

const ADMIN = 600;
const READER = 601;
const MIN_INTERVAL = 300;
/** Seconds of slack when comparing two database timestamps of one fetch. */
const TOLERANCE = 5;

// ---- encoders for the legacy code pages (Node's TextEncoder only writes UTF-8) ----------------

/** windows-1251: А–я are 0xC0–0xFF in order; Ё/ё, guillemets and the em dash apart. */
function cp1251(text: string): Buffer {
  const special: Record<string, number> = { Ё: 0xa8, ё: 0xb8, "«": 0xab, "»": 0xbb, "—": 0x97 };
  return Buffer.from(
    [...text].map((ch) => {
      const code = ch.codePointAt(0)!;
      if (code < 0x80) return code;
      if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
      const byte = special[ch];
      if (byte === undefined) throw new Error(`no windows-1251 byte for ${ch}`);
      return byte;
    }),
  );
}

/** KOI8-R: 0xC0–0xFF hold the letters in this (phonetic, not alphabetical) order. */
const KOI8R_LETTERS = "юабцдефгхийклмнопярстужвьызшэщчъЮАБЦДЕФГХИЙКЛМНОПЯРСТУЖВЬЫЗШЭЩЧЪ";
function koi8r(text: string): Buffer {
  return Buffer.from(
    [...text].map((ch) => {
      const code = ch.codePointAt(0)!;
      if (code < 0x80) return code;
      if (ch === "ё") return 0xa3;
      if (ch === "Ё") return 0xb3;
      const index = KOI8R_LETTERS.indexOf(ch);
      if (index < 0) throw new Error(`no KOI8-R byte for ${ch}`);
      return 0xc0 + index;
    }),
  );
}

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A minimal RSS 2.0 document with its own XML declaration (or none). */
function rssWithDeclaration(declaration: string, channelTitle: string, items: { guid: string; title: string; link: string; text: string; date: string }[]): string {
  const entries = items
    .map(
      (i) =>
        `<item><title>${escapeXml(i.title)}</title><link>${i.link}</link><guid isPermaLink="false">${i.guid}</guid><pubDate>${i.date}</pubDate><description>${escapeXml(`<p>${i.text}</p>`)}</description></item>`,
    )
    .join("\n");
  return `${declaration}
<rss version="2.0"><channel><title>${escapeXml(channelTitle)}</title><link>https://example.org/</link>
${entries}
</channel></rss>`;
}

describe.each(BACKENDS)("feed formats, encodings and failures (%s)", (backend) => {
  let database: TestDatabase;
  let app: App;
  let server: FeedServer;
  let poller: FeedPoller;
  const telegram = createRecordingApi();
  let bot: ReturnType<typeof createBot>;

  async function rows<T>(query: SQL): Promise<T[]> {
    const result = (await database.db.execute(query)) as unknown;
    return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
  }

  const feedById = async (id: number): Promise<FeedRecord> => {
    const feed = (await app.feeds.list()).find((f) => f.id === id);
    if (!feed) throw new Error(`no feed ${id}`);
    return feed;
  };
  const makeDue = (id: number) => database.db.execute(sql`update feeds set next_fetch_at = now(), lease_until = null where id = ${id}`);
  /** Seconds between the last fetch and the next one scheduled. */
  const scheduledGap = (feed: FeedRecord) => (feed.nextFetchAt.getTime() - feed.lastFetchAt!.getTime()) / 1000;

  /** The articles the feed's items stand for, in the order they were stored. */
  async function articlesOf(feedId: number) {
    const ids = await rows<{ article_id: number }>(sql`select article_id from feed_items where feed_id = ${feedId} and article_id is not null order by article_id`);
    return Promise.all(ids.map(async (row) => (await app.news.byId(Number(row.article_id)))!));
  }

  /** Adds the feed the way an admin does (it is fetched and checked), then lets the fetcher read it. */
  async function addAndFetch(path: string, topics: string[] = []): Promise<FeedRecord> {
    const added = await app.feeds.add({ url: server.url(path), topics });
    if (added.status !== "added") throw new Error(`${path} not added: ${JSON.stringify(added)}`);
    expect(await poller.pollDue()).toBe(1);
    return feedById(added.id);
  }

  /** Stores the feed without the admin's check (it may be broken from the start), then fetches it. */
  async function storeAndFetch(path: string): Promise<FeedRecord> {
    const { id } = await app.repos.feeds.add({ url: server.url(path) });
    expect(await poller.pollDue()).toBe(1);
    return feedById(id);
  }

  beforeAll(async () => {
    server = await startFeedServer();
    database = await createTestDatabase(backend);
    await database.migrate();
    app = createApp(database, {
      log: pino({ level: "silent" }),
      adminIds: [ADMIN],
      feeds: { minIntervalSeconds: MIN_INTERVAL, allowedAddresses: ["127.0.0.1"] },
    });
    await app.seed();
    bot = createBot(app.deps, { token: TEST_TOKEN, botInfo: TEST_BOT_INFO, client: { fetch: telegram.fetch }, autoRetry: false });
    poller = app.createFeedPoller(TEST_TOKEN, { fetch: telegram.fetch }, { idleMs: 60_000 });
  });
  afterEach(() => telegram.clear());
  afterAll(async () => {
    await server.close();
    await database.close();
  });

  describe("formats and encodings: the archive is stored with its text decoded", () => {
    it("Atom 1.0 (French, UTF-8)", async () => {
      server.serve("/atom.xml", {
        headers: { "content-type": "application/atom+xml; charset=utf-8" },
        body: `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
  <title>Le Courrier du Lac</title>
  <link rel="alternate" type="text/html" href="https://lac.example/"/>
  <id>urn:test:courrier-du-lac</id>
  <updated>2025-03-10T09:00:00Z</updated>
  <entry>
    <title>La fête des lanternes déplacée au quai est</title>
    <link rel="alternate" href="https://lac.example/2025/03/lanternes"/>
    <id>urn:test:courrier-du-lac:1</id>
    <published>2025-03-10T08:00:00Z</published>
    <updated>2025-03-10T08:30:00Z</updated>
    <content type="html">&lt;p&gt;La mairie a annoncé que la fête des lanternes aura lieu cette année sur le quai est, près du vieux phare.&lt;/p&gt;</content>
  </entry>
</feed>`,
      });
      const feed = await addAndFetch("/atom.xml");
      expect(feed).toMatchObject({ title: "Le Courrier du Lac", primed: true, itemCount: 1, lastStatus: 200, language: "fr" });
      const [article] = await articlesOf(feed.id);
      expect(article).toMatchObject({ title: "La fête des lanternes déplacée au quai est", url: "https://lac.example/2025/03/lanternes", origin: "feed" });
      expect(article!.body).toContain("sur le quai est, près du vieux phare");
    });

    it("RDF / RSS 1.0 (Ukrainian, UTF-8)", async () => {
      server.serve("/rdf.xml", {
        headers: { "content-type": "application/rdf+xml" },
        body: `<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://richka.example/">
    <title>Вісник Річки</title>
    <link>https://richka.example/</link>
    <description>Новини міста над річкою</description>
    <dc:language>uk</dc:language>
    <items><rdf:Seq><rdf:li rdf:resource="https://richka.example/news/mist"/></rdf:Seq></items>
  </channel>
  <item rdf:about="https://richka.example/news/mist">
    <title>Новий пішохідний міст відкриють у травні</title>
    <link>https://richka.example/news/mist</link>
    <description>Міська рада повідомила, що ґрунтові роботи завершено, і є надія відкрити міст для їжаків та людей уже в травні.</description>
    <dc:date>2025-03-11T07:00:00Z</dc:date>
  </item>
</rdf:RDF>`,
      });
      const feed = await addAndFetch("/rdf.xml");
      expect(feed).toMatchObject({ title: "Вісник Річки", itemCount: 1, language: "uk" });
      const [article] = await articlesOf(feed.id);
      expect(article).toMatchObject({ title: "Новий пішохідний міст відкриють у травні", url: "https://richka.example/news/mist" });
      expect(article!.body).toContain("ґрунтові роботи завершено, і є надія");
    });

    it("JSON Feed 1.1 served as application/feed+json (English)", async () => {
      server.serve("/feed.json", {
        headers: { "content-type": "application/feed+json" },
        body: JSON.stringify({
          version: "https://jsonfeed.org/version/1.1",
          title: "Valley Ledger",
          home_page_url: "https://valley.example/",
          feed_url: server.url("/feed.json"),
          language: "en",
          items: [
            {
              id: "valley-1",
              url: "https://valley.example/orchard-fair",
              title: "Orchard fair returns to the old mill",
              content_text: "The orchard fair will return to the old mill next month after a pause of two years, the organisers said.",
              date_published: "2025-03-12T10:00:00Z",
            },
          ],
        }),
      });
      const feed = await addAndFetch("/feed.json");
      expect(feed).toMatchObject({ title: "Valley Ledger", itemCount: 1, language: "en" });
      const [article] = await articlesOf(feed.id);
      expect(article).toMatchObject({ title: "Orchard fair returns to the old mill", url: "https://valley.example/orchard-fair" });
      expect(article!.body).toContain("after a pause of two years");
    });

    it("RSS in windows-1251 declared only in the XML declaration (Russian)", async () => {
      const title = "Трамвай «Звёздный» снова ходит по набережной";
      const text = "Городской транспорт сообщил, что после ремонта путей трамвай снова ходит по набережной — каждые десять минут.";
      const body = cp1251(
        rssWithDeclaration('<?xml version="1.0" encoding="windows-1251"?>', "Вечерний Берег", [
          { guid: "bereg-1", title, link: "https://bereg.example/tram", text, date: "Thu, 13 Mar 2025 06:00:00 GMT" },
        ]),
      );
      // The bytes are not UTF-8: reading them as such would lose the text.
      expect(body.toString("utf8")).toContain("\uFFFD");
      server.serve("/cp1251.xml", { headers: { "content-type": "application/rss+xml" }, body });
      const feed = await addAndFetch("/cp1251.xml");
      expect(feed.title).toBe("Вечерний Берег");
      const [article] = await articlesOf(feed.id);
      expect(article!.title).toBe(title);
      expect(article!.body).toContain("после ремонта путей трамвай снова ходит по набережной");
    });

    it("RSS in windows-1251 served as text/html, declared only in the XML declaration (Russian)", async () => {
      // Servers often send feeds as text/html; the feed's own declaration still names its encoding.
      const title = "Паром через залив пойдёт по новому расписанию";
      const text = "С первого апреля паром отправляется от северной пристани каждый час, сообщила судоходная компания.";
      const body = cp1251(
        rssWithDeclaration('<?xml version="1.0" encoding="windows-1251"?>', "Голос Залива", [
          { guid: "zaliv-1", title, link: "https://zaliv.example/parom", text, date: "Thu, 13 Mar 2025 07:00:00 GMT" },
        ]),
      );
      server.serve("/cp1251-as-html.xml", { headers: { "content-type": "text/html" }, body });
      const feed = await addAndFetch("/cp1251-as-html.xml");
      expect(feed.title).toBe("Голос Залива");
      const [article] = await articlesOf(feed.id);
      expect(article!.title).toBe(title);
      expect(article!.body).toContain("паром отправляется от северной пристани");
    });

    it("RSS in KOI8-R declared only in the Content-Type (Russian)", async () => {
      const title = "Библиотека на холме открыла ночной читальный зал";
      const text = "С понедельника читальный зал работает до полуночи, а по субботам там проходят встречи с местными авторами.";
      const body = koi8r(rssWithDeclaration('<?xml version="1.0"?>', "Листок Холма", [{ guid: "holm-1", title, link: "https://holm.example/zal", text, date: "Fri, 14 Mar 2025 06:00:00 GMT" }]));
      expect(body.toString("utf8")).toContain("\uFFFD");
      server.serve("/koi8.xml", { headers: { "content-type": "application/rss+xml; charset=KOI8-R" }, body });
      const feed = await addAndFetch("/koi8.xml");
      expect(feed.title).toBe("Листок Холма");
      const [article] = await articlesOf(feed.id);
      expect(article!.title).toBe(title);
      expect(article!.body).toContain("встречи с местными авторами");
    });

    it("RSS in ISO-8859-1 with é in a French title", async () => {
      const title = "Un été sans pluie pour les vergers de la vallée";
      const text = "Les producteurs de pommes craignent une récolte réduite après trois mois presque sans pluie.";
      const body = Buffer.from(
        rssWithDeclaration('<?xml version="1.0" encoding="ISO-8859-1"?>', "La Gazette des Vergers", [
          { guid: "vergers-1", title, link: "https://vergers.example/ete", text, date: "Sat, 15 Mar 2025 06:00:00 GMT" },
        ]),
        "latin1",
      );
      expect(body.includes(0xe9)).toBe(true);
      server.serve("/latin1.xml", { headers: { "content-type": "application/rss+xml" }, body });
      const feed = await addAndFetch("/latin1.xml");
      const [article] = await articlesOf(feed.id);
      expect(article!.title).toBe(title);
      expect(article!.body).toContain("récolte réduite");
    });
  });

  describe("failures are recorded on the feed", () => {
    it("a 20 MB body, declared or streamed, is refused for its size", async () => {
      const huge = Buffer.alloc(20 * 1024 * 1024, 0x20);
      server.serve("/huge-declared.xml", { headers: { "content-type": "application/rss+xml", "content-length": String(huge.length) }, body: huge });
      server.serve("/huge-chunked.xml", { headers: { "content-type": "application/rss+xml", "transfer-encoding": "chunked" }, body: huge });
      for (const path of ["/huge-declared.xml", "/huge-chunked.xml"]) {
        const feed = await storeAndFetch(path);
        expect(feed, path).toMatchObject({ consecutiveFailures: 1, itemCount: 0, primed: false });
        expect(feed.lastError, path).toMatch(/larger than \d+ bytes/);
      }
    });

    it("a redirect loop", async () => {
      server.serve("/loop-a.xml", { status: 302, headers: { location: "/loop-b.xml" } });
      server.serve("/loop-b.xml", { status: 301, headers: { location: server.url("/loop-a.xml") } });
      const feed = await storeAndFetch("/loop-a.xml");
      expect(feed.consecutiveFailures).toBe(1);
      expect(feed.lastError).toMatch(/redirects/);
      // It gave up after a bounded number of hops.
      expect(server.requestsTo("/loop-a.xml").length + server.requestsTo("/loop-b.xml").length).toBeLessThanOrEqual(10);
    });

    it("a redirect to another loopback address is refused without connecting", async () => {
      const port = new URL(server.base).port;
      server.serve("/elsewhere.xml", { status: 302, headers: { location: `http://127.0.0.2:${port}/feed.xml` } });
      const feed = await storeAndFetch("/elsewhere.xml");
      expect(feed.consecutiveFailures).toBe(1);
      expect(feed.lastError).toMatch(/^refused/);
      expect(feed.lastError).toContain("127.0.0.2");
      expect(server.requestsTo("/feed.xml")).toHaveLength(0);
    });

    it("broken XML (mismatched tags)", async () => {
      server.serve("/broken.xml", {
        body: '<?xml version="1.0"?><rss version="2.0"><channel><title>Broken Bell</title><item><title>The bell tower</description></item></channel></rss>',
      });
      const feed = await storeAndFetch("/broken.xml");
      expect(feed.lastError).toMatch(/not a valid feed/);
      expect(feed.primed).toBe(false);
    });

    it("an HTML page at the feed's address", async () => {
      server.serve("/page.xml", {
        headers: { "content-type": "text/html; charset=utf-8" },
        body: "<!doctype html><html><head><title>Town hall</title></head><body><p>Opening hours of the town hall.</p></body></html>",
      });
      const feed = await storeAndFetch("/page.xml");
      expect(feed.lastError).toMatch(/web page, not a feed/);
    });

    it("HTTP 500, twice: the interval doubles", async () => {
      server.serve("/error.xml", { status: 500, body: "internal error" });
      const first = await storeAndFetch("/error.xml");
      expect(first).toMatchObject({ consecutiveFailures: 1, lastStatus: 500, lastError: "HTTP 500", state: "active" });
      const gap1 = scheduledGap(first);
      expect(Math.abs(gap1 - MIN_INTERVAL)).toBeLessThan(TOLERANCE);

      await makeDue(first.id);
      expect(await poller.pollDue()).toBe(1);
      const second = await feedById(first.id);
      expect(second).toMatchObject({ consecutiveFailures: 2, lastError: "HTTP 500" });
      const gap2 = scheduledGap(second);
      expect(Math.abs(gap2 - 2 * gap1)).toBeLessThan(TOLERANCE);
      expect(second.nextFetchAt.getTime() - Date.now()).toBeGreaterThan(MIN_INTERVAL * 1000);

      // Once the server recovers, the run of failures ends and the interval is back to the minimum.
      server.serve("/error.xml", { body: rss("Recovered Gazette", []) });
      await makeDue(first.id);
      await poller.pollDue();
      const healed = await feedById(first.id);
      expect(healed).toMatchObject({ consecutiveFailures: 0, lastError: null, lastStatus: 200, primed: true });
      expect(Math.abs(scheduledGap(healed) - MIN_INTERVAL)).toBeLessThan(TOLERANCE);
    });
  });

  describe("the feed's hints set the next fetch", () => {
    it("<ttl>60</ttl>: an hour", async () => {
      server.serve("/ttl.xml", { body: rss("Hourly Herald", [], { ttlMinutes: 60 }) });
      const feed = await addAndFetch("/ttl.xml");
      expect(Math.abs(scheduledGap(feed) - 3600)).toBeLessThan(TOLERANCE);
    });

    it("Cache-Control: max-age=1800: half an hour", async () => {
      server.serve("/cached.xml", { headers: { "content-type": "application/rss+xml", "cache-control": "public, max-age=1800" }, body: rss("Cached Courier", []) });
      const feed = await addAndFetch("/cached.xml");
      expect(Math.abs(scheduledGap(feed) - 1800)).toBeLessThan(TOLERANCE);
    });
  });

  describe("/feeds add with a site's page", () => {
    it("finds the feed the page names and stores its address", async () => {
      server.serve("/", {
        headers: { "content-type": "text/html; charset=utf-8" },
        body: `<!doctype html><html><head><title>Harbour Lights</title>
<link rel="stylesheet" href="/style.css">
<link rel="alternate" type="application/rss+xml" title="Harbour Lights news" href="/rss.xml">
</head><body><p>Welcome to the harbour lights site.</p></body></html>`,
      });
      server.serve("/rss.xml", { body: rss("Harbour Lights", []) });
      await bot.handleUpdate(textUpdate(`/feeds add ${server.url("/")}`, { userId: ADMIN }));
      expect(htmlToText(telegram.texts().at(-1)!)).toMatch(/Feed #\d+ added: Harbour Lights/);
      const feed = (await app.feeds.list()).find((f) => f.title === "Harbour Lights")!;
      expect(feed.url).toBe(server.url("/rss.xml"));
      // The fetcher reads it at the stored address.
      const fetchedBefore = server.requestsTo("/rss.xml").length;
      expect(await poller.pollDue()).toBe(1);
      expect(server.requestsTo("/rss.xml").length).toBe(fetchedBefore + 1);
      expect(await feedById(feed.id)).toMatchObject({ primed: true, lastStatus: 200 });

      // A page that names no feed is refused (the bot cuts the reason short), and nothing is stored.
      server.serve("/plain/", { headers: { "content-type": "text/html" }, body: "<!doctype html><html><head><title>No feed</title></head><body><p>Nothing.</p></body></html>" });
      const before = (await app.feeds.list()).length;
      await bot.handleUpdate(textUpdate(`/feeds add ${server.url("/plain/")}`, { userId: ADMIN }));
      expect(htmlToText(telegram.texts().at(-1)!)).toMatch(/can’t add this feed: this page names no RSS/);
      expect((await app.feeds.list()).length).toBe(before);
    });
  });

  describe("a crash between storing an item's article and recording it", () => {
    const archived: TestItem = {
      guid: "mill-archive",
      title: "The mill pond was drained for cleaning",
      link: "https://mill.example/pond",
      text: "Workers drained the mill pond on Monday to remove the mud that had built up over ten years.",
      date: new Date("2025-03-01T08:00:00Z"),
    };
    // Each test's item is a different event: its own made-up words after one sentence naming it.
    const fullText = (topic: string) =>
      [`The town council met on Wednesday evening to discuss the ${topic}, and the debate lasted almost three hours.`, ...madeUpParagraphs(topic, 4, 22)].join("\n\n");

    let subscribed = false;
    async function primedFeed(path: string, title: string): Promise<FeedRecord> {
      if (!subscribed) {
        await bot.handleUpdate(textUpdate("/subscribe economy", { userId: READER }));
        subscribed = true;
      }
      server.serve(path, { body: rss(title, [{ ...archived, guid: `${path}-archive`, link: `${archived.link}${path}`, text: `${archived.text} (${title})` }]) });
      const feed = await addAndFetch(path, ["economy"]);
      expect(feed).toMatchObject({ primed: true, itemCount: 1 });
      return feed;
    }

    const itemOf = async (feedId: number, guidKey: string) =>
      (await rows<{ status: string; article_id: number | null }>(sql`select status, article_id from feed_items where feed_id = ${feedId} and guid_key = ${guidKey}`))[0];
    const articlesAt = async (url: string) => (await rows<{ id: number }>(sql`select id from articles where url = ${url}`)).map((r) => Number(r.id));
    const deliveriesOf = async (articleId: number) =>
      (await rows<{ chat_id: number }>(sql`select chat_id from deliveries where article_id = ${articleId}`)).map((r) => Number(r.chat_id));

    /** A second process over the same database, whose `break` makes one step throw once. */
    function crashingApp(breakIt: (other: App) => void) {
      const other = createApp(database, { log: pino({ level: "silent" }), adminIds: [ADMIN], feeds: { minIntervalSeconds: MIN_INTERVAL, allowedAddresses: ["127.0.0.1"] } });
      breakIt(other);
      return other.createFeedPoller(TEST_TOKEN, { fetch: telegram.fetch });
    }

    async function restartAndFetch(feedId: number) {
      // The dead process's lease has run out; the feed is due again.
      await database.db.execute(sql`update feeds set lease_until = null, next_fetch_at = now() where id = ${feedId}`);
      expect(await poller.pollDue()).toBe(1);
    }

    it("after the deliveries were queued: the next fetch records the item, with no second article or delivery", async () => {
      const feed = await primedFeed("/mill.xml", "Mill Street Weekly");
      const fresh: TestItem = { guid: "mill-budget", title: "Council debates the mill bridge budget", link: "https://mill.example/bridge-budget", text: fullText("mill bridge budget"), full: true };
      server.serve("/mill.xml", { body: rss("Mill Street Weekly", [fresh, { ...archived, guid: "/mill.xml-archive", link: `${archived.link}/mill.xml` }]) });

      let thrown = 0;
      const crashing = crashingApp((other) => {
        const finishItem = other.repos.feeds.finishItem;
        other.repos.feeds.finishItem = async (...args) => {
          if (thrown++ === 0) throw new Error("the process died here");
          return finishItem(...args);
        };
      });
      await makeDue(feed.id);
      expect(await crashing.pollDue()).toBe(1);
      expect(thrown).toBe(1);
      expect((await feedById(feed.id)).lastError).toBe("internal error while reading the feed");
      // The article is stored and queued, but its item was never recorded.
      const [stored, ...others] = await articlesAt(fresh.link);
      expect(others).toHaveLength(0);
      expect(await itemOf(feed.id, fresh.guid)).toMatchObject({ status: "new", article_id: null });
      expect(await deliveriesOf(stored!)).toEqual([READER]);

      await restartAndFetch(feed.id);
      expect(await articlesAt(fresh.link)).toEqual([stored]);
      expect(await itemOf(feed.id, fresh.guid)).toMatchObject({ status: "published", article_id: stored });
      expect(await deliveriesOf(stored!)).toEqual([READER]);
      expect(await feedById(feed.id)).toMatchObject({ consecutiveFailures: 0, lastError: null, itemCount: 2, duplicateCount: 0 });

      // And the fetch after that changes nothing.
      await restartAndFetch(feed.id);
      expect(await deliveriesOf(stored!)).toEqual([READER]);
      expect(await itemOf(feed.id, fresh.guid)).toMatchObject({ status: "published", article_id: stored });
    });

    it("before the deliveries were queued: the next fetch queues them, once", async () => {
      const feed = await primedFeed("/ferry.xml", "Ferry Lane Notes");
      const fresh: TestItem = { guid: "ferry-timetable", title: "Council debates the winter ferry timetable", link: "https://ferry.example/timetable", text: fullText("winter ferry timetable"), full: true };
      server.serve("/ferry.xml", { body: rss("Ferry Lane Notes", [fresh]) });

      let thrown = 0;
      const crashing = crashingApp((other) => {
        const enqueue = other.delivery.enqueueArticle;
        other.delivery.enqueueArticle = async (articleId) => {
          if (thrown++ === 0) throw new Error("the process died here");
          return enqueue(articleId);
        };
      });
      await makeDue(feed.id);
      expect(await crashing.pollDue()).toBe(1);
      expect(thrown).toBe(1);
      const [stored] = await articlesAt(fresh.link);
      expect(stored).toBeDefined();
      expect(await itemOf(feed.id, fresh.guid)).toMatchObject({ status: "new" });
      expect(await deliveriesOf(stored!)).toEqual([]);

      await restartAndFetch(feed.id);
      expect(await articlesAt(fresh.link)).toEqual([stored]);
      expect(await itemOf(feed.id, fresh.guid)).toMatchObject({ status: "published", article_id: stored });
      expect(await deliveriesOf(stored!)).toEqual([READER]);
    });
  });
});
