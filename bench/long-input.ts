/**
 * Hostile sizes (issue: reliability #8): the CPU one update costs when its text is as long as
 * Telegram allows (4,096 characters, or a 1,400-word topic list), through the real bot, beside a
 * plain `/start` in the same run. Every case should stay under 20 ms of CPU.
 */
import { createBot } from "../src/bot/create-bot.js";
import { testDeps } from "../test/support/bot.js";
import { createRecordingApi, TEST_BOT_INFO, TEST_TOKEN, textUpdate } from "../test/support/telegram.js";
import type { BenchContext, BenchmarkResult } from "./support/context.js";
import { openBenchDatabase } from "./support/database.js";
import { round, row } from "./support/stats.js";

const REPEATS = 5;

export async function run(ctx: BenchContext): Promise<BenchmarkResult> {
  const bench = await openBenchDatabase({ databaseUrl: ctx.databaseUrl });
  try {
    const api = createRecordingApi();
    const bot = createBot(testDeps({ database: bench.database }, { adminIds: [1] }), {
      token: TEST_TOKEN,
      botInfo: TEST_BOT_INFO,
      client: { fetch: api.fetch },
      autoRetry: false,
      floodLimit: false,
    });
    const list = Array.from({ length: 1400 }, (_, i) => ["ukraine", "economy", "blah", "nato", "Paris", "Dmitriev"][i % 6]).join(" ");
    const page = "Lorem ipsum dolor sit amet, Kirill Witkoff in Paris said. ".repeat(80).slice(0, 4000);
    const cases: [string, string][] = [
      ["/subscribe, 1,400 words", `/subscribe ${list}`],
      ["/unsubscribe, 1,400 words", `/unsubscribe ${list}`],
      ["chatter, 4,000 characters", page],
      ["who is …?, 4,000 characters", `who is ${page}?`],
      ["/who, 4,000 characters", `/who ${page}`],
      ["/follow, 4,000 characters", `/follow ${page}`],
      ["/unfollow, 4,000 characters", `/unfollow ${page}`],
      ["/filter, 4,000 characters", `/filter +${page}`],
      ["/latest, 4,000 characters", `/latest ${page}`],
      ["/timezone, 4,000 characters", `/timezone ${page}`],
      ["/digest, 4,000 characters", `/digest ${page}`],
      ["/feeds add, 4,000 characters", `/feeds add ${page}`],
    ];
    const cpuOf = async (text: string) => {
      let best = Infinity;
      for (let i = 0; i < REPEATS; i++) {
        const cpu = process.cpuUsage();
        await bot.handleUpdate(textUpdate(text, { userId: 1 }));
        const used = process.cpuUsage(cpu);
        best = Math.min(best, (used.user + used.system) / 1000);
      }
      return best;
    };
    const baseline = await cpuOf("/start");
    const rows = [];
    for (const [name, text] of cases) {
      const ms = await cpuOf(text);
      rows.push(row({ benchmark: "long-input", case: name, metric: "CPU per update (best of 5)", unit: "ms", value: round(ms, 2), baseline: { name: "/start", value: round(baseline, 2) }, target: "< 20 ms", met: ms < 20 }));
    }
    return { name: "long-input", rows };
  } finally {
    await bench.close();
  }
}
