/**
 * Broadcast: one article to N subscribers through the durable delivery queue and worker, against a
 * local Bot API server with 20 ms latency and a global cap (429 + retry_after above it), beside a
 * naive sequential `for … await api.sendMessage` sender in the same run. Reports messages/s against
 * the cap, 429s, duplicates, losses, peak RSS and CPU per message. On PostgreSQL the worker is the
 * production delivery process (`src/main.ts`, BOT_ROLE=delivery) in a child, measured from /proc;
 * on PGlite it runs in the bench process (a child cannot open the bench's in-memory database).
 */
import { and, desc, eq } from "drizzle-orm";
import { Api, GrammyError } from "grammy";
import { pino } from "pino";
import type { Database } from "../src/db/client.js";
import type { Repositories } from "../src/db/repositories/index.js";
import { createDeliveryRenderer } from "../src/bot/delivery-renderer.js";
import { createI18n } from "../src/bot/i18n.js";
import { createDeliveryApi } from "../src/delivery/api.js";
import { createDeliveryWorker } from "../src/delivery/worker.js";
import { articles, articleTopics, chats } from "../src/db/schema.js";
import type { NewsService } from "../src/news/service.js";
import { spawnBotApiServer, type BotApiServerHandle, type ServerStats } from "./support/bot-api-server.js";
import type { BenchContext, BenchmarkResult } from "./support/context.js";
import { startDeliveryProcess } from "./support/delivery-process.js";
import { procStats, startProcRssSampler, startRssSampler } from "./support/memory.js";
import { now, round, row, type ResultRow } from "./support/stats.js";
import { createSubscribers, deliveryCheck } from "./support/subscribers.js";
import { sql } from "drizzle-orm";

const TOKEN = "4242:BENCH-token-for-the-local-bot-api";

export interface SenderOutcome {
  elapsedMs: number;
  /** CPU time of this process (user + system) during the run, ms. */
  cpuMs: number;
  peakRssMb: number;
  /** RSS when the run started: the dataset, the loaded modules and the database client. */
  startRssMb: number;
  /**
   * Where the queue worker ran: "process" is the production delivery process (a child,
   * BOT_ROLE=delivery; its figures exclude the bench), "in-process" the bench process itself
   * (PGlite: a child cannot open the bench's in-memory database).
   */
  where?: "process" | "in-process";
  /** The delivery process's lifetime peak (VmHWM), its start included, MB. */
  lifetimePeakRssMb?: number;
  /** CPU the delivery process uses per second while idle, before the enqueue, ms/s. */
  idleCpuMsPerSecond?: number;
}

export interface BroadcastFigures extends SenderOutcome {
  sender: string;
  subscribers: number;
  cap: number;
  accepted: number;
  tooManyRequests: number;
  duplicates: number;
  losses: number;
  messagesPerSecond: number;
}

export interface QueueBroadcastOptions {
  database: Database;
  repos: Repositories;
  news: NewsService;
  apiRoot: string;
  /** The scratch database's URL (Postgres): the worker then runs as its own delivery process. */
  databaseUrl?: string;
  /** Messages per second the worker aims for (the cap). */
  rate: number;
  paid: boolean;
  /** Chat ids subscribed to the article's topic (already stored). */
  subscribers: number[];
  articleId: number;
  /** Gives up waiting after this long. */
  timeoutMs?: number;
}

/**
 * Broadcasts `articleId` through the durable queue: enqueue, let one worker send until no row is
 * pending, stop it. With a database URL the worker is the production delivery process; otherwise
 * (PGlite) it runs here.
 */
export async function runQueueBroadcast(options: QueueBroadcastOptions): Promise<SenderOutcome> {
  if (options.databaseUrl) return runDeliveryProcessBroadcast({ ...options, databaseUrl: options.databaseUrl });
  const repos = options.repos;
  const api = createDeliveryApi(TOKEN, { client: { apiRoot: options.apiRoot } });
  const render = createDeliveryRenderer({ news: options.news, i18n: createI18n() });
  const log = pino({ level: "silent" });

  const startRssMb = process.memoryUsage().rss / 1024 / 1024;
  const rss = startRssSampler();
  const cpu = process.cpuUsage();
  const start = now();
  const enqueued = await repos.deliveries.enqueueArticle(options.articleId);
  if (enqueued < options.subscribers.length) {
    rss.stop();
    throw new Error(`Enqueued ${enqueued} deliveries for ${options.subscribers.length} subscribers`);
  }
  const worker = createDeliveryWorker({ repos, api, render, log, rate: options.rate, paid: options.paid });
  worker.start();
  await untilDelivered(repos, options.articleId, Date.now() + (options.timeoutMs ?? 30 * 60_000));
  await worker.stop();
  const elapsedMs = now() - start;
  const used = process.cpuUsage(cpu);
  return { elapsedMs, cpuMs: (used.user + used.system) / 1000, peakRssMb: rss.stop(), startRssMb, where: "in-process" };
}

/** How long the idle delivery process is watched for its CPU floor. */
const IDLE_SAMPLE_MS = 3000;

/** Waits until no delivery row of the article is pending (or the deadline passed). */
async function untilDelivered(repos: Repositories, articleId: number, deadline: number): Promise<void> {
  for (;;) {
    const counts = await repos.deliveries.countByStatus(articleId);
    if (counts.pending === 0 || Date.now() > deadline) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * The broadcast through the production delivery process (`src/main.ts`, BOT_ROLE=delivery) in a
 * child: started and left idle first (its RSS then is the baseline), then the article is enqueued
 * here, as the updates process would, and the child picks it up on its next poll. Its CPU
 * (utime + stime) and RSS come from /proc: from just before the enqueue to the last row sent.
 */
async function runDeliveryProcessBroadcast(options: QueueBroadcastOptions & { databaseUrl: string }): Promise<SenderOutcome> {
  const repos = options.repos;
  const child = startDeliveryProcess({ databaseUrl: options.databaseUrl, apiRoot: options.apiRoot, token: TOKEN, rate: options.rate, paid: options.paid });
  try {
    await child.ready();
    await new Promise((r) => setTimeout(r, 1000)); // settled: its start-up work and first idle polls are done
    // Its CPU while idle (timers, metrics, the idle poll of the queue): a floor paid every second.
    const settled = await procStats(child.pid);
    await new Promise((r) => setTimeout(r, IDLE_SAMPLE_MS));
    const idle = await procStats(child.pid);
    const rss = startProcRssSampler(child.pid);
    const start = now();
    const enqueued = await repos.deliveries.enqueueArticle(options.articleId);
    if (enqueued < options.subscribers.length) throw new Error(`Enqueued ${enqueued} deliveries for ${options.subscribers.length} subscribers`);
    await untilDelivered(repos, options.articleId, Date.now() + (options.timeoutMs ?? 30 * 60_000));
    const done = await procStats(child.pid);
    const peakRssMb = await rss.stop();
    const elapsedMs = now() - start;
    const measured = idle !== undefined && done !== undefined;
    return {
      where: "process",
      elapsedMs,
      cpuMs: measured ? done.cpuMs - idle.cpuMs : Number.NaN,
      peakRssMb: measured ? peakRssMb : Number.NaN,
      startRssMb: idle?.rssMb ?? Number.NaN,
      lifetimePeakRssMb: done?.hwmMb ?? Number.NaN,
      idleCpuMsPerSecond: measured && settled ? ((idle.cpuMs - settled.cpuMs) * 1000) / IDLE_SAMPLE_MS : Number.NaN,
    };
  } finally {
    const code = await child.stop();
    if (code !== 0) process.stderr.write(`The delivery process exited with ${String(code)}:\n${child.output()}\n`);
  }
}

/** The naive baseline: one message after another, no rate limit, no retry; a 429 is a lost message. */
export async function runNaiveBroadcast(options: { apiRoot: string; chatIds: number[]; text: string; paid: boolean }): Promise<SenderOutcome & { errors: number }> {
  const api = new Api(TOKEN, { apiRoot: options.apiRoot });
  const startRssMb = process.memoryUsage().rss / 1024 / 1024;
  const rss = startRssSampler();
  const cpu = process.cpuUsage();
  const start = now();
  let errors = 0;
  for (const chatId of options.chatIds) {
    try {
      await api.sendMessage(chatId, options.text, options.paid ? { allow_paid_broadcast: true } : {});
    } catch (error) {
      if (!(error instanceof GrammyError)) throw error;
      errors++;
    }
  }
  const elapsedMs = now() - start;
  const used = process.cpuUsage(cpu);
  return { elapsedMs, cpuMs: (used.user + used.system) / 1000, peakRssMb: rss.stop(), startRssMb, errors };
}

/**
 * Messages/s while sending: accepted messages over the time from the first accepted request to the
 * last answer, as the server saw them (enqueueing and the worker's start and stop are not counted;
 * they are in `elapsedMs`). Falls back to the whole run for a single message.
 */
function sendingRate(stats: ServerStats, elapsedMs: number): number {
  const span = stats.firstAt !== null && stats.lastAt !== null ? stats.lastAt - stats.firstAt : 0;
  if (stats.accepted > 1 && span > 0) return (stats.accepted * 1000) / span;
  return elapsedMs > 0 ? (stats.accepted * 1000) / elapsedMs : 0;
}

/** One broadcast scenario: queue worker and naive sender against the same capped server. */
export async function measureBroadcast(
  ctx: { database: Database; repos: Repositories; news: NewsService; databaseUrl?: string; log: (m: string) => void },
  scenario: { label: string; subscribers: number; cap: number; paid: boolean; latencyMs: number; naiveMessages: number; firstChatId: number; server?: BotApiServerHandle },
): Promise<BroadcastFigures[]> {
  const { database, repos, news } = ctx;
  const db = database.db;
  const [target] = await db
    .select({ articleId: articleTopics.articleId, topicId: articleTopics.topicId })
    .from(articleTopics)
    .innerJoin(articles, eq(articles.id, articleTopics.articleId))
    .where(sql`${articles.origin} <> 'seed'`)
    .orderBy(desc(articles.publishedAt))
    .limit(1);
  if (!target) throw new Error("The broadcast needs a published (non-seed) article with a topic");
  const t = now();
  const chatIds = await createSubscribers(db, { count: scenario.subscribers, topicId: target.topicId, firstChatId: scenario.firstChatId });
  ctx.log(`  ${scenario.label}: ${scenario.subscribers} subscribers created in ${((now() - t) / 1000).toFixed(1)} s`);
  const server = scenario.server ?? (await spawnBotApiServer({ latencyMs: scenario.latencyMs, cap: scenario.cap }));
  const figures: BroadcastFigures[] = [];
  try {
    const queue = await runQueueBroadcast({ database, repos, news, databaseUrl: ctx.databaseUrl, apiRoot: server.apiRoot, rate: scenario.cap, paid: scenario.paid, subscribers: chatIds, articleId: target.articleId });
    const q = await server.stats();
    const qc = deliveryCheck(chatIds, q.perChat);
    figures.push({
      ...queue, sender: queue.where === "process" ? "delivery process" : "queue worker", subscribers: chatIds.length, cap: scenario.cap, accepted: q.accepted, tooManyRequests: q.tooManyRequests,
      duplicates: qc.duplicates + qc.strangers, losses: qc.losses,
      messagesPerSecond: sendingRate(q, queue.elapsedMs),
    });
    ctx.log(`  ${scenario.label}: ${queue.where === "process" ? "delivery process" : "queue worker"} ${q.accepted} sent in ${(queue.elapsedMs / 1000).toFixed(1)} s`);
    await server.reset();

    const article = await news.byId(target.articleId);
    const naiveChats = chatIds.slice(0, scenario.naiveMessages);
    const naive = await runNaiveBroadcast({ apiRoot: server.apiRoot, chatIds: naiveChats, text: `${article?.title ?? ""}\n\n${article?.summary ?? ""}`, paid: scenario.paid });
    const n = await server.stats();
    const nc = deliveryCheck(naiveChats, n.perChat);
    figures.push({
      ...naive, sender: "naive sequential", subscribers: naiveChats.length, cap: scenario.cap, accepted: n.accepted, tooManyRequests: n.tooManyRequests,
      // The naive sender starts at once and stops after its last try: its rate is over its whole run.
      duplicates: nc.duplicates + nc.strangers, losses: nc.losses, messagesPerSecond: (n.accepted * 1000) / naive.elapsedMs,
    });
    ctx.log(`  ${scenario.label}: naive ${n.accepted}/${naiveChats.length} sent in ${(naive.elapsedMs / 1000).toFixed(1)} s, ${n.tooManyRequests} 429s`);
  } finally {
    if (!scenario.server) await server.close();
    // Later scenarios subscribe other chats to the same topic: these must not receive them.
    await db.update(chats).set({ active: false }).where(and(sql`${chats.id} >= ${scenario.firstChatId}`, sql`${chats.id} < ${scenario.firstChatId + scenario.subscribers}`));
  }
  return figures;
}

/** Rows for one scenario: the queue worker against the cap, and against the naive sender. */
export function broadcastRows(label: string, [queue, naive]: BroadcastFigures[], backend: string): ResultRow[] {
  const benchmark = "broadcast";
  if (!queue || !naive) return [];
  const cap = queue.cap;
  const naiveBase = (value: number) => ({ name: "naive sequential", value: round(value, 2) });
  const rows: ResultRow[] = [];
  const child = queue.where === "process";
  const worker = child ? `${label}: delivery process (BOT_ROLE=delivery)` : `${label}: queue worker (in the bench process${backend === "pglite" ? ", PGlite" : ""})`;
  const perMessageCpu = queue.accepted > 0 ? queue.cpuMs / queue.accepted : Number.NaN;
  const linuxOnly = Number.isNaN(queue.cpuMs) ? "; not measured: /proc is Linux only" : "";
  rows.push(
    row({ benchmark, case: worker, metric: "messages/s", unit: "/s", value: round(queue.messagesPerSecond, 1), baseline: naiveBase(naive.messagesPerSecond), note: `${round((100 * queue.messagesPerSecond) / cap, 1)}% of the ${cap}/s cap; whole run incl. enqueue${child ? " and the idle poll that picks it up" : " and worker start/stop"} ${round(queue.elapsedMs / 1000, 1)} s` }),
    row({ benchmark, case: worker, metric: "share of cap", unit: "%", value: round((100 * queue.messagesPerSecond) / cap, 1), baseline: { name: "naive sequential", value: round((100 * naive.messagesPerSecond) / cap, 1) }, target: "≥ 95%", met: queue.messagesPerSecond >= 0.95 * cap }),
    row({ benchmark, case: worker, metric: "429s received", unit: "", value: queue.tooManyRequests, baseline: naiveBase(naive.tooManyRequests), ratio: null, target: "no 429 storm", met: queue.tooManyRequests <= Math.max(5, queue.subscribers * 0.01) }),
    row({ benchmark, case: worker, metric: "duplicates", unit: "", value: queue.duplicates, baseline: naiveBase(naive.duplicates), ratio: null, target: "0", met: queue.duplicates === 0 }),
    row({ benchmark, case: worker, metric: "losses", unit: "", value: queue.losses, baseline: naiveBase(naive.losses), ratio: null, target: "0", met: queue.losses === 0, note: `naive tried ${naive.subscribers} of ${queue.subscribers}` }),
    row({
      benchmark, case: worker, metric: "CPU per message", unit: "ms", value: round(perMessageCpu, 3), baseline: naiveBase(naive.accepted > 0 ? naive.cpuMs / naive.accepted : Number.NaN), target: "< 1 ms", met: perMessageCpu < 1,
      note: child
        ? `the delivery process's utime + stime (/proc) from the enqueue to the last row sent, over messages sent; its start-up is not counted${linuxOnly}. Naive: the bench process`
        : backend === "pglite" ? "bench process, PGlite's own CPU included (same process)" : "bench process only; Postgres and the fake server are other processes",
    }),
  );
  if (child) {
    const idlePerSecond = queue.idleCpuMsPerSecond ?? Number.NaN;
    const aboveIdle = queue.accepted > 0 ? (queue.cpuMs - (idlePerSecond * queue.elapsedMs) / 1000) / queue.accepted : Number.NaN;
    rows.push(
      row({ benchmark, case: worker, metric: "idle CPU", unit: "ms/s", value: round(idlePerSecond, 1), baseline: null, note: `the same process idle for ${IDLE_SAMPLE_MS / 1000} s before the enqueue: timers, process metrics, the queue's idle poll; at ${cap}/s that alone is ${round(idlePerSecond / cap, 2)} ms per message` }),
      row({ benchmark, case: worker, metric: "CPU per message above idle", unit: "ms", value: round(aboveIdle, 3), baseline: null, note: "CPU per message minus the idle rate over the broadcast's duration: the work each message adds" }),
      row({ benchmark, case: worker, metric: "peak RSS", unit: "MB", value: round(queue.peakRssMb, 0), baseline: { name: "idle delivery process", value: round(queue.startRssMb, 0) }, target: "< 300 MB", met: queue.peakRssMb < 300, note: `VmRSS sampled every 100 ms during the broadcast; baseline: the same process started and idle, just before the enqueue; lifetime peak (VmHWM, start-up included) ${round(queue.lifetimePeakRssMb ?? Number.NaN, 0)} MB${linuxOnly}` }),
      row({ benchmark, case: worker, metric: "RSS growth", unit: "MB", value: round(queue.peakRssMb - queue.startRssMb, 0), baseline: naiveBase(naive.peakRssMb - naive.startRssMb), note: "peak during the broadcast minus the idle process; naive: growth of the bench process during its run" }),
    );
  } else {
    rows.push(
      row({ benchmark, case: worker, metric: "peak RSS", unit: "MB", value: round(queue.peakRssMb, 0), baseline: naiveBase(naive.peakRssMb), note: `whole bench process (dataset included${backend === "pglite" ? ", and PGlite itself" : ""}), not the bot's; ${round(queue.startRssMb, 0)} MB when the broadcast started` }),
      row({ benchmark, case: worker, metric: "RSS growth", unit: "MB", value: round(queue.peakRssMb - queue.startRssMb, 0), baseline: naiveBase(naive.peakRssMb - naive.startRssMb), note: "the broadcast's own share: peak RSS during the run minus RSS when it started (the worker and its queue, the enqueue, the bench's checks)" }),
    );
  }
  rows.push(
    row({ benchmark, case: `${label}: naive sequential (${naive.subscribers})`, metric: "messages/s", unit: "/s", value: round(naive.messagesPerSecond, 1), baseline: null, note: `${naive.tooManyRequests} 429s, ${naive.losses} lost, ${naive.duplicates} duplicates` }),
  );
  return rows;
}

/** The benchmark: the paid-mode run, and the free 25/s run in full mode. */
export async function run(ctx: BenchContext): Promise<BenchmarkResult> {
  const dataset = await ctx.dataset("small");
  const { database, repos, news, url: databaseUrl } = dataset.bench;
  const b = ctx.sizes.broadcast;
  const scenarios = [
    { label: `${b.paid.subscribers.toLocaleString("en-US")} subscribers, ${b.paid.cap}/s paid cap`, ...b.paid, paid: true, firstChatId: 10_000_000 },
    ...(b.free.subscribers > 0 ? [{ label: `${b.free.subscribers.toLocaleString("en-US")} subscribers, ${b.free.cap}/s cap`, ...b.free, paid: false, firstChatId: 20_000_000 }] : []),
  ];
  const rows: ResultRow[] = [];
  const details: Record<string, unknown> = {};
  for (const s of scenarios) {
    const figures = await measureBroadcast({ database, repos, news, databaseUrl, log: ctx.log }, { ...s, latencyMs: b.latencyMs, naiveMessages: Math.min(b.naiveMessages, s.subscribers) });
    rows.push(...broadcastRows(s.label, figures, ctx.backend));
    details[s.label] = figures;
  }
  return {
    name: "broadcast",
    rows,
    details,
    notes: [
      `broadcast: local Bot API server in a child process, ${b.latencyMs} ms latency per sendMessage, 429 with retry_after above the cap (sliding 1 s window). ` +
        `The naive sender tries the first ${b.naiveMessages} subscribers only (it is sequential: about 1 / latency messages/s); its losses are its 429s.` +
        (ctx.backend === "postgres"
          ? " The queue side is the real delivery process (`node --import tsx src/main.ts`, BOT_ROLE=delivery, LOG_LEVEL=info for its readiness line) in a child: its RSS and CPU (utime + stime) from /proc, its idle self as the RSS baseline; the naive sender runs in the bench process."
          : " PGlite: the queue worker runs in the bench process, so its RSS and CPU include the dataset and PGlite.") +
        (ctx.profile !== "full" || b.paid.subscribers < 100_000 ? ` This run: ${b.paid.subscribers} subscribers at a ${b.paid.cap}/s paid cap${b.free.subscribers > 0 ? ` and ${b.free.subscribers} at ${b.free.cap}/s` : ""}.` : "") +
        (ctx.profile === "quick" ? ` Quick mode: ${b.paid.subscribers} subscribers at a ${b.paid.cap}/s paid cap (2,000 at 25/s would take 80 s); the full run does 100,000 at 1000/s and 1,500 at 25/s.` : ""),
    ],
  };
}
