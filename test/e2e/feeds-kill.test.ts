/**
 * The feed fetcher as an operator runs it (`BOT_ROLE=feeds`, the real process, the real
 * PostgreSQL), killed with SIGKILL in the middle of a poll: after a restart every new item is
 * stored once and queued once for every subscriber, and nothing is left half done. Then two
 * fetcher processes at once never fetch the same feed at the same time.
 *
 * A dead fetcher's leases last a minute; rather than wait, the test moves them into the past with
 * one UPDATE, which is the state the table reaches a minute later.
 */
import { sql } from "drizzle-orm";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { startBotApiServer } from "../support/bot-api-server.js";
import { killAll, startBotProcess } from "../support/bot-process.js";
import { createSeededApp } from "../support/database.js";
import { subscribeChats } from "../support/fake-broadcast.js";
import { rss, startFeedServer, type FeedServer, type TestItem } from "../support/feed-server.js";
import { madeUpParagraphs, madeUpWords } from "../support/text.js";

const FEEDS = 24;
const ARCHIVE = 4;
const NEW = 5;
const SUBSCRIBERS = 12;

function items(feed: number, from: number, to: number): TestItem[] {
  const list: TestItem[] = [];
  for (let n = to - 1; n >= from; n--) {
    list.push({
      guid: `feed-${feed}-item-${n}`,
      // Every item is its own event (its own words): items of one story would reach a chat once.
      title: `Council ${feed} votes on proposal ${n}: ${madeUpWords(`title-${feed}-${n}`, 3)}`,
      link: `https://city${feed}.example/news/${n}`,
      text: madeUpParagraphs(`item-${feed}-${n}`, 3, 20).join("\n\n"),
      full: true,
      date: new Date(Date.now() - (to - n) * 60_000),
    });
  }
  return list;
}

describe.skipIf(!process.env.DATABASE_URL)("the feed fetcher killed mid-poll (PostgreSQL)", () => {
  let seeded: Awaited<ReturnType<typeof createSeededApp>>;
  let server: FeedServer;
  let botApi: Awaited<ReturnType<typeof startBotApiServer>>;

  const rows = async <T>(query: ReturnType<typeof sql>) => (await seeded.database.db.execute(query)) as unknown as T[];

  beforeAll(async () => {
    seeded = await createSeededApp("postgres");
    server = await startFeedServer();
    botApi = await startBotApiServer();
    await subscribeChats(seeded, SUBSCRIBERS, ["economy"], 900_000);
    // The feeds are added and primed (their archive stored) in this process.
    const app = createApp(seeded.database, { log: pino({ level: "silent" }), adminIds: [], takesUpdates: false, feeds: { allowedAddresses: ["127.0.0.1"] } });
    for (let f = 0; f < FEEDS; f++) {
      server.serve(`/city-${f}.xml`, { body: rss(`City ${f}`, items(f, 0, ARCHIVE)) });
      await app.repos.feeds.add({ url: server.url(`/city-${f}.xml`), topics: ["economy"] });
    }
    await app.createFeedPoller("0:test", { apiRoot: botApi.apiRoot }).pollDue();
  });
  afterAll(async () => {
    await killAll();
    await server?.close();
    await botApi?.close();
    await seeded?.database.close();
  });

  it("after kill -9 and a restart, every new item is stored once and queued once per subscriber", async () => {
    const [primed] = await rows<{ n: number }>(sql`select count(*)::int as n from articles where origin = 'feed'`);
    expect(primed!.n).toBe(FEEDS * ARCHIVE);
    expect(await rows(sql`select 1 from deliveries`)).toHaveLength(0);

    // New items everywhere; each answer takes a little while, so the kill lands mid-poll.
    let served = 0;
    let killFirst: (() => void) | undefined;
    for (let f = 0; f < FEEDS; f++) {
      const body = rss(`City ${f}`, items(f, 0, ARCHIVE + NEW));
      server.serve(`/city-${f}.xml`, () => {
        if (++served === 10) killFirst?.();
        return { delayMs: 30, body };
      });
    }
    await rows(sql`update feeds set next_fetch_at = now()`);
    const [{ startedAt }] = (await rows<{ startedAt: string }>(sql`select now()::text as "startedAt"`)) as [{ startedAt: string }];
    const env = { DATABASE_URL: seeded.database.url, BOT_ROLE: "feeds", FEEDS_ALLOW_PRIVATE: "true", FEED_MIN_INTERVAL: "3600" };
    const first = startBotProcess(botApi.apiRoot, env);
    killFirst = () => first.child.kill("SIGKILL");
    expect(await first.exited).toBe("SIGKILL");
    const [midway] = await rows<{ done: number }>(sql`select count(*)::int as done from feeds where last_success_at > now() - interval '5 minutes' and item_count > ${ARCHIVE}`);
    expect(midway!.done).toBeLessThan(FEEDS);
    // It died holding feeds: their leases are still there.
    const [held] = await rows<{ n: number }>(sql`select count(*)::int as n from feeds where lease_until is not null`);
    expect(held!.n).toBeGreaterThan(0);

    // A minute later the dead fetcher's leases have run out; a new process finishes the work.
    await rows(sql`update feeds set lease_until = now() - interval '1 second' where lease_until is not null`);
    const second = startBotProcess(botApi.apiRoot, env);
    await second.ready();
    const deadline = Date.now() + 60_000;
    for (;;) {
      // Every feed fetched once since the new items appeared (by the dead process before it died,
      // or after the restart: a feed it was in the middle of never recorded its fetch), and no
      // item left half done.
      const [state] = await rows<{ unfinished: number; fetched: number }>(
        sql`select (select count(*)::int from feed_items where status = 'new') as unfinished,
                   (select count(*)::int from feeds where last_success_at >= ${startedAt}::timestamptz) as fetched`,
      );
      if (state!.unfinished === 0 && state!.fetched === FEEDS) break;
      if (Date.now() > deadline) throw new Error(`not finished: ${JSON.stringify(state)}\n${second.output().slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    second.child.kill("SIGTERM");
    await second.exited;

    const [articles] = await rows<{ n: number; urls: number }>(sql`select count(*)::int as n, count(distinct url)::int as urls from articles where origin = 'feed'`);
    expect(articles).toEqual({ n: FEEDS * (ARCHIVE + NEW), urls: FEEDS * (ARCHIVE + NEW) });
    const [itemsState] = await rows<{ published: number; archived: number; other: number }>(
      sql`select count(*) filter (where status = 'published')::int as published, count(*) filter (where status = 'archived')::int as archived,
                 count(*) filter (where status not in ('published', 'archived'))::int as other from feed_items`,
    );
    expect(itemsState).toEqual({ published: FEEDS * NEW, archived: FEEDS * ARCHIVE, other: 0 });
    const [queued] = await rows<{ n: number; pairs: number }>(sql`select count(*)::int as n, count(distinct (article_id, chat_id))::int as pairs from deliveries`);
    expect(queued).toEqual({ n: FEEDS * NEW * SUBSCRIBERS, pairs: FEEDS * NEW * SUBSCRIBERS });
  });

  it("two fetcher processes never fetch one feed at once", async () => {
    await killAll();
    for (let f = 0; f < FEEDS; f++) server.serve(`/city-${f}.xml`, { delayMs: 150, body: rss(`City ${f}`, items(f, 0, ARCHIVE + NEW)) });
    await rows(sql`update feeds set next_fetch_at = now(), lease_until = null, leased_by = null`);
    const before = server.requests.length;
    const env = { DATABASE_URL: seeded.database.url, BOT_ROLE: "feeds", FEEDS_ALLOW_PRIVATE: "true", FEED_MIN_INTERVAL: "1" };
    const a = startBotProcess(botApi.apiRoot, env);
    const b = startBotProcess(botApi.apiRoot, env);
    await Promise.all([a.ready(), b.ready()]);
    // Long enough for each feed to be fetched several times (every second, 150 ms each).
    while (server.requests.length - before < FEEDS * 4) await new Promise((resolve) => setTimeout(resolve, 100));
    a.child.kill("SIGTERM");
    b.child.kill("SIGTERM");
    await Promise.all([a.exited, b.exited]);
    expect(server.requests.length - before).toBeGreaterThanOrEqual(FEEDS * 4);
    expect(server.maxConcurrent()).toBe(1);
  });
});
