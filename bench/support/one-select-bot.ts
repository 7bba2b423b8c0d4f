/**
 * The end-to-end baseline: the least a grammY bot on this database does per message, as its own
 * process against the same Bot API emulator. A plain `Bot` with the real bot's plumbing (the
 * runner with concurrency 100 and a 30 s long poll like src/transports/polling.ts, or a webhook
 * with its secret; auto-retry with the same options; updates of one chat in order), and for every
 * text message ONE indexed SELECT (the newest article, by articles_published_idx) and one reply.
 * No inbox, no flood control, no features.
 *
 * `node --import tsx bench/support/one-select-bot.ts` with BOT_TOKEN, TELEGRAM_API_ROOT, and
 * DATABASE_URL or DATA_DIR (PGlite in DATA_DIR/pglite); WEBHOOK_URL, WEBHOOK_SECRET and HTTP_PORT
 * for webhook mode. Logs one JSON line {"msg":"Bot running"} when it takes updates.
 */
import { createServer } from "node:http";
import { join } from "node:path";
import { autoRetry } from "@grammyjs/auto-retry";
import { run, sequentialize } from "@grammyjs/runner";
import { desc } from "drizzle-orm";
import { Bot, webhookCallback } from "grammy";
import { openDatabase } from "../../src/db/client.js";
import { createRepositories } from "../../src/db/repositories/index.js";
import { articles } from "../../src/db/schema.js";
import { loadSeeds } from "../../src/news/seeds.js";
import { createNewsService } from "../../src/news/service.js";
import { ALLOWED_UPDATES } from "../../src/transports/polling.js";

const log = (msg: string, extra: Record<string, unknown> = {}) => process.stdout.write(`${JSON.stringify({ msg, ...extra })}\n`);

async function main() {
  const env = process.env;
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL || undefined, dataDir: join(env.DATA_DIR ?? "./data", "pglite") });
  await database.migrate();
  // The same seed articles as the real bot, so the SELECT reads a real row.
  const repos = createRepositories({ db: database.db });
  await loadSeeds({ repos, news: createNewsService({ repos }) });
  const db = database.db;

  const bot = new Bot(env.BOT_TOKEN!, { client: { apiRoot: env.TELEGRAM_API_ROOT } });
  bot.api.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 60 }));
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString()));
  bot.on("message:text", async (ctx) => {
    const [latest] = await db
      .select({ id: articles.id, title: articles.title, url: articles.url })
      .from(articles)
      .orderBy(desc(articles.publishedAt), desc(articles.id))
      .limit(1);
    await ctx.reply(latest ? `${latest.title} ${latest.url ?? ""}`.trim() : "nothing yet");
  });
  bot.catch((error) => log("update failed", { error: String((error.error as Error)?.message ?? error.error) }));
  await bot.init();

  let stop: () => Promise<void>;
  if (env.WEBHOOK_URL) {
    const handler = webhookCallback(bot, "http", { secretToken: env.WEBHOOK_SECRET, onTimeout: "return", timeoutMilliseconds: 50_000 });
    const server = createServer((req, res) => void handler(req, res).catch(() => res.writableEnded || (res.writeHead(500), res.end())));
    server.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve) => server.listen(Number(env.HTTP_PORT), "127.0.0.1", resolve));
    await bot.api.setWebhook(env.WEBHOOK_URL, { secret_token: env.WEBHOOK_SECRET, allowed_updates: [...ALLOWED_UPDATES], max_connections: 40 });
    stop = () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve())));
  } else {
    await bot.api.deleteWebhook();
    const runner = run(bot, {
      runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES], timeout: 30 }, retryInterval: "exponential", silent: true },
      sink: { concurrency: 100 },
    });
    stop = () => runner.stop();
  }
  log("Bot running", { transport: env.WEBHOOK_URL ? "webhook" : "polling" });
  const shutdown = async () => {
    await stop().catch(() => {});
    await database.close().catch(() => {});
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown());
  process.once("SIGINT", () => void shutdown());
}

main().catch((error: unknown) => {
  process.stderr.write(`Fatal: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
