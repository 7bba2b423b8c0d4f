/**
 * The application, built once over a database: repositories, services, the read caches and their
 * invalidation, publishing → enqueue → wake the worker, and the bot's dependencies. `main.ts` and
 * the tests build exactly this; roles (updates, delivery) are small start functions over it.
 */
import type { Logger } from "pino";
import { createAdminService } from "./admin/admins.js";
import { createDeliveryRenderer } from "./bot/delivery-renderer.js";
import type { BotDeps } from "./bot/deps.js";
import { createEntityCardCache } from "./bot/entity-card-cache.js";
import { createI18n } from "./bot/i18n.js";
import { createNewsCache } from "./bot/news-cache.js";
import { createChatLanguageCache } from "./chats/language-cache.js";
import type { Database } from "./db/client.js";
import { createRepositories } from "./db/repositories/index.js";
import { createDeliveryApi } from "./delivery/api.js";
import { createDeliveryService } from "./delivery/service.js";
import { createDeliveryWorker, type DeliveryWorker, type DeliveryWorkerOptions } from "./delivery/worker.js";
import { createKnownNames } from "./entities/known-names.js";
import { createWhoIsService } from "./entities/who-is.js";
import { createMetrics } from "./http/metrics.js";
import { createPublishingService } from "./news/publishing.js";
import { loadSeeds, type SeedReport } from "./news/seeds.js";
import { createNewsService } from "./news/service.js";
import { createSubscriptionService } from "./subscriptions/service.js";

export interface AppOptions {
  log: Logger;
  /** ADMIN_IDS (plus the local user in local mode). */
  adminIds: Iterable<number>;
  sourceChannelId?: number;
  /** Whether this process answers updates: only then are entity name words loaded. */
  takesUpdates?: boolean;
  /** Process metrics (CPU, memory) in /metrics. */
  processMetrics?: boolean;
}

/** Client options of a Bot API connection: a self-hosted server, or a fake `fetch` in tests. */
export interface ApiClientOptions {
  apiRoot?: string;
  fetch?: typeof fetch;
}

/** Creates the application over an open, migrated database. */
export function createApp(database: Database, options: AppOptions) {
  const { log } = options;
  const repos = createRepositories({ db: database.db });
  const news = createNewsService({ repos });
  // Messages built outside an update (deliveries, the command menus) read the locale files once.
  const i18n = createI18n();
  const metrics = createMetrics({ processMetrics: options.processMetrics ?? false });
  metrics.setQueueDepthSource(async () => (await repos.deliveries.countByStatus()).pending);

  let worker: DeliveryWorker | undefined;
  const delivery = createDeliveryService({ repos, onEnqueued: () => worker?.wake() });
  const admins = createAdminService({ repo: repos.admins, configAdminIds: new Set(options.adminIds) });
  // What the bot reads on almost every update, kept in memory (each module says how fresh).
  const cachedNews = createNewsCache(news);
  const cachedEntities = createEntityCardCache(repos.entities);
  const knownNames = createKnownNames(repos.nameWords);
  const takesUpdates = options.takesUpdates ?? true;
  const refreshNames = () => {
    if (takesUpdates) knownNames.refresh().catch((error: unknown) => log.warn({ err: error }, "Could not load the known names"));
  };

  const publishing = createPublishingService({
    news,
    broadcast: (articleId) => {
      // Called once the article is stored: /latest shows it and its new names count at once here.
      cachedNews.invalidate();
      cachedEntities.invalidate();
      refreshNames();
      return delivery.enqueueArticle(articleId);
    },
    log,
  });
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
    sourceChannelId: options.sourceChannelId,
    log,
    observeUpdate: metrics.observeUpdate,
  };

  return {
    database,
    repos,
    news,
    i18n,
    metrics,
    delivery,
    admins,
    publishing,
    deps,
    /**
     * Loads `seeds/` (idempotent), then reads the entity name words once, since only a process that
     * answers updates checks names (a scan of every alias): the delivery role never reads them.
     */
    async seed(dir?: string): Promise<SeedReport> {
      const report = await loadSeeds({ repos, news, dir });
      cachedNews.invalidate();
      cachedEntities.invalidate();
      refreshNames();
      return report;
    },
    /** The delivery role: starts the worker that sends queued deliveries through `client`. */
    startDeliveryWorker(
      token: string,
      client: ApiClientOptions,
      settings: Omit<DeliveryWorkerOptions, "repos" | "api" | "render" | "log"> & { autoRetry?: boolean } = {},
    ): DeliveryWorker {
      const { autoRetry, ...workerOptions } = settings;
      const api = createDeliveryApi(token, { client, autoRetry: autoRetry ?? true });
      worker = createDeliveryWorker({
        repos,
        api,
        render: createDeliveryRenderer({ news, i18n }),
        log,
        onOutcome: (status) => metrics.deliveryFinished(status),
        ...workerOptions,
      });
      worker.start();
      return worker;
    },
    /** The worker started by {@link startDeliveryWorker}, if any. */
    get worker(): DeliveryWorker | undefined {
      return worker;
    },
  };
}

export type App = ReturnType<typeof createApp>;
