/**
 * The admins' /feeds commands through the real bot (createBot over createApp's deps): the list,
 * pause, resume, review on|off, remove, export, their usage and refusals; an OPML file sent as a
 * document (getFile, then the download through the same client `fetch`); and the review cards'
 * buttons, which only admins may press. Feed hosts resolve through an injected lookup: no DNS.
 */
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { sql, type SQL } from "drizzle-orm";
import type { Update } from "grammy/types";
import { createApp, type App } from "../../src/app.js";
import { createBot } from "../../src/bot/create-bot.js";
import type { FeedRecord } from "../../src/db/repositories/feeds.js";
import { BACKENDS, createTestDatabase, type TestDatabase } from "../support/database.js";
import { callbackUpdate, createRecordingApi, htmlToText, TEST_BOT_INFO, TEST_TOKEN, textUpdate } from "../support/telegram.js";

const ADMIN = 700;
const READER = 701;
const GROUP = -100_700;
const OPML_FILE_PATH = "documents/feeds.opml";
const USAGE = "/feeds lists the feeds.";

/** Invented hosts: public ones resolve to the allowed test address, "intranet" to a private one. */
const lookup = async (hostname: string) => [{ address: hostname.startsWith("intranet.") ? "10.0.0.5" : "127.0.0.1", family: 4 }];

let nextUpdateId = 700_000;

/** A document message, as Telegram sends it. */
function documentUpdate(document: { file_name?: string; mime_type?: string; file_size?: number }, from: { userId: number; chatId?: number }): Update {
  const chat = from.chatId !== undefined && from.chatId < 0 ? { id: from.chatId, type: "group" as const, title: "Test group" } : { id: from.userId, type: "private" as const, first_name: "Ann" };
  return {
    update_id: nextUpdateId++,
    message: {
      message_id: nextUpdateId,
      date: Math.floor(Date.now() / 1000),
      chat,
      from: { id: from.userId, is_bot: false, first_name: "Ann", language_code: "en" },
      document: { file_id: `file-${nextUpdateId}`, file_unique_id: `unique-${nextUpdateId}`, ...document },
    },
  } as Update;
}

/** A multipart body grammY streams (a document upload), read back as text. */
async function bodyText(body: unknown): Promise<string> {
  if (typeof body === "string") return body;
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(chunks).toString("utf8");
}

describe.each(BACKENDS)("/feeds commands (%s)", (backend) => {
  let database: TestDatabase;
  let app: App;
  let bot: ReturnType<typeof createBot>;
  let opmlText = "";
  const downloads: string[] = [];
  const uploads: string[] = [];
  const telegram = createRecordingApi({
    respond: (call) =>
      call.method === "getFile" ? { ok: true, result: { file_id: String(call.payload.file_id), file_unique_id: "opml-unique", file_path: OPML_FILE_PATH } } : undefined,
  });
  /** The bot's client fetch: Telegram's file downloads give the OPML; uploads are read back. */
  const clientFetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (url.includes("/file/bot")) {
      downloads.push(url);
      return new Response(opmlText, { status: 200, headers: { "content-type": "application/octet-stream" } });
    }
    if (url.endsWith("/sendDocument") && init?.body != null) uploads.push(await bodyText(init.body));
    return telegram.fetch(input, init);
  }) as typeof fetch;

  async function rows<T>(query: SQL): Promise<T[]> {
    const result = (await database.db.execute(query)) as unknown;
    return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
  }
  const feedById = (id: number): Promise<FeedRecord | undefined> => app.repos.feeds.byId(id);
  const send = (text: string, userId = ADMIN) => bot.handleUpdate(textUpdate(text, { userId }));
  /** The visible text of the last message the bot sent. */
  const lastReply = () => htmlToText(telegram.texts().at(-1) ?? "");
  const allReplies = () => telegram.texts().map(htmlToText).join("\n");
  const addFeed = async (url: string, fields: { title?: string; topics?: string[] } = {}) => (await app.repos.feeds.add({ url, ...fields })).id;

  beforeAll(async () => {
    database = await createTestDatabase(backend);
    await database.migrate();
    app = createApp(database, {
      log: pino({ level: "silent" }),
      adminIds: [ADMIN],
      feeds: { minIntervalSeconds: 300, allowedAddresses: ["127.0.0.1"], lookup },
    });
    await app.seed();
    bot = createBot(app.deps, { token: TEST_TOKEN, botInfo: TEST_BOT_INFO, client: { fetch: clientFetch }, autoRetry: false, floodLimit: false });
  });
  afterEach(() => {
    telegram.clear();
    downloads.splice(0);
    uploads.splice(0);
  });
  afterAll(async () => {
    await database.close();
  });

  it("/feeds without feeds says how to add one", async () => {
    await send("/feeds");
    expect(lastReply()).toMatch(/^No feed yet\. \/feeds add URL/);
  });

  it("/feeds lists every feed with its state, mode, counts, topics and last error", async () => {
    const harbour = await addFeed("https://harbour.example/rss.xml", { title: "Harbour Times", topics: ["economy"] });
    const valley = await addFeed("https://valley.example/feed.json", { title: "Valley Ledger" });
    await database.db.execute(sql`update feeds set item_count = 12, duplicate_count = 3, last_fetch_at = '2025-03-10T08:15:00Z' where id = ${harbour}`);
    await database.db.execute(
      sql`update feeds set state = 'failing', mode = 'review', last_error = 'HTTP 503', last_fetch_at = '2025-03-10T09:00:00Z' where id = ${valley}`,
    );

    await send("/feeds");
    const text = allReplies();
    expect(text).toContain("📡 Feeds (2)");
    expect(text).toContain(`🟢 ${harbour}. Harbour Times`);
    expect(text).toContain("https://harbour.example/rss.xml");
    expect(text).toContain("active, publishes at once · 12 items, 3 duplicates");
    expect(text).toContain("topics: economy");
    expect(text).toMatch(/last fetched .*2025.* UTC/);
    expect(text).toContain(`🟠 ${valley}. Valley Ledger`);
    expect(text).toContain("failing, waits for review · 0 items, 0 duplicates");
    expect(text).toContain("last error: HTTP 503");
    expect(text).toContain(USAGE);
    // "list" says the same.
    const sent = telegram.texts().length;
    await send("/feeds list");
    expect(telegram.texts().slice(sent).map(htmlToText).join("\n")).toContain(`🟠 ${valley}. Valley Ledger`);
  });

  it("pause, resume, review on|off and remove change the feed and say so", async () => {
    const id = await addFeed("https://lighthouse.example/rss.xml", { title: "Lighthouse Notes" });

    await send(`/feeds pause ${id}`);
    expect(lastReply()).toBe(`Feed #${id} paused. /feeds resume ${id} starts it again.`);
    expect((await feedById(id))!.state).toBe("paused");

    // A paused feed that had failed comes back due, with a fresh run.
    await database.db.execute(sql`update feeds set consecutive_failures = 4, failing_since = now() - interval '2 hours', next_fetch_at = now() + interval '1 day' where id = ${id}`);
    await send(`/feeds resume #${id}`);
    expect(lastReply()).toBe(`Feed #${id} is active again; I am reading it now.`);
    expect(await feedById(id)).toMatchObject({ state: "active", consecutiveFailures: 0, failingSince: null });
    const [due] = await rows<{ due: boolean }>(sql`select next_fetch_at <= now() as due from feeds where id = ${id}`);
    expect(due!.due).toBe(true);

    // Phones capitalise the first word; the command means the same.
    await send(`/feeds Pause ${id}`);
    expect(lastReply()).toBe(`Feed #${id} paused. /feeds resume ${id} starts it again.`);
    expect((await feedById(id))!.state).toBe("paused");
    await send(`/feeds Resume ${id}`);
    expect((await feedById(id))!.state).toBe("active");

    await send(`/feeds Review ON ${id}`);
    expect(lastReply()).toBe(`New items of feed #${id} will wait for your review.`);
    expect((await feedById(id))!.mode).toBe("review");
    await send(`/feeds review off ${id}`);
    expect(lastReply()).toBe(`New items of feed #${id} will be published at once.`);
    expect((await feedById(id))!.mode).toBe("publish");

    await send(`/feeds remove ${id}`);
    expect(lastReply()).toBe(`Feed #${id} removed. Articles already published stay.`);
    expect(await feedById(id)).toBeUndefined();
    // Gone: every command on it says so.
    for (const command of [`/feeds remove ${id}`, `/feeds pause ${id}`, `/feeds resume ${id}`, `/feeds review on ${id}`]) {
      await send(command);
      expect(lastReply(), command).toBe(`There is no feed #${id}. /feeds lists them.`);
    }
  });

  it("bad ids and unknown subcommands get the usage text and change nothing", async () => {
    const id = await addFeed("https://quarry.example/rss.xml", { title: "Quarry Post" });
    const before = await feedById(id);
    for (const command of [
      "/feeds pause",
      "/feeds pause abc",
      "/feeds pause 0",
      "/feeds pause -3",
      "/feeds pause 1.5",
      `/feeds pause ${id} ${id}`,
      "/feeds pause 99999999999",
      "/feeds resume",
      "/feeds remove x",
      "/feeds review",
      `/feeds review ${id}`,
      `/feeds review maybe ${id}`,
      "/feeds review on",
      "/feeds review on abc",
      "/feeds add",
      "/feeds frobnicate",
      `/feeds delete ${id}`,
    ]) {
      telegram.clear();
      await send(command);
      expect(telegram.texts(), command).toHaveLength(1);
      expect(lastReply(), command).toContain(USAGE);
    }
    expect(await feedById(id)).toEqual(before);
  });

  it("/feeds export sends the feeds as an OPML document", async () => {
    await addFeed("https://export.example/rss.xml", { title: "Export Examiner", topics: ["economy", "weather"] });
    await send("/feeds export");
    expect(telegram.of("sendDocument")).toHaveLength(1);
    expect(uploads).toHaveLength(1);
    const upload = uploads[0]!;
    expect(upload).toMatch(/filename="?feeds\.opml"?/);
    expect(upload).toContain(String(ADMIN));
    expect(upload).toContain("Your feeds, as OPML.");
    expect(upload).toContain("<opml");
    for (const feed of await app.feeds.list()) expect(upload).toContain(feed.url);
    expect(upload).toContain('category="economy,weather"');
    expect(upload).toContain("Export Examiner");
  });

  it("an OPML file an admin sends in a private chat is imported; private addresses are refused", async () => {
    await addFeed("https://harbour.example/rss.xml", { title: "Harbour Times" });
    opmlText = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>My reader's feeds</title></head>
  <body>
    <outline text="economy">
      <outline type="rss" text="Port Weekly" xmlUrl="https://port.example/rss.xml" htmlUrl="https://port.example/"/>
    </outline>
    <outline type="rss" text="Mountain Weather" xmlUrl="https://mountain.example/atom.xml" category="weather"/>
    <outline type="rss" text="Office Intranet" xmlUrl="http://intranet.example/feed.xml"/>
    <outline type="rss" text="Private Range" xmlUrl="http://10.0.0.1/feed.xml"/>
    <outline type="rss" text="Already Here" xmlUrl="https://harbour.example/rss.xml"/>
  </body>
</opml>`;
    await bot.handleUpdate(documentUpdate({ file_name: "Feeds.OPML", mime_type: "application/octet-stream", file_size: opmlText.length }, { userId: ADMIN }));

    const [getFile] = telegram.of("getFile");
    expect(getFile).toBeDefined();
    expect(String(getFile!.payload.file_id)).toMatch(/^file-/);
    expect(downloads).toEqual([`https://api.telegram.org/file/bot${TEST_TOKEN}/${OPML_FILE_PATH}`]);

    const reply = lastReply();
    expect(reply).toMatch(/^OPML imported: 2 feeds added, 1 already there, 2 refused\./);
    expect(reply).toContain("• http://10.0.0.1/feed.xml: refused");
    expect(reply).toContain("• http://intranet.example/feed.xml: refused");
    const feeds = await app.feeds.list();
    expect(feeds.find((f) => f.url === "https://port.example/rss.xml")).toMatchObject({ title: "Port Weekly", topics: ["economy"], state: "active", addedBy: ADMIN });
    expect(feeds.find((f) => f.url === "https://mountain.example/atom.xml")).toMatchObject({ title: "Mountain Weather", topics: ["weather"] });
    expect(feeds.some((f) => f.url.includes("10.0.0.1") || f.url.includes("intranet"))).toBe(false);

    // The same file again adds nothing.
    await bot.handleUpdate(documentUpdate({ file_name: "feeds.opml", file_size: opmlText.length }, { userId: ADMIN }));
    expect(lastReply()).toMatch(/^OPML imported: 0 feeds added, 3 already there, 2 refused\./);
    expect((await app.feeds.list()).length).toBe(feeds.length);
  });

  it("an OPML file is refused when it is too large or unreadable, and other documents are not OPML", async () => {
    await bot.handleUpdate(documentUpdate({ file_name: "feeds.opml", file_size: 5 * 1024 * 1024 }, { userId: ADMIN }));
    expect(lastReply()).toBe("This file is too large for a list of feeds (1 MB at most).");
    expect(telegram.of("getFile")).toHaveLength(0);

    opmlText = "this is not an outline at all";
    await bot.handleUpdate(documentUpdate({ file_name: "subscriptions.opml", file_size: 100 }, { userId: ADMIN }));
    expect(lastReply()).toMatch(/^I could not read this file as OPML/);

    // Neither a picture nor a group's file is taken for a feed list.
    const feeds = (await app.feeds.list()).length;
    telegram.clear();
    await bot.handleUpdate(documentUpdate({ file_name: "harbour.jpg", mime_type: "image/jpeg", file_size: 100 }, { userId: ADMIN }));
    await bot.handleUpdate(documentUpdate({ file_name: "feeds.opml", file_size: 100 }, { userId: ADMIN, chatId: GROUP }));
    expect(telegram.of("getFile")).toHaveLength(0);
    expect(allReplies()).not.toMatch(/OPML/);
    expect((await app.feeds.list()).length).toBe(feeds);
  });

  it("a non-admin gets “only the bot’s admins” and changes nothing", async () => {
    const id = await addFeed("https://tannery.example/rss.xml", { title: "Tannery Tribune" });
    for (const command of ["/feeds", `/feeds pause ${id}`, `/feeds remove ${id}`, `/feeds review on ${id}`, "/feeds export", "/feeds add https://port.example/other.xml"]) {
      telegram.clear();
      await send(command, READER);
      expect(lastReply(), command).toBe("Sorry, only the bot’s admins can see or change the feeds.");
    }
    expect(telegram.of("sendDocument")).toHaveLength(0);
    expect(await feedById(id)).toMatchObject({ state: "active", mode: "publish" });

    opmlText = `<?xml version="1.0"?><opml version="2.0"><head/><body><outline type="rss" text="Sneaky" xmlUrl="https://sneaky.example/rss.xml"/></body></opml>`;
    await bot.handleUpdate(documentUpdate({ file_name: "feeds.opml", file_size: opmlText.length }, { userId: READER }));
    expect(lastReply()).toBe("Sorry, only the bot’s admins can see or change the feeds.");
    expect(telegram.of("getFile")).toHaveLength(0);
    expect(downloads).toHaveLength(0);
    expect((await app.feeds.list()).some((f) => f.url.includes("sneaky"))).toBe(false);
  });

  describe("review cards' buttons", () => {
    async function reviewItem(guid: string, title: string) {
      const feedId = await addFeed(`https://review.example/${guid}.xml`, { title: "Review Desk" });
      await app.feeds.setReview(feedId, true);
      const item = (await app.repos.feeds.insertItem({ feedId, guidKey: guid, url: `https://review.example/${guid}`, title }))!;
      const content = {
        title,
        body: `${title}. The harbour office confirmed the news on Thursday and promised more details next week.`,
        url: `https://review.example/${guid}`,
        language: "en",
        tags: [],
        extraTopics: ["economy"],
        site: "Review Desk",
        origin: "feed",
        createdBy: null,
      };
      await app.repos.feeds.finishItem(item.id, { status: "review", content });
      return item.id;
    }
    const statusOf = async (itemId: number) => (await app.repos.feeds.itemById(itemId))!.status;
    const articlesAt = async (url: string) => (await rows<{ id: number }>(sql`select id from articles where url = ${url}`)).length;
    const answers = () => telegram.of("answerCallbackQuery").map((c) => ({ text: String(c.payload.text ?? ""), alert: c.payload.show_alert === true }));

    it("a non-admin's press is refused: the item keeps waiting, nothing is published", async () => {
      const itemId = await reviewItem("crane", "A new crane arrives at the container terminal");
      for (const data of [`fi:pub:${itemId}`, `fi:skip:${itemId}`]) {
        telegram.clear();
        await bot.handleUpdate(callbackUpdate(data, { userId: READER }));
        expect(answers(), data).toEqual([{ text: expect.stringMatching(/only the bot’s admins/), alert: true }]);
        expect(telegram.of("editMessageReplyMarkup"), data).toHaveLength(0);
      }
      expect(await statusOf(itemId)).toBe("review");
      expect(await articlesAt("https://review.example/crane")).toBe(0);

      // The admin's press publishes it, once.
      telegram.clear();
      await bot.handleUpdate(callbackUpdate(`fi:pub:${itemId}`, { userId: ADMIN }));
      expect(await statusOf(itemId)).toBe("published");
      expect(await articlesAt("https://review.example/crane")).toBe(1);
      expect(lastReply()).toMatch(/^✅ Published as #\d+\./);
      await bot.handleUpdate(callbackUpdate(`fi:pub:${itemId}`, { userId: ADMIN }));
      expect(answers().at(-1)!.text).toBe("This item was already handled.");
      expect(await articlesAt("https://review.example/crane")).toBe(1);
    });

    it("an admin's Skip drops the item, and a later Publish finds it handled", async () => {
      const itemId = await reviewItem("gulls", "Gulls nest on the old customs house");
      await bot.handleUpdate(callbackUpdate(`fi:skip:${itemId}`, { userId: ADMIN }));
      expect(answers()).toEqual([{ text: "Skipped.", alert: false }]);
      expect(telegram.of("editMessageReplyMarkup")).toHaveLength(1);
      expect(await statusOf(itemId)).toBe("skipped");
      await bot.handleUpdate(callbackUpdate(`fi:pub:${itemId}`, { userId: ADMIN }));
      expect(answers().at(-1)!.text).toBe("This item was already handled.");
      expect(await articlesAt("https://review.example/gulls")).toBe(0);
    });
  });
});
