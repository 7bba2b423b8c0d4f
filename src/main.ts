/**
 * Composition root: config → database (migrate, seed) → services → bot → transport, and a clean
 * shutdown. The only module that wires things together.
 */
import { join } from "node:path";
import { parseConfig, ConfigError, type Config } from "./config.js";
import { createAdminService } from "./admin/admins.js";
import { createBot } from "./bot/create-bot.js";
import { registerCommands } from "./bot/commands.js";
import { createDeliveryRenderer } from "./bot/delivery-renderer.js";
import { createEntityCardCache } from "./bot/entity-card-cache.js";
import { createNewsCache } from "./bot/news-cache.js";
import type { BotDeps } from "./bot/deps.js";
import { createI18n, translatorFor } from "./bot/i18n.js";
import { createChatLanguageCache } from "./chats/language-cache.js";
import { DatabaseUnavailableError, openDatabase, redactUrl, type Database } from "./db/client.js";
import { createRepositories } from "./db/repositories/index.js";
import { createDeliveryApi } from "./delivery/api.js";
import { createDeliveryService } from "./delivery/service.js";
import { createDeliveryWorker, type DeliveryWorker } from "./delivery/worker.js";
import { createKnownNames } from "./entities/known-names.js";
import { createWhoIsService } from "./entities/who-is.js";
import { articlesApiDisabledReason, createArticlesApi } from "./http/articles-api.js";
import { createMetrics } from "./http/metrics.js";
import { createHttpApp, startHttpServer, type MountedApp } from "./http/server.js";
import { createLogger } from "./logger.js";
import { createPublishingService } from "./news/publishing.js";
import { loadSeeds } from "./news/seeds.js";
import { createNewsService } from "./news/service.js";
import { createSubscriptionService } from "./subscriptions/service.js";
import { createLocalSession, LOCAL_BOT_INFO, LOCAL_USER_ID } from "./transports/local.js";
import { onShutdownSignal, type ShutdownStep } from "./shutdown.js";
import { startPolling, type PollingHandle } from "./transports/polling.js";
import { createWebhookTransport, type WebhookTransport } from "./transports/webhook.js";

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
  const log = createLogger({
    // Local mode is a conversation in the terminal: only problems are logged unless asked for.
    level: local && !process.env.LOG_LEVEL ? "warn" : config.logLevel,
    pretty: local,
    secrets: [config.botToken, config.webhookSecret, config.adminApiToken, passwordOf(config.databaseUrl)],
  });

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

  // Messages built outside an update (deliveries, the command menus) read the locale files once.
  const i18n = createI18n();
  let worker: DeliveryWorker | undefined;
  const delivery = createDeliveryService({ repos, onEnqueued: () => worker?.wake() });
  const startWorker = (token: string, client: { apiRoot?: string; fetch?: typeof fetch }, autoRetry = true) => {
    const api = createDeliveryApi(token, { client, autoRetry });
    const render = createDeliveryRenderer({ news, i18n });
    worker = createDeliveryWorker({
      repos,
      api,
      render,
      log,
      rate: config.broadcastRate,
      paid: config.broadcastPaid,
      onOutcome: (status) => metrics.deliveryFinished(status),
    });
    worker.start();
  };

  const adminIds = new Set(config.adminIds);
  if (local) adminIds.add(LOCAL_USER_ID); // in local mode you are the admin
  const admins = createAdminService({ repo: repos.admins, configAdminIds: adminIds });
  // What the bot reads on almost every update, kept in memory (each module says how fresh).
  const cachedNews = createNewsCache(news);
  const cachedEntities = createEntityCardCache(repos.entities);
  const knownNames = createKnownNames(repos.nameWords);
  // Only a process that answers updates checks names (a scan of every alias): the delivery role
  // never reads them. Read them now rather than on the first message that needs them.
  const takesUpdates = config.botRole !== "delivery";
  if (takesUpdates) knownNames.refresh().catch((error: unknown) => log.warn({ err: error }, "Could not load the known names"));
  const publishing = createPublishingService({
    news,
    broadcast: (articleId) => {
      // Called once the article is stored: /latest shows it and its new names count at once here.
      cachedNews.invalidate();
      cachedEntities.invalidate();
      if (takesUpdates) knownNames.refresh().catch((error: unknown) => log.warn({ err: error }, "Could not reload the known names"));
      return delivery.enqueueArticle(articleId);
    },
    log,
  });
  const metrics = createMetrics({ processMetrics: !local });
  metrics.setQueueDepthSource(async () => (await repos.deliveries.countByStatus()).pending);
  const chatLanguages = createChatLanguageCache({
    load: async (chatId) => (await repos.chats.get(chatId))?.language,
    save: (chatId, language) => repos.chats.setLanguage(chatId, language),
  });
  const deps: BotDeps = {
    news: cachedNews,
    whoIs: createWhoIsService({ entities: cachedEntities }),
    knownNames,
    chats: {
      remember: (chat) => repos.chats.upsert(chat),
      languageOf: chatLanguages.languageOf,
      setLanguage: chatLanguages.setLanguage,
    },
    subscriptions: createSubscriptionService({ repos, news }),
    isAdmin: (userId) => admins.isAdmin(userId),
    publishing,
    admins,
    conversationStorage: repos.kv.storage("grammy"),
    sourceChannelId: config.sourceChannelId,
    log,
    observeUpdate: metrics.observeUpdate,
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
  const runsWorker = config.botRole !== "updates";

  const routes: MountedApp[] = [];
  let webhook: WebhookTransport | undefined;
  if (takesUpdates && config.webhookUrl) {
    webhook = createWebhookTransport(bot, {
      url: config.webhookUrl,
      secretToken: config.webhookSecret!,
      ledger: repos.processedUpdates,
      log,
      onDuplicate: metrics.duplicateUpdate,
    });
    routes.push({ path: "/", app: webhook.app });
  }
  const apiOff = articlesApiDisabledReason(config);
  if (apiOff) log.info(apiOff);
  else {
    routes.push({
      path: "/api",
      app: createArticlesApi({ publishing, news, deliveryCounts: repos.articleStats.deliveryCounts, adminApiToken: config.adminApiToken!, log }),
    });
  }
  const http = await startHttpServer(createHttpApp({ ping: database.ping, metrics, routes, log }), {
    host: config.httpHost,
    port: config.httpPort,
    log,
  });

  let polling: PollingHandle | undefined;
  if (takesUpdates) {
    await registerCommands(bot.api, { translatorFor: (locale) => translatorFor(i18n, locale), adminIds: config.adminIds, log });
    if (webhook) await webhook.register();
    else polling = await startPolling(bot, log);
  }

  if (runsWorker) startWorker(config.botToken!, { apiRoot: config.telegramApiRoot });
  log.info({ role: config.botRole, transport: !takesUpdates ? "none" : webhook ? "webhook" : "polling", worker: runsWorker }, "Bot running");

  // Polling that fails for good (revoked token, a second poller) ends the process like a signal would.
  let pollingFailed = false;
  void polling?.finished.then((error) => {
    if (!error) return;
    pollingFailed = true;
    process.kill(process.pid, "SIGTERM");
  });

  const finishedInTime = await onShutdownSignal(
    (): ShutdownStep[] => [
      { name: "updates", run: async () => (webhook ? webhook.stop() : polling?.stop()) },
      { name: "delivery worker", run: async () => worker?.stop() },
      { name: "http", run: () => http.close() },
      { name: "database", run: () => database.close() },
    ],
    { log, deadlineMs: 9_000 },
  );
  log.info({ finishedInTime }, "Stopped");
  return finishedInTime && !pollingFailed ? 0 : 1;
}

/** The password of a postgres:// URL, to keep it out of the logs. */
function passwordOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`Fatal: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  },
);
