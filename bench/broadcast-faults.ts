/**
 * Broadcast pace under faults (issue: reliability #6): a broadcast at the default 25/s to
 * `subscribers` chats through the real queue and worker, against a local Bot API server (20 ms
 * latency) that answers 5 % of sends with 500, 5 % with 429 (retry_after 1) and never answers 1 %
 * (the worker's 10 s timeout fires), seeded. Beside it, the same broadcast with no faults in the
 * same run. Reported: the pace until 95 % of the chats have their copy (target ≥ 15/s), and the
 * time until the last one (the retries' backoff is the tail).
 */
import { pino } from "pino";
import { createApp } from "../src/app.js";
import { startBotApiServer, type ScriptedAnswer } from "../test/support/bot-api-server.js";
import type { BenchContext, BenchmarkResult } from "./support/context.js";
import { openBenchDatabase } from "./support/database.js";
import { createRandom } from "./support/random.js";
import { now, round, row } from "./support/stats.js";
import { createSubscribers } from "./support/subscribers.js";

const SUBSCRIBERS: Record<BenchContext["profile"], number> = { full: 1500, quick: 400, tiny: 100 };

interface Outcome {
  /** Chats reached per second until 95 % of them had their copy: the broadcast's pace. */
  pace: number;
  /** Until the last chat had its copy (the retries' tail included), s. */
  totalSeconds: number;
  duplicates: number;
  losses: number;
  faults: number;
}

async function broadcast(ctx: BenchContext, faults: boolean, subscribers: number): Promise<Outcome> {
  const random = createRandom(18);
  let injected = 0;
  const server = await startBotApiServer({
    latencyMs: 20,
    respond: (call): ScriptedAnswer | undefined => {
      if (!faults || call.method !== "sendMessage") return undefined;
      const roll = random.next();
      if (roll < 0.05) return (injected++, { status: 500, body: { ok: false, error_code: 500, description: "Internal Server Error" } });
      if (roll < 0.1) return (injected++, { status: 429, body: { ok: false, error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } } });
      if (roll < 0.11) return (injected++, "hang");
      return undefined;
    },
  });
  const bench = await openBenchDatabase({ databaseUrl: ctx.databaseUrl });
  try {
    const app = createApp(bench.database, { log: pino({ level: "silent" }), adminIds: [], takesUpdates: false });
    const topicId = (await app.repos.catalog.topicIdsBySlug(["economy"])).get("economy")!;
    const chats = await createSubscribers(bench.database.db, { count: subscribers, topicId, firstChatId: 7_000_000 });
    const published = await app.publishing.publish({ title: "Fault bench", body: "The economy grew in the third quarter, the statistics office said.", topics: ["economy"], origin: "api" });
    if (published.status !== "published") throw new Error("bench article not published");
    const started = now();
    const worker = app.startDeliveryWorker("4242:BENCH", { apiRoot: server.apiRoot }, { rate: 25 });
    for (;;) {
      const counts = await app.repos.deliveries.countByStatus(published.id);
      if (counts.pending === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const elapsed = now() - started;
    await worker.stop();
    const perChat = new Map<number, number>();
    const firstCopies: number[] = [];
    for (const call of server.delivered()) {
      const chatId = Number(call.payload.chat_id);
      if (!perChat.has(chatId)) firstCopies.push(call.at);
      perChat.set(chatId, (perChat.get(chatId) ?? 0) + 1);
    }
    firstCopies.sort((a, b) => a - b);
    const firstSend = server.calls.find((c) => c.method === "sendMessage")?.at ?? 0;
    const at95 = firstCopies[Math.ceil(0.95 * subscribers) - 1] ?? firstCopies.at(-1) ?? firstSend;
    const duplicates = [...perChat.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
    const losses = chats.filter((c) => !perChat.has(c)).length;
    return { pace: (0.95 * subscribers) / Math.max(0.001, (at95 - firstSend) / 1000), totalSeconds: elapsed / 1000, duplicates, losses, faults: injected };
  } finally {
    await bench.close();
    await server.close();
  }
}

export async function run(ctx: BenchContext): Promise<BenchmarkResult> {
  const subscribers = SUBSCRIBERS[ctx.profile];
  ctx.log(`  broadcast-faults: ${subscribers} subscribers at 25/s, 5 % 500, 5 % 429, 1 % hangs`);
  const clean = await broadcast(ctx, false, subscribers);
  const faulty = await broadcast(ctx, true, subscribers);
  const label = `${subscribers} subscribers at 25/s`;
  const base = { name: "the same broadcast without faults" };
  return {
    name: "broadcast-faults",
    rows: [
      row({ benchmark: "broadcast-faults", case: `${label}, 5 % 500, 5 % 429, 1 % hangs`, metric: "pace until 95 % reached", unit: "msg/s", value: round(faulty.pace, 1), baseline: { ...base, value: round(clean.pace, 1) }, target: "≥ 15 msg/s", met: faulty.pace >= 15 }),
      row({ benchmark: "broadcast-faults", case: `${label}, 5 % 500, 5 % 429, 1 % hangs`, metric: "until the last chat (retries included)", unit: "s", value: round(faulty.totalSeconds, 1), baseline: { ...base, value: round(clean.totalSeconds, 1) } }),
      row({ benchmark: "broadcast-faults", case: `${label}, 5 % 500, 5 % 429, 1 % hangs`, metric: "duplicates / losses", unit: "chats", value: faulty.duplicates + faulty.losses, baseline: { ...base, value: clean.duplicates + clean.losses }, note: `${faulty.faults} faults injected; ${faulty.duplicates} duplicates, ${faulty.losses} losses` }),
    ],
  };
}
