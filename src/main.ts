/**
 * Composition root: config → database (migrate, seed) → services → bot → transport, and a clean
 * shutdown. The only module that wires things together.
 */
import { join } from "node:path";
import { parseConfig, ConfigError, type Config } from "./config.js";
import { createAdminService } from "./admin/admins.js";
import { createBot } from "./bot/create-bot.js";
import { createDeliveryRenderer } from "./bot/delivery-renderer.js";
import { createI18n } from "./bot/i18n.js";
import type { BotDeps } from "./bot/deps.js";
import { DatabaseUnavailableError, openDatabase, redactUrl, type Database } from "./db/client.js";
import { createRepositories } from "./db/repositories/index.js";
import { createWhoIsService } from "./entities/who-is.js";
import { createDeliveryApi } from "./delivery/api.js";
import { createDeliveryService } from "./delivery/service.js";
import { createDeliveryWorker, type DeliveryWorker } from "./delivery/worker.js";
import { createLogger, type Logger } from "./logger.js";
import { createPublishingService } from "./news/publishing.js";
import { loadSeeds } from "./news/seeds.js";
import { createNewsService } from "./news/service.js";
import { createSubscriptionService } from "./subscriptions/service.js";
import { createLocalSession, LOCAL_BOT_INFO, LOCAL_USER_ID } from "./transports/local.js";
import { startPolling } from "./transports/polling.js";

async function main(): Promise<number> {
  let config: Config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee README.md, section Configuration.\n`);
      return 2;
    }
    throw error;
  }
  const local = !config.botToken;
  const log = createLogger({ level: config.logLevel, pretty: local });

  let database: Database;
  try {
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: join(config.dataDir, "pglite") });
    await database.migrate();
  } catch (error) {
    if (error instanceof DatabaseUnavailableError) {
      log.fatal(error.message);
      return 1;
    }
    throw error;
  }
  log.info({ database: config.databaseUrl ? redactUrl(config.databaseUrl) : `PGlite in ${config.dataDir}` }, "Database ready");

  const repos = createRepositories({ db: database.db });
  const news = createNewsService({ repos });
  const seeds = await loadSeeds({ repos, news });
  log.info(seeds, "Seed data loaded");

  let worker: DeliveryWorker | undefined;
  const delivery = createDeliveryService({ repos, onEnqueued: () => worker?.wake() });
  const startWorker = (token: string, client: { apiRoot?: string; fetch?: typeof fetch }, autoRetry = true) => {
    const api = createDeliveryApi(token, { client, autoRetry });
    const render = createDeliveryRenderer({ news, i18n: createI18n() });
    worker = createDeliveryWorker({ repos, api, render, log, rate: config.broadcastRate, paid: config.broadcastPaid });
    worker.start();
  };

  const adminIds = new Set(config.adminIds);
  if (local) adminIds.add(LOCAL_USER_ID); // in local mode you are the admin
  const admins = createAdminService({ repo: repos.admins, configAdminIds: adminIds });
  const publishing = createPublishingService({
    news,
    broadcast: (articleId) => delivery.enqueueArticle(articleId),
    log,
  });
  const deps: BotDeps = {
    news,
    whoIs: createWhoIsService({ entities: repos.entities }),
    chats: {
      remember: (chat) => repos.chats.upsert(chat),
      languageOf: async (chatId) => (await repos.chats.get(chatId))?.language,
    },
    subscriptions: createSubscriptionService({ repos, news }),
    isAdmin: (userId) => admins.isAdmin(userId),
    publishing,
    admins,
    conversationStorage: repos.kv.storage("grammy"),
    sourceChannelId: config.sourceChannelId,
    log,
  };

  if (local) {
    const session = createLocalSession({ output: process.stdout });
    const bot = createBot(deps, { token: "0:local", botInfo: LOCAL_BOT_INFO, client: { fetch: session.fetch }, autoRetry: false });
    startWorker("0:local", { fetch: session.fetch }, false);
    await session.run(bot, process.stdin);
    await worker?.stop();
    await database.close();
    return 0;
  }

  const bot = createBot(deps, { token: config.botToken!, client: { apiRoot: config.telegramApiRoot } });
  if (config.botRole !== "updates") startWorker(config.botToken!, { apiRoot: config.telegramApiRoot });
  const polling = await startPolling(bot, log);
  await waitForShutdown(log, async () => {
    await Promise.all([polling.stop(), worker?.stop()]);
    await database.close();
  });
  return 0;
}

/** Resolves after SIGINT or SIGTERM once `stop` finished, or after 10 s at most. */
function waitForShutdown(log: Logger, stop: () => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    const onSignal = (signal: string) => {
      log.info({ signal }, "Shutting down");
      const deadline = setTimeout(() => {
        log.warn("Shutdown took longer than 10 s; exiting anyway");
        resolve();
      }, 10_000);
      deadline.unref();
      stop().then(resolve, (error: unknown) => {
        log.error({ err: error }, "Error while shutting down");
        resolve();
      });
    };
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`Fatal: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  },
);
