/**
 * Composition root: config → database (migrate, seed) → services → bot → transport, and a clean
 * shutdown. The only module that wires things together.
 */
import { join } from "node:path";
import { createApp } from "./app.js";
import { parseConfig, ConfigError, type Config } from "./config.js";
import { createBot } from "./bot/create-bot.js";
import { registerCommands } from "./bot/commands.js";
import { translatorFor } from "./bot/i18n.js";
import { DatabaseUnavailableError, openDatabase, redactUrl, type Database } from "./db/client.js";
import { articlesApiDisabledReason, createArticlesApi } from "./http/articles-api.js";
import { createHttpApp, startHttpServer, type MountedApp } from "./http/server.js";
import { createLogger } from "./logger.js";
import { createRetentionJob } from "./delivery/retention.js";
import { createLocalSession, LOCAL_BOT_INFO, LOCAL_USER_ID } from "./transports/local.js";
import { onShutdownSignal, type ShutdownStep } from "./shutdown.js";
import { startPolling, type PollingHandle } from "./transports/polling.js";
import { createUpdateInbox } from "./transports/inbox.js";
import { TokenRefusedError, waitForTelegram } from "./transports/telegram-startup.js";
import { createWebhookTransport, type WebhookTransport } from "./transports/webhook.js";
import { telegramMessageCap } from "./delivery/send-meter.js";

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

  const adminIds = new Set(config.adminIds);
  if (local) adminIds.add(LOCAL_USER_ID); // in local mode you are the admin
  // all = every role in one process; otherwise each process runs one.
  const takesUpdates = config.botRole === "all" || config.botRole === "updates";
  const runsWorker = config.botRole === "all" || config.botRole === "delivery";
  const readsFeeds = config.botRole === "all" || config.botRole === "feeds";
  const app = createApp(database, {
    log,
    adminIds,
    sourceChannelId: config.sourceChannelId,
    takesUpdates,
    processMetrics: !local,
    feeds: { minIntervalSeconds: config.feedMinInterval, allowPrivate: config.feedsAllowPrivate },
  });
  const seeds = await app.seed();
  log.info(seeds, "Seed data loaded");
  const { deps, metrics, repos } = app;
  const workerSettings = { rate: config.broadcastRate, paid: config.broadcastPaid };

  if (local) {
    const session = createLocalSession({ output: process.stdout });
    const bot = createBot(deps, { token: "0:local", botInfo: LOCAL_BOT_INFO, client: { fetch: session.fetch }, autoRetry: false });
    const worker = app.startDeliveryWorker("0:local", { fetch: session.fetch }, { ...workerSettings, autoRetry: false });
    const poller = app.startFeedPoller("0:local", { fetch: session.fetch });
    app.digests.start();
    app.enqueueSweeper.start();
    await session.run(bot, process.stdin);
    await app.enqueueSweeper.stop();
    await app.digests.stop();
    await poller.stop();
    await app.storyEditor?.stop();
    await worker.stop();
    await database.close();
    return 0;
  }

  const floodLimit = config.floodLimit > 0 ? { updates: config.floodLimit, perMs: 10_000 } : false;
  const bot = createBot(deps, {
    token: config.botToken!,
    client: { apiRoot: config.telegramApiRoot },
    floodLimit,
    // One bot, one budget: a 429 on a reply pauses this process's broadcast too.
    onRateLimited: (ms, chatId) => app.worker?.pause(ms, chatId),
    // Replies and the worker share one meter: together they stay under Telegram's cap.
    sendMeter: app.sendMeter,
    telegramCap: telegramMessageCap(config.broadcastPaid),
  });

  // Updates are recorded before Telegram is told they arrived; one a killed process was handling is
  // handled again after the restart (at once on PGlite, the only process).
  const updateInbox = createUpdateInbox({ repo: repos.processedUpdates, log, singleProcess: database.kind === "pglite" });
  const routes: MountedApp[] = [];
  let webhook: WebhookTransport | undefined;
  if (takesUpdates && config.webhookUrl) {
    webhook = createWebhookTransport(bot, {
      url: config.webhookUrl,
      secretToken: config.webhookSecret!,
      inbox: updateInbox,
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
      app: createArticlesApi({
        publishing: app.publishing,
        news: app.news,
        feeds: app.feeds,
        deliveryCounts: repos.articleStats.deliveryCounts,
        adminApiToken: config.adminApiToken!,
        log,
      }),
    });
  }
  // Until Telegram has answered, /healthz says 503: a process that cannot reach it is not healthy.
  let telegramAnswered = !takesUpdates;
  const waitingFor = () => (telegramAnswered ? undefined : "telegram");
  const http = await startHttpServer(createHttpApp({ ping: database.ping, metrics, routes, log, waitingFor }), {
    host: config.httpHost,
    port: config.httpPort,
    log,
  });

  let polling: PollingHandle | undefined;
  if (takesUpdates) {
    try {
      await waitForTelegram(bot, { log, apiRoot: config.telegramApiRoot });
    } catch (error) {
      if (!(error instanceof TokenRefusedError)) throw error;
      log.fatal(error.message);
      await http.close();
      await database.close();
      return 1;
    }
    telegramAnswered = true;
    await registerCommands(bot.api, { translatorFor: (locale) => translatorFor(app.i18n, locale), adminIds: config.adminIds, log });
    if (webhook) await webhook.register();
    else polling = await startPolling(bot, log, { inbox: updateInbox });
  }

  const worker = runsWorker ? app.startDeliveryWorker(config.botToken!, { apiRoot: config.telegramApiRoot }, workerSettings) : undefined;
  const poller = readsFeeds ? app.startFeedPoller(config.botToken!, { apiRoot: config.telegramApiRoot }) : undefined;
  // The delivery role keeps its tables bounded (several workers pruning at once is harmless).
  const retention = runsWorker ? createRetentionJob({ repo: repos.retention, days: config.deliveryRetentionDays, log }) : undefined;
  retention?.start();
  if (runsWorker) {
    app.digests.start();
    app.enqueueSweeper.start();
  }
  log.info(
    { role: config.botRole, transport: !takesUpdates ? "none" : webhook ? "webhook" : "polling", worker: runsWorker, feeds: readsFeeds },
    "Bot running",
  );

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
      { name: "feed fetcher", run: async () => poller?.stop() },
      { name: "retention", run: async () => retention?.stop() },
      { name: "digests", run: () => app.digests.stop() },
      { name: "enqueue sweeper", run: () => app.enqueueSweeper.stop() },
      { name: "story edits", run: async () => app.storyEditor?.stop() },
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
