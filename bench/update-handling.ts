/**
 * Update handling: a mix of /latest, /sources, who-is questions and unknown text through the real
 * bot's `handleUpdate` with an in-memory Bot API, beside two baselines fed the same updates: a bare
 * grammY bot that replies with a constant (the framework's ceiling) and a bot that answers each
 * update with one indexed SELECT and replies with the raw row (the floor cost of using Postgres).
 */
import { desc } from "drizzle-orm";
import { Bot } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import { createBot } from "../src/bot/create-bot.js";
import { articles } from "../src/db/schema.js";
import { createInMemoryApi } from "../src/transports/in-memory-api.js";
import { LOCAL_BOT_INFO } from "../src/transports/local.js";
import { testDeps } from "../test/support/bot.js";
import type { BenchContext, BenchmarkResult } from "./support/context.js";
import type { Dataset } from "./support/dataset.js";
import { createRandom } from "./support/random.js";
import { now, round, row, summarize, type ResultRow } from "./support/stats.js";

export type UpdateKind = "/latest" | "/sources" | "who-is" | "unknown text";
export const KINDS: UpdateKind[] = ["/latest", "/sources", "who-is", "unknown text"];

const BOT_INFO: UserFromGetMe = { ...LOCAL_BOT_INFO, id: 4242, username: "bench_news_bot" };
const TOKEN = "4242:BENCH-token-for-the-in-memory-api";

const CHATTER = [
  "hello there", "thanks!", "what happened today", "ok", "good morning everyone", "any news on the talks",
  "I think this is interesting", "lol", "see you tomorrow", "can you help me",
];

/** `count` updates of the four kinds (30/15/35/20%), from 500 different private chats. */
export function buildUpdates(dataset: Dataset, count: number, seed = 99): { kind: UpdateKind; update: Update }[] {
  const random = createRandom(seed);
  const names = [
    "Dmitriyev", "Kirill Dmitriev", "Wadepul", "Zelenskyy", "Witkoff", "Путин", "Дмитриев",
    ...random.shuffle(dataset.generated.filter((g) => g.seed.kind === "person").map((g) => g.seed.name)).slice(0, 40),
  ];
  const out: { kind: UpdateKind; update: Update }[] = [];
  for (let i = 0; i < count; i++) {
    const roll = random.next();
    const kind: UpdateKind = roll < 0.3 ? "/latest" : roll < 0.45 ? "/sources" : roll < 0.8 ? "who-is" : "unknown text";
    const text =
      kind === "/latest" ? random.pick(["/latest", "/latest 3", "/latest russia", "/latest 10"]) :
      kind === "/sources" ? "/sources" :
      kind === "who-is" ? random.pick([`who is ${random.pick(names)}?`, `/who ${random.pick(names)}`, `кто такой ${random.pick(names)}?`]) :
      random.pick(CHATTER);
    const chatId = 100_000 + random.int(500);
    const command = /^\/\S+/.exec(text);
    out.push({
      kind,
      update: {
        update_id: i + 1,
        message: {
          message_id: i + 1,
          date: Math.floor(Date.now() / 1000),
          chat: { id: chatId, type: "private", first_name: "Reader" },
          from: { id: chatId, is_bot: false, first_name: "Reader", language_code: "en" },
          text,
          entities: command ? [{ type: "bot_command", offset: 0, length: command[0].length }] : undefined,
        },
      } as Update,
    });
  }
  return out;
}

/** Feeds the updates one after another, timing each; per-kind samples in ms. */
async function drive(bot: Bot<any>, updates: { kind: UpdateKind; update: Update }[]) {
  const samples = new Map<UpdateKind, number[]>(KINDS.map((k) => [k, []]));
  // Warm-up on a copy of the first updates (JIT, plan caches, connection pool).
  for (const u of updates.slice(0, Math.min(50, updates.length))) await bot.handleUpdate(structuredClone(u.update));
  const start = now();
  for (const u of updates) {
    const t = now();
    await bot.handleUpdate(u.update);
    samples.get(u.kind)!.push(now() - t);
  }
  const totalMs = now() - start;
  return { samples, totalMs };
}

/** The real bot over the dataset; replies go to an in-memory Bot API that answers at once. */
export function realBot(dataset: Dataset): Bot<any> {
  // The dependencies exactly as src/app.ts wires them for main.ts (read caches included).
  return createBot(
    testDeps({ database: dataset.bench.database }),
    // Flood control off: 500 chats send 40 updates each here as fast as the bot takes them, and
    // the figure is the cost of handling them, not of dropping them.
    { token: TOKEN, botInfo: BOT_INFO, client: { fetch: createInMemoryApi() }, autoRetry: false, floodLimit: false },
  );
}

/** Baseline 1: grammY alone, a constant reply. */
export function constantBot(): Bot {
  const bot = new Bot(TOKEN, { botInfo: BOT_INFO, client: { fetch: createInMemoryApi() } });
  bot.on("message", (ctx) => ctx.reply("ok"));
  return bot;
}

/** Baseline 2: one indexed SELECT (the newest article, by articles_published_idx), raw row as reply. */
export function oneSelectBot(dataset: Dataset): Bot {
  const db = dataset.bench.database.db;
  const bot = new Bot(TOKEN, { botInfo: BOT_INFO, client: { fetch: createInMemoryApi() } });
  bot.on("message", async (ctx) => {
    const [latest] = await db
      .select({ id: articles.id, title: articles.title, summary: articles.summary, url: articles.url })
      .from(articles)
      .orderBy(desc(articles.publishedAt), desc(articles.id))
      .limit(1);
    await ctx.reply(JSON.stringify(latest ?? null));
  });
  return bot;
}

/** Runs the three bots over the same updates and builds the rows. */
export async function measureUpdates(dataset: Dataset, count: number): Promise<{ rows: ResultRow[]; details: Record<string, unknown> }> {
  const updates = buildUpdates(dataset, count);
  const fresh = () => updates.map((u) => ({ kind: u.kind, update: structuredClone(u.update) }));
  const constant = await drive(constantBot(), fresh());
  const select = await drive(oneSelectBot(dataset), fresh());
  const real = await drive(realBot(dataset), fresh());

  const all = (r: typeof real) => [...r.samples.values()].flat();
  const benchmark = "update handling";
  const perSecond = (r: typeof real) => round((count * 1000) / r.totalMs, 1);
  const rows: ResultRow[] = [
    row({ benchmark, case: `all kinds (${count} updates)`, metric: "updates/s", unit: "/s", value: perSecond(real), baseline: { name: "one SELECT bot", value: perSecond(select) } }),
    row({ benchmark, case: `all kinds (${count} updates)`, metric: "updates/s vs constant", unit: "/s", value: perSecond(real), baseline: { name: "bare grammY (constant)", value: perSecond(constant) } }),
    row({ benchmark, case: `one SELECT bot`, metric: "updates/s vs constant", unit: "/s", value: perSecond(select), baseline: { name: "bare grammY (constant)", value: perSecond(constant) } }),
  ];
  const selectAll = summarize(all(select));
  for (const kind of KINDS) {
    const s = summarize(real.samples.get(kind)!);
    if (s.count === 0) continue;
    const targeted = kind === "/latest" || kind === "who-is";
    const ratio = s.perSecond / selectAll.perSecond;
    rows.push(
      row({
        benchmark, case: `${kind} (${s.count})`, metric: "updates/s", unit: "/s", value: round(s.perSecond, 1),
        baseline: { name: "one SELECT bot", value: round(selectAll.perSecond, 1) },
        target: targeted ? "≥ 0.5× baseline" : undefined, met: targeted ? ratio >= 0.5 : undefined,
      }),
      row({ benchmark, case: `${kind} (${s.count})`, metric: "p50", unit: "ms", value: round(s.p50, 3), baseline: { name: "one SELECT bot", value: round(selectAll.p50, 3) } }),
      row({
        benchmark, case: `${kind} (${s.count})`, metric: "p99", unit: "ms", value: round(s.p99, 3),
        baseline: { name: "one SELECT bot", value: round(selectAll.p99, 3) }, target: targeted ? "< 20 ms" : undefined, met: targeted ? s.p99 < 20 : undefined,
      }),
    );
  }
  const constAll = summarize(all(constant));
  return {
    rows,
    details: {
      updates: count,
      constant: { totalMs: constant.totalMs, p50: constAll.p50, p99: constAll.p99 },
      oneSelect: { totalMs: select.totalMs, p50: selectAll.p50, p99: selectAll.p99 },
      real: { totalMs: real.totalMs, perKind: Object.fromEntries(KINDS.map((k) => [k, summarize(real.samples.get(k)!)])) },
    },
  };
}

/** The benchmark over the large dataset. */
export async function run(ctx: BenchContext): Promise<BenchmarkResult> {
  const dataset = await ctx.dataset("large");
  ctx.log(`  update handling: ${ctx.sizes.updates} updates × 3 bots`);
  const { rows, details } = await measureUpdates(dataset, ctx.sizes.updates);
  return {
    name: "update-handling",
    rows,
    details: { ...details, entities: await dataset.entityCount() },
    notes: [
      "update handling: updates are handled one after another (await handleUpdate), so updates/s = 1 / mean latency; per-kind updates/s likewise from that kind's mean.",
      "update handling: the real bot is wired as src/main.ts wires it: chat languages cached (60 s), newest-article lists, citations and entity cards cached for 5 s (so /latest and /sources read the database about once per 5 s per list; every who-is question still runs the name search, and its card is read once per 5 s per entity), conversation state read only for admins, chatter that names nothing kept away from the name search.",
    ],
  };
}
