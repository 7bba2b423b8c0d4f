/**
 * Feed polling (issue: feeds): `feeds` feeds (2,000 in the full profile) of 20 items each on a
 * local HTTP server with 20 ms latency, polled in one cycle by the real fetcher (8 feeds in
 * flight): feeds/s, items/s analysed and stored, CPU per item and RSS; then a second cycle that
 * the server answers with 304 (ETag). Beside both, the naive way in the same run on a sample of
 * other feeds: one feed at a time, and a server that ignores conditional GET (every cycle
 * downloads and parses the whole feed again).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pino } from "pino";
import { sql } from "drizzle-orm";
import { createApp } from "../src/app.js";
import type { BenchContext, BenchmarkResult } from "./support/context.js";
import { openBenchDatabase } from "./support/database.js";
import { createRandom, type Random } from "./support/random.js";
import { now, round, row } from "./support/stats.js";

const ITEMS_PER_FEED = 20;
const LATENCY_MS = 20;
const FEEDS: Record<BenchContext["profile"], { feeds: number; naive: number }> = {
  full: { feeds: 2_000, naive: 100 },
  quick: { feeds: 200, naive: 40 },
  tiny: { feeds: 30, naive: 10 },
};

const PLACES = ["Northport", "Lakeside", "Eastbridge", "Riverton", "Hillcrest", "Stonehaven", "Westmere", "Ashford"];
const BODIES = ["council", "port authority", "university", "regional court", "water company", "transport agency", "hospital board"];
const ACTS = ["approved", "postponed", "rejected", "announced", "questioned", "extended"];
const THINGS = ["a new budget", "the bridge repairs", "a school building plan", "the tram line", "a housing project", "the harbour works"];

/** An invented local news item of about 900 characters, different for every (feed, item). */
function itemText(random: Random, feed: number, item: number): { title: string; text: string } {
  const place = random.pick(PLACES);
  const body = random.pick(BODIES);
  const sentences = Array.from({ length: 8 }, (_, i) => {
    const amount = 1 + random.int(900);
    return `The ${random.pick(BODIES)} of ${random.pick(PLACES)} ${random.pick(ACTS)} ${random.pick(THINGS)} worth ${amount} thousand euros on day ${i + 1} of report ${feed}-${item}.`;
  });
  return { title: `${place}: the ${body} ${random.pick(ACTS)} ${random.pick(THINGS)} (${feed}/${item})`, text: sentences.join(" ") };
}

function feedXml(random: Random, feed: number): string {
  const items = Array.from({ length: ITEMS_PER_FEED }, (_, i) => {
    const { title, text } = itemText(random, feed, i);
    const date = new Date(Date.UTC(2026, 10, 1) + (feed * ITEMS_PER_FEED + i) * 60_000).toUTCString();
    return `<item><title>${title}</title><link>https://news${feed}.example/${i}</link><guid>https://news${feed}.example/${i}</guid><pubDate>${date}</pubDate><content:encoded><![CDATA[<p>${text}</p>]]></content:encoded></item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Feed ${feed}</title><link>https://news${feed}.example/</link>${items.join("")}</channel></rss>`;
}

/** Serves /feed/N (ETag "vN"; 304 on a match) and /naive/N (never 304), after LATENCY_MS. */
async function startServer(documents: Map<string, string>) {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = request.url ?? "";
    const body = documents.get(path);
    setTimeout(() => {
      if (!body) return void response.writeHead(404).end();
      const etag = `"${path}"`;
      if (path.startsWith("/feed/") && request.headers["if-none-match"] === etag) return void response.writeHead(304, { etag }).end();
      response.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8", etag }).end(body);
    }, LATENCY_MS);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export async function run(ctx: BenchContext): Promise<BenchmarkResult> {
  const sizes = FEEDS[ctx.profile];
  const random = createRandom(15);
  const documents = new Map<string, string>();
  for (let f = 0; f < sizes.feeds; f++) documents.set(`/feed/${f}`, feedXml(random, f));
  for (let f = 0; f < sizes.naive; f++) documents.set(`/naive/${f}`, feedXml(random, 100_000 + f));
  const server = await startServer(documents);
  const bench = await openBenchDatabase({ databaseUrl: ctx.databaseUrl });
  ctx.log(`  feeds: ${sizes.feeds} feeds × ${ITEMS_PER_FEED} items, ${LATENCY_MS} ms latency; naive sample ${sizes.naive} feeds (${bench.label})`);
  try {
    const app = createApp(bench.database, { log: pino({ level: "silent" }), adminIds: [], takesUpdates: false, feeds: { allowedAddresses: ["127.0.0.1"] } });
    const poller = app.createFeedPoller("0:bench", { fetch: async () => new Response("{}") }, { concurrency: 8 });
    const naivePoller = app.createFeedPoller("0:bench", { fetch: async () => new Response("{}") }, { concurrency: 1 });
    const only = async (prefix: string) => {
      await bench.database.db.execute(sql`update feeds set state = case when url like ${`${server.base}${prefix}%`} then 'active' else 'paused' end, next_fetch_at = now() - interval '1 second'`);
    };
    for (let f = 0; f < sizes.feeds; f++) await app.repos.feeds.add({ url: `${server.base}/feed/${f}` });
    for (let f = 0; f < sizes.naive; f++) await app.repos.feeds.add({ url: `${server.base}/naive/${f}` });

    const cycle = async (run: () => Promise<number>) => {
      const cpu = process.cpuUsage();
      const t = now();
      const fetched = await run();
      const ms = now() - t;
      const used = process.cpuUsage(cpu);
      return { fetched, ms, cpuMs: (used.user + used.system) / 1000, rssMb: process.memoryUsage().rss / 1e6 };
    };
    const seedArticles = await app.repos.articles.count();
    const articles = async () => (await app.repos.articles.count()) - seedArticles;

    await only("/feed/");
    const first = await cycle(() => poller.pollDue());
    const stored = await articles();
    await only("/feed/");
    const second = await cycle(() => poller.pollDue());

    await only("/naive/");
    const naiveFirst = await cycle(() => naivePoller.pollDue());
    const naiveStored = (await articles()) - stored;
    await only("/naive/");
    const naiveSecond = await cycle(() => naivePoller.pollDue());

    const items = sizes.feeds * ITEMS_PER_FEED;
    const feedsPerS = (c: { fetched: number; ms: number }) => (c.fetched / c.ms) * 1000;
    const label = `${sizes.feeds} feeds × ${ITEMS_PER_FEED} items`;
    const naiveLabel = `naive: one at a time, no conditional GET (${sizes.naive} feeds)`;
    return {
      name: "feeds",
      rows: [
        row({ benchmark: "feeds", case: `first cycle, ${label}`, metric: "feeds/s", unit: "feeds/s", value: round(feedsPerS(first), 1), baseline: { name: naiveLabel, value: round(feedsPerS(naiveFirst), 1) } }),
        row({ benchmark: "feeds", case: `first cycle, ${label}`, metric: "items analysed and stored", unit: "items/s", value: round((stored / first.ms) * 1000, 1), baseline: { name: naiveLabel, value: round((naiveStored / naiveFirst.ms) * 1000, 1) } }),
        row({ benchmark: "feeds", case: `first cycle, ${label}`, metric: "CPU per item", unit: "ms", value: round(first.cpuMs / Math.max(stored, 1), 2), baseline: { name: naiveLabel, value: round(naiveFirst.cpuMs / Math.max(naiveStored, 1), 2) } }),
        row({ benchmark: "feeds", case: `first cycle, ${label}`, metric: "RSS after", unit: "MB", value: round(first.rssMb, 0), baseline: null }),
        row({ benchmark: "feeds", case: "second cycle (nothing new)", metric: "time per feed", unit: "ms", value: round(second.ms / Math.max(second.fetched, 1), 2), baseline: { name: naiveLabel, value: round(naiveSecond.ms / Math.max(naiveSecond.fetched, 1), 2) } }),
        row({ benchmark: "feeds", case: "second cycle (nothing new)", metric: "CPU per feed", unit: "ms", value: round(second.cpuMs / Math.max(second.fetched, 1), 2), baseline: { name: naiveLabel, value: round(naiveSecond.cpuMs / Math.max(naiveSecond.fetched, 1), 2) } }),
      ],
      details: { feeds: sizes.feeds, items, stored, first, second, naiveFirst, naiveSecond, naiveStored },
      notes: [
        `feeds: the publisher is a node:http server in the same process (${LATENCY_MS} ms before each answer), so its small CPU share is counted too; items are ~900-character invented local news, analysed against the seed catalog.`,
      ],
    };
  } finally {
    await bench.close();
    await server.close();
  }
}
