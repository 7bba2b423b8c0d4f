/**
 * End to end, as an operator sees it (issue 18): the real bot started the `npm start` way
 * (`node --import tsx src/main.ts`, its own process, a fresh DATA_DIR or scratch database) against
 * a Bot API emulator in another process that plays the users and models Telegram's limits (30
 * messages/s per bot, 1/s per chat, 429 with retry_after; see support/telegram-emulator.ts). Beside
 * it, in the same run, the one-SELECT bot (support/one-select-bot.ts) against the same emulator.
 *
 * a. Load: N users × 3 mixed messages (closed loop: a user's next message 1–2 s after the reply),
 *    polling and webhook: updates/s end to end, p50/p99 reply latency; /subscribe alone; and the
 *    same polling load without the emulator's global cap (what the bots themselves can do).
 * b. Flooder: one user sends 500 messages in 3 s while 30 users chat (a message every 1–2 s):
 *    the others' reply p99 and the replies the flooder got.
 * c. Broadcast + chat: an article for S subscribers published through POST /api/articles with
 *    BROADCAST_RATE=25 while 30 users chat (a message every 2–4 s): the users' p50/p99, the
 *    broadcast's messages/s while they chat and the 429s; baseline: the same chat load without it.
 *
 * BENCH_E2E_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") goes to the real bot's node.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openDatabase } from "../src/db/client.js";
import { createRepositories } from "../src/db/repositories/index.js";
import { loadSeeds } from "../src/news/seeds.js";
import { createNewsService } from "../src/news/service.js";
import { httpPortOf, startBotProcess, type BotProcess } from "../test/support/bot-process.js";
import type { BenchContext, BenchmarkResult } from "./support/context.js";
import { createScratchDatabase } from "./support/database.js";
import { procStats } from "./support/memory.js";
import { createRandom, type Random } from "./support/random.js";
import { percentile, round, row, type ResultRow } from "./support/stats.js";
import { createSubscribers } from "./support/subscribers.js";
import { spawnTelegramEmulator, type ScenarioResult, type ScenarioSpec, type ScriptedUser, type TelegramEmulator } from "./support/telegram-emulator.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const REAL_TOKEN = "5001:E2E-real-bot-token-for-the-emulator";
const BASE_TOKEN = "5002:E2E-one-select-bot-token-for-the-emulator";
const ADMIN_API_TOKEN = "e2e-bench-admin-api-token-0123456789";
const WEBHOOK_SECRET = "e2e_bench_webhook_secret";

interface E2eSizes {
  loadUsers: number;
  /** Users start uniformly within this window, ms. */
  loadRampMs: number;
  /** Chatters' duration in the flooder and broadcast scenarios, ms. */
  chatMs: number;
  subscribers: number;
}

const SIZES: Record<BenchContext["profile"], E2eSizes> = {
  full: { loadUsers: 1000, loadRampMs: 10_000, chatMs: 40_000, subscribers: 1500 },
  quick: { loadUsers: 200, loadRampMs: 5_000, chatMs: 20_000, subscribers: 600 },
  tiny: { loadUsers: 40, loadRampMs: 2_000, chatMs: 10_000, subscribers: 300 },
};

/** The load mix: commands and questions people send (every one answered with one message). */
const LOAD_TEXTS = ["/start", "/latest", "who is Dmitriev?", "/subscribe sport", "/topics", "/help", "/sources", "/latest sport", "/who Witkoff"];
const SUBSCRIBE_TOPICS = ["sport", "culture", "economy", "health", "science-technology", "europe", "politics", "weather"];
/** Chatters in the flooder and broadcast scenarios. */
const CHAT_TEXTS = ["/latest", "who is Dmitriev?", "/topics", "/help", "/sources", "/who Witkoff", "/start"];

// ————————————————————————————————————————— processes

interface Bot {
  pid: number;
  output(): string;
  stop(): Promise<void>;
  httpPort?: number;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A fresh place for one process's data: a temp DATA_DIR (PGlite) or a scratch database. */
async function freshStore(ctx: BenchContext): Promise<{ env: Record<string, string | undefined>; url?: string; dataDir: string; drop(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), "newsbot-e2e-"));
  if (!ctx.databaseUrl) return { env: { DATA_DIR: dataDir, DATABASE_URL: undefined }, dataDir, drop: () => rm(dataDir, { recursive: true, force: true }) };
  const scratch = await createScratchDatabase(ctx.databaseUrl, "e2e");
  return {
    env: { DATA_DIR: dataDir, DATABASE_URL: scratch.url },
    url: scratch.url,
    dataDir,
    drop: async () => {
      await scratch.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

type Mode = "polling" | "webhook";

async function webhookEnv(mode: Mode): Promise<Record<string, string>> {
  if (mode === "polling") return {};
  const port = await freePort();
  return { HTTP_PORT: String(port), WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/webhook`, WEBHOOK_SECRET };
}

let logCount = 0;
/** SIGTERM, then waits; BENCH_E2E_LOGS=dir keeps each process's output there. */
async function stopProcess(child: ChildProcessWithoutNullStreams, exited: Promise<unknown>, output: () => string, name: string) {
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(timer);
  const dir = process.env.BENCH_E2E_LOGS;
  if (dir) await writeFile(join(dir, `${String(++logCount).padStart(2, "0")}-${name}.log`), output());
}

/** The real bot, the `npm start` way. */
async function startRealBot(apiRoot: string, store: Record<string, string | undefined>, mode: Mode, extra: Record<string, string> = {}): Promise<Bot> {
  const nodeArgs = process.env.BENCH_E2E_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  const bot: BotProcess = startBotProcess(apiRoot, { BOT_TOKEN: REAL_TOKEN, LOG_LEVEL: "info", ...store, ...(await webhookEnv(mode)), ...extra }, { nodeArgs });
  await bot.ready(180_000);
  return { pid: bot.child.pid!, output: bot.output, httpPort: httpPortOf(bot), stop: () => stopProcess(bot.child, bot.exited, bot.output, `real-${mode}`) };
}

/** The one-SELECT bot, its own process. */
async function startBaselineBot(apiRoot: string, store: Record<string, string | undefined>, mode: Mode): Promise<Bot> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/support/one-select-bot.ts"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, BOT_TOKEN: BASE_TOKEN, TELEGRAM_API_ROOT: apiRoot, ...store, ...(await webhookEnv(mode)) },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const deadline = Date.now() + 180_000;
  while (!output.includes('"msg":"Bot running"')) {
    if (child.exitCode !== null) throw new Error(`The one-SELECT bot exited:\n${output}`);
    if (Date.now() > deadline) throw new Error(`The one-SELECT bot did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { pid: child.pid!, output: () => output, stop: () => stopProcess(child, exited, () => output, `one-select-${mode}`) };
}

// ————————————————————————————————————————— scenarios

let nextChatId = 1_000_000;
const chatIds = (n: number) => Array.from({ length: n }, () => nextChatId++);
const between = (random: Random, lo: number, hi: number) => lo + random.next() * (hi - lo);

function loadUsers(random: Random, n: number, rampMs: number, texts: (random: Random) => string[]): ScriptedUser[] {
  return chatIds(n).map((chatId) => ({
    chatId,
    texts: texts(random),
    startMs: random.next() * rampMs,
    gapsMs: [between(random, 1000, 2000), between(random, 1000, 2000)],
    closedLoop: true,
    replyTimeoutMs: 30_000,
  }));
}

const mixed = (random: Random) => [random.pick(LOAD_TEXTS), random.pick(LOAD_TEXTS), random.pick(LOAD_TEXTS)];
const subscribes = (random: Random) => [0, 1, 2].map(() => `/subscribe ${random.pick(SUBSCRIBE_TOPICS)}`);

/** `n` chatters for `durationMs`, open loop, a message every gapMs[0]–gapMs[1]. */
function chatters(random: Random, n: number, durationMs: number, gapMs: [number, number]): ScriptedUser[] {
  return chatIds(n).map((chatId) => {
    const startMs = random.next() * 2000;
    const texts = [random.pick(CHAT_TEXTS)];
    const gapsMs: number[] = [];
    for (let t = startMs; ; ) {
      const gap = between(random, gapMs[0], gapMs[1]);
      if (t + gap > durationMs) break;
      t += gap;
      gapsMs.push(gap);
      texts.push(random.pick(CHAT_TEXTS));
    }
    return { chatId, texts, startMs, gapsMs };
  });
}

interface Figures {
  updates: number;
  answered: number;
  perSecond: number;
  p50: number;
  p99: number;
  tooMany: number;
  cpuMsPerUpdate: number;
}

/** Updates/s end to end (answered / from the first message to the last reply) and latency, s. */
function figures(result: ScenarioResult, cpuMs: number, filter: (r: ScenarioResult["records"][number]) => boolean = (r) => r.measured): Figures {
  const records = result.records.filter(filter);
  const answered = records.filter((r) => r.replyAt !== null);
  // An update never answered counts with the time it waited until the scenario ended.
  const latencies = records.map((r) => ((r.replyAt ?? result.endedAt) - r.injectedAt) / 1000);
  const first = Math.min(...records.map((r) => r.injectedAt));
  const last = Math.max(...answered.map((r) => r.replyAt!));
  return {
    updates: records.length,
    answered: answered.length,
    perSecond: answered.length / Math.max(0.001, (last - first) / 1000),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    tooMany: result.stats.tooManyGlobal + result.stats.tooManyPerChat,
    cpuMsPerUpdate: cpuMs / Math.max(1, result.records.length),
  };
}

/** Runs `spec` and reads the bot's CPU time around it. */
async function measured(emulator: TelegramEmulator, bot: Bot, spec: ScenarioSpec): Promise<{ result: ScenarioResult; cpuMs: number }> {
  const before = (await procStats(bot.pid))?.cpuMs ?? 0;
  const result = await emulator.run(spec);
  const after = (await procStats(bot.pid))?.cpuMs ?? 0;
  return { result, cpuMs: after - before };
}

/** A short unmeasured warm-up (JIT, plan caches, connections). */
async function warmUp(emulator: TelegramEmulator, token: string) {
  const random = createRandom(7);
  await emulator.run({ token, users: loadUsers(random, 20, 1000, mixed), settleMs: 30_000, quietMs: 300 });
}

const note = (f: Figures) => `${f.answered}/${f.updates} answered, ${f.tooMany} 429s, ${round(f.cpuMsPerUpdate, 1)} ms CPU/update`;

// ————————————————————————————————————————— a. load

async function loadScenario(ctx: BenchContext, emulator: TelegramEmulator, sizes: E2eSizes, mode: Mode, rows: ResultRow[], details: Record<string, unknown>) {
  const specs = {
    mixed: (token: string, globalCap: number | null): ScenarioSpec => ({ token, users: loadUsers(createRandom(181), sizes.loadUsers, sizes.loadRampMs, mixed), settleMs: 60_000, quietMs: 500, globalCap }),
    subscribe: (token: string, globalCap: number | null): ScenarioSpec => ({ token, users: loadUsers(createRandom(182), sizes.loadUsers, sizes.loadRampMs, subscribes), settleMs: 60_000, quietMs: 500, globalCap }),
  };
  const cases: { name: string; spec: keyof typeof specs; cap: number | null }[] = [{ name: "Telegram limits", spec: "mixed", cap: 30 }];
  if (mode === "polling") cases.push({ name: "Telegram limits", spec: "subscribe", cap: 30 }, { name: "no global cap", spec: "mixed", cap: null }, { name: "no global cap", spec: "subscribe", cap: null });
  const out: Record<string, { real: Figures; base: Figures }> = {};
  // The real bot paces its messages at Telegram's 30 a second; without that cap it is told the
  // bot may send 1,000 (BROADCAST_PAID), so that the run shows what the bot itself can do.
  const groups = [cases.filter((c) => c.cap !== null), cases.filter((c) => c.cap === null)].filter((g) => g.length > 0);
  for (const [who, token] of [["real", REAL_TOKEN], ["base", BASE_TOKEN]] as const) {
    const store = await freshStore(ctx);
    try {
      for (const group of groups) {
        const extra: Record<string, string> = group[0]!.cap === null ? { BROADCAST_PAID: "1" } : {};
        const bot = who === "real" ? await startRealBot(emulator.apiRoot, store.env, mode, extra) : await startBaselineBot(emulator.apiRoot, store.env, mode);
        try {
          await warmUp(emulator, token);
          for (const c of group) {
            // The baseline does the same for every text: its /subscribe runs are its mixed runs.
            if (who === "base" && c.spec === "subscribe") continue;
            const key = `${c.spec} ${c.name}`;
            const { result, cpuMs } = await measured(emulator, bot, specs[c.spec](token, c.cap));
            const f = figures(result, cpuMs);
            (out[key] ??= {} as { real: Figures; base: Figures })[who] = f;
            ctx.log(`    ${mode} ${who} ${key}: ${round(f.perSecond, 1)}/s, p50 ${round(f.p50, 2)} s, p99 ${round(f.p99, 2)} s, ${note(f)}`);
          }
        } finally {
          await bot.stop();
          await emulator.forget(token);
        }
      }
    } finally {
      await store.drop();
    }
  }
  for (const c of cases) {
    const { real } = out[`${c.spec} ${c.name}`]!;
    const base = out[`mixed ${c.name}`]!.base;
    const label = `${c.spec === "mixed" ? "mixed" : "/subscribe alone"}, ${sizes.loadUsers} users × 3, ${mode}, ${c.name}`;
    const baseline = (value: number, digits = 2) => ({ name: "one-SELECT bot", value: round(value, digits) });
    const ratio = real.perSecond / base.perSecond;
    const wanted = c.spec === "mixed" ? 0.8 : 0.5;
    rows.push(
      row({ benchmark: "e2e load", case: label, metric: "updates/s end to end", unit: "/s", value: round(real.perSecond, 1), baseline: baseline(base.perSecond, 1), target: `≥ ${wanted}× baseline`, met: ratio >= wanted, note: `real: ${note(real)}; baseline: ${note(base)}` }),
      row({ benchmark: "e2e load", case: label, metric: "reply p50", unit: "s", value: round(real.p50, 3), baseline: baseline(base.p50, 3) }),
      row({ benchmark: "e2e load", case: label, metric: "reply p99", unit: "s", value: round(real.p99, 3), baseline: baseline(base.p99, 3), ...(c.spec === "mixed" ? { target: "≤ 1.5× baseline", met: real.p99 <= 1.5 * base.p99 } : {}) }),
    );
  }
  details[`load ${mode}`] = out;
}

// ————————————————————————————————————————— b. flooder

async function flooderScenario(ctx: BenchContext, emulator: TelegramEmulator, sizes: E2eSizes, rows: ResultRow[], details: Record<string, unknown>) {
  const build = (token: string): ScenarioSpec => {
    const random = createRandom(1801);
    const users = chatters(random, 30, sizes.chatMs, [1000, 2000]);
    const [flooderId] = chatIds(1);
    users.push({ chatId: flooderId!, texts: Array.from({ length: 500 }, (_, i) => (i % 2 ? "/latest" : `spam ${i}`)), startMs: 2000, gapsMs: Array(499).fill(6), measured: false });
    return { token, users, settleMs: 30_000, quietMs: 2000 };
  };
  const out: Record<string, { others: Figures; flooderReplies: number; notices: number; flooderReplyTimes: number[]; flooderTimes: (number | null)[][] }> = {};
  for (const [who, token] of [["real", REAL_TOKEN], ["base", BASE_TOKEN]] as const) {
    const store = await freshStore(ctx);
    const bot = who === "real" ? await startRealBot(emulator.apiRoot, store.env, "polling") : await startBaselineBot(emulator.apiRoot, store.env, "polling");
    try {
      await warmUp(emulator, token);
      const spec = build(token);
      const flooderId = spec.users.at(-1)!.chatId;
      const { result, cpuMs } = await measured(emulator, bot, spec);
      const toFlooder = result.stats.accepts.filter(([chat]) => chat === flooderId);
      const f = {
        others: figures(result, cpuMs),
        flooderReplies: toFlooder.length,
        notices: toFlooder.filter(([, , text]) => text.startsWith("You are sending messages faster")).length,
        // When the flooder's replies were accepted, s after the scenario's start.
        flooderReplyTimes: toFlooder.map(([, at]) => round((at - result.startedAt) / 1000, 2)),
        // When the flooder's messages were sent and handed to the bot (every 50th), s after the start.
        flooderTimes: result.records.filter((r) => r.chatId === flooderId).filter((_, i) => i % 50 === 0 || i === 499).map((r) => [round((r.injectedAt - result.startedAt) / 1000, 2), r.handedOutAt === null ? null : round((r.handedOutAt - result.startedAt) / 1000, 2)]),
      };
      out[who] = f;
      ctx.log(`    flooder ${who}: others p50 ${round(f.others.p50, 2)} s p99 ${round(f.others.p99, 2)} s, ${note(f.others)}; flooder got ${f.flooderReplies} replies (${f.notices} notices)`);
    } finally {
      await bot.stop();
      await emulator.forget(token);
      await store.drop();
    }
  }
  const { real, base } = out as { real: (typeof out)[string]; base: (typeof out)[string] };
  const label = `1 user × 500 msgs in 3 s + 30 users chatting ${sizes.chatMs / 1000} s, polling`;
  rows.push(
    row({ benchmark: "e2e flooder", case: label, metric: "others' reply p50", unit: "s", value: round(real.others.p50, 3), baseline: { name: "one-SELECT bot", value: round(base.others.p50, 3) } }),
    row({ benchmark: "e2e flooder", case: label, metric: "others' reply p99", unit: "s", value: round(real.others.p99, 3), baseline: { name: "one-SELECT bot", value: round(base.others.p99, 3) }, target: "< 2 s", met: real.others.p99 < 2, note: `real: ${note(real.others)}; baseline: ${note(base.others)}` }),
    row({ benchmark: "e2e flooder", case: label, metric: "replies to the flooder", unit: "msgs", value: real.flooderReplies, baseline: { name: "one-SELECT bot", value: base.flooderReplies }, target: "1 notice, ≤ FLOOD_LIMIT + 1 replies", met: real.notices === 1 && real.flooderReplies <= 21, note: `${real.notices} flood notice(s); the first 20 messages (FLOOD_LIMIT) are answered` }),
  );
  details.flooder = out;
}

// ————————————————————————————————————————— c. broadcast + chat

async function broadcastScenario(ctx: BenchContext, emulator: TelegramEmulator, sizes: E2eSizes, rows: ResultRow[], details: Record<string, unknown>) {
  const store = await freshStore(ctx);
  const firstSubscriber = 7_000_000;
  {
    // Subscribers inserted before the bot starts (the data dir is the bot's once it runs).
    const database = await openDatabase({ databaseUrl: store.url, dataDir: join(store.dataDir, "pglite") });
    await database.migrate();
    const repos = createRepositories({ db: database.db });
    await loadSeeds({ repos, news: createNewsService({ repos }) });
    const topicId = (await repos.catalog.topicIdsBySlug(["economy"])).get("economy")!;
    await createSubscribers(database.db, { count: sizes.subscribers, topicId, firstChatId: firstSubscriber });
    await database.close();
  }
  const isSubscriber = (chat: number) => chat >= firstSubscriber && chat < firstSubscriber + sizes.subscribers;
  const bot = await startRealBot(emulator.apiRoot, store.env, "polling", { ADMIN_API_TOKEN, BROADCAST_RATE: "25" });
  const out: Record<string, unknown> = {};
  try {
    await warmUp(emulator, REAL_TOKEN);
    const spec = (): ScenarioSpec => ({ token: REAL_TOKEN, users: chatters(createRandom(1804), 30, sizes.chatMs, [2000, 4000]), settleMs: 30_000, quietMs: 1000 });
    const quiet = await measured(emulator, bot, spec());
    const alone = figures(quiet.result, quiet.cpuMs);
    ctx.log(`    broadcast baseline (chat alone): p50 ${round(alone.p50, 2)} s p99 ${round(alone.p99, 2)} s, ${note(alone)}`);

    const running = measured(emulator, bot, spec());
    await new Promise((r) => setTimeout(r, 1000));
    const publishedAt = performance.timeOrigin + performance.now();
    const response = await fetch(`http://127.0.0.1:${bot.httpPort}/api/articles`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_API_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ title: "Central bank holds rates as growth slows", body: "The central bank kept its key rate unchanged on Thursday, citing slowing growth in the third quarter and stable inflation, the economy ministry said.", url: "https://example.org/e2e-bench-rates", topics: ["economy"] }),
    });
    const answer = (await response.json()) as { id?: number; deliveries?: number };
    if (response.status !== 201) throw new Error(`publish failed: ${response.status} ${JSON.stringify(answer)}`);
    const { result, cpuMs } = await running;
    const withBroadcast = figures(result, cpuMs);
    // The broadcast's pace while the users chat: its messages from the publish to the last user message.
    const chatEnd = result.lastInjectedAt;
    const during = result.stats.accepts.filter(([chat, at]) => isSubscriber(chat) && at >= publishedAt && at <= chatEnd).length;
    const pace = during / ((chatEnd - publishedAt) / 1000);
    // Then until every subscriber has its copy (or a generous deadline).
    const deadline = Date.now() + (sizes.subscribers / 10) * 1000;
    let stats = await emulator.stats(REAL_TOKEN);
    const reached = () => new Set(stats.accepts.filter(([chat]) => isSubscriber(chat)).map(([chat]) => chat)).size;
    while (reached() < sizes.subscribers && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      stats = await emulator.stats(REAL_TOKEN);
    }
    const copies = stats.accepts.filter(([chat]) => isSubscriber(chat));
    const lastCopy = Math.max(...copies.map(([, at]) => at));
    const total = { reached: reached(), copies: copies.length, seconds: (lastCopy - publishedAt) / 1000, tooMany: stats.tooManyGlobal + stats.tooManyPerChat };
    ctx.log(`    broadcast: users p50 ${round(withBroadcast.p50, 2)} s p99 ${round(withBroadcast.p99, 2)} s, ${note(withBroadcast)}; ${round(pace, 1)} msg/s while chatting; ${total.reached}/${sizes.subscribers} reached in ${round(total.seconds, 1)} s, ${total.copies - total.reached} duplicates, ${total.tooMany} 429s in all`);
    // Per second from the publish: broadcast copies, replies to the users, 429s (global ones).
    const seconds = Math.ceil((Math.max(lastCopy, chatEnd) - publishedAt) / 1000);
    const timeline = Array.from({ length: seconds }, (_, i) => {
      const inSecond = (at: number) => at >= publishedAt + i * 1000 && at < publishedAt + (i + 1) * 1000;
      return {
        s: i,
        broadcast: stats.accepts.filter(([chat, at]) => isSubscriber(chat) && inSecond(at)).length,
        replies: stats.accepts.filter(([chat, at]) => !isSubscriber(chat) && inSecond(at)).length,
        tooMany: stats.rejects.filter(([, at]) => inSecond(at)).length,
        tooManyGlobal: stats.rejects.filter(([, at, global]) => global && inSecond(at)).length,
      };
    });
    Object.assign(out, { alone, withBroadcast, pace, total, deliveries: answer.deliveries, timeline });
    const label = `${sizes.subscribers} subscribers at BROADCAST_RATE=25 + 30 users chatting ${sizes.chatMs / 1000} s, polling`;
    const base = (value: number, digits = 3) => ({ name: "the same chat without the broadcast", value: round(value, digits) });
    rows.push(
      row({ benchmark: "e2e broadcast+chat", case: label, metric: "users' reply p50", unit: "s", value: round(withBroadcast.p50, 3), baseline: base(alone.p50) }),
      row({ benchmark: "e2e broadcast+chat", case: label, metric: "users' reply p99", unit: "s", value: round(withBroadcast.p99, 3), baseline: base(alone.p99), target: "< 2 s", met: withBroadcast.p99 < 2, note: `with: ${note(withBroadcast)}; without: ${note(alone)}` }),
      row({ benchmark: "e2e broadcast+chat", case: label, metric: "broadcast while users chat", unit: "msg/s", value: round(pace, 1), baseline: { name: "BROADCAST_RATE", value: 25 }, target: "≥ 15 msg/s", met: pace >= 15, note: `${total.reached}/${sizes.subscribers} reached in ${round(total.seconds, 1)} s, ${total.copies - total.reached} duplicates` }),
      row({ benchmark: "e2e broadcast+chat", case: label, metric: "429s (chat window / whole broadcast)", unit: "", value: withBroadcast.tooMany, baseline: base(alone.tooMany, 0), note: `${total.tooMany} until the last copy` }),
    );
  } finally {
    await bot.stop();
    await emulator.forget(REAL_TOKEN);
    await store.drop();
  }
  details.broadcast = out;
}

export async function run(ctx: BenchContext): Promise<BenchmarkResult> {
  const sizes = SIZES[ctx.profile];
  const only = process.env.BENCH_E2E_ONLY?.split(",").map((s) => s.trim());
  const wants = (name: string) => !only || only.includes(name);
  const emulator = await spawnTelegramEmulator({ latencyMs: 20, globalCap: 30, perChatCap: 1 });
  const rows: ResultRow[] = [];
  const details: Record<string, unknown> = { sizes };
  try {
    for (const mode of ["polling", "webhook"] as const) {
      if (!wants(`load-${mode}`)) continue;
      ctx.log(`  e2e load: ${sizes.loadUsers} users × 3 messages, ${mode}`);
      await loadScenario(ctx, emulator, sizes, mode, rows, details);
    }
    if (wants("flooder")) {
      ctx.log("  e2e flooder: 500 messages in 3 s beside 30 chatting users");
      await flooderScenario(ctx, emulator, sizes, rows, details);
    }
    if (wants("broadcast")) {
      ctx.log(`  e2e broadcast: ${sizes.subscribers} subscribers at 25/s beside 30 chatting users`);
      await broadcastScenario(ctx, emulator, sizes, rows, details);
    }
  } finally {
    await emulator.close();
  }
  return {
    name: "e2e-load",
    rows,
    details,
    notes: [
      "e2e: bots as processes (`node --import tsx src/main.ts`; the one-SELECT bot is bench/support/one-select-bot.ts: runner concurrency 100, auto-retry, sequentialize, one indexed SELECT and one reply per text), each on a fresh DATA_DIR or scratch database, against a Bot API emulator in its own process (20 ms per call; 30 messages/s per bot, sliding 1 s window, and 1/s per chat, else 429 retry_after). Latency = reply accepted by the emulator − user message sent; updates/s = answered updates / (last reply − first message).",
      "e2e load: closed-loop users (the next message 1–2 s after the reply to the previous one, or 30 s), starting uniformly within the ramp; each bot gets a 20-user warm-up first. \"no global cap\" runs the same users with the emulator's 30/s cap off (1/s per chat kept) and the real bot started with BROADCAST_PAID=1 (it paces its own messages at 30/s otherwise): what each bot itself can do.",
      "e2e broadcast+chat: the chatters write every 2–4 s (about 10 replies/s), so that the broadcast's 25/s and the replies can fit in Telegram's 30/s only if the broadcast yields; with a message every 1–2 s (20 replies/s) 15 msg/s of broadcast would be arithmetically impossible.",
    ],
  };
}
