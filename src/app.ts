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
import { createDigestBuilder } from "./delivery/digests.js";
import { createEnqueueSweeper } from "./delivery/enqueue-sweeper.js";
import { createSendMeter, telegramMessageCap } from "./delivery/send-meter.js";
import { createDeliveryService } from "./delivery/service.js";
import { createDeliveryWorker, type DeliveryWorker, type DeliveryWorkerOptions } from "./delivery/worker.js";
import { createStoryEditor, type StoryEditor } from "./delivery/story-edits.js";
import { createKnownNames } from "./entities/known-names.js";
import { createAdminNotices } from "./bot/admin-notices.js";
import { createFeedHttp } from "./feeds/http.js";
import { createFeedIngest } from "./feeds/ingest.js";
import type { Lookup } from "./feeds/net/address-policy.js";
import { createFeedPoller, type FeedPoller, type FeedPollerOptions } from "./feeds/poller.js";

export type FeedPollerSettings = Partial<Pick<FeedPollerOptions, "concurrency" | "leaseMs" | "idleMs" | "workerId">>;
import { createFeedService } from "./feeds/service.js";
import { Api } from "grammy";
import { createWhoIsService } from "./entities/who-is.js";
import { createMetrics } from "./http/metrics.js";
import { createPublishingService } from "./news/publishing.js";
import { loadSeeds, type SeedReport } from "./news/seeds.js";
import { createNewsService } from "./news/service.js";
import { createPreferenceService } from "./subscriptions/preferences.js";
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
  feeds?: FeedOptions;
  /**
   * Where a stored article is broadcast (default: the delivery queue); a test that counts
   * broadcasts, or a tool that must not queue, says so here.
   */
  broadcast?: (articleId: number) => Promise<number>;
  /** The clock of digest schedules (tests). */
  now?: () => Date;
}

/** How feeds are read (FEED_MIN_INTERVAL, FEEDS_ALLOW_PRIVATE; tests inject DNS and addresses). */
export interface FeedOptions {
  minIntervalSeconds?: number;
  /** Feeds may live on loopback or private addresses (tests, intranets). */
  allowPrivate?: boolean;
  /** Exact addresses allowed although private (a test server on 127.0.0.1). */
  allowedAddresses?: string[];
  lookup?: Lookup;
  timeoutMs?: number;
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
  let storyEditor: StoryEditor | undefined;
  // Calls to Telegram from this process (worker and replies): whether a 429 is the bot's or a chat's.
  const sendMeter = createSendMeter();
  const delivery = createDeliveryService({ repos, onEnqueued: () => worker?.wake() });
  // Digests are built in the delivery role, beside the worker that sends them.
  const digests = createDigestBuilder({ repos, log, onBuilt: () => worker?.wake() });
  // Broadcasts a dead publisher left half done are completed in the delivery role too.
  const enqueueSweeper = createEnqueueSweeper({
    pending: (before, limit) => repos.articles.pendingEnqueue(before, limit),
    enqueue: (articleId) => delivery.enqueueArticle(articleId),
    log,
  });
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
    // Called once an article is stored: /latest shows it and its new names count at once here.
    stored: () => {
      cachedNews.invalidate();
      cachedEntities.invalidate();
      refreshNames();
    },
    broadcast: options.broadcast ?? ((articleId) => delivery.enqueueArticle(articleId)),
    log,
  });
  const feedOptions = options.feeds ?? {};
  const feedPolicy = { allowPrivate: feedOptions.allowPrivate ?? false, allowedAddresses: feedOptions.allowedAddresses };
  const feedHttp = createFeedHttp({ policy: feedPolicy, lookup: feedOptions.lookup, timeoutMs: feedOptions.timeoutMs });
  let poller: FeedPoller | undefined;
  const feeds = createFeedService({
    feeds: repos.feeds,
    http: feedHttp,
    policy: feedPolicy,
    lookup: feedOptions.lookup,
    resolveTopic: (name) => news.resolveTopic(name),
    publishing,
    onDue: () => poller?.wake(),
    log,
  });
  metrics.setFeedStateSource(() => repos.feeds.countByState());

  const chatLanguages = createChatLanguageCache({
    load: async (chatId) => (await repos.chats.get(chatId))?.language,
    save: (chatId, language) => repos.chats.setLanguage(chatId, language),
  });
  const whoIs = createWhoIsService({ entities: cachedEntities });
  const deps: BotDeps = {
    news: cachedNews,
    whoIs,
    knownNames,
    chats: {
      remember: (chat) => repos.chats.upsert(chat),
      languageOf: chatLanguages.languageOf,
      setLanguage: chatLanguages.setLanguage,
    },
    subscriptions: createSubscriptionService({ repos, news }),
    preferences: createPreferenceService({ repos, whoIs, now: options.now }),
    isAdmin: (userId) => admins.isAdmin(userId),
    publishing,
    feeds,
    admins,
    conversationStorage: repos.kv.storage("grammy"),
    sourceChannelId: options.sourceChannelId,
    log,
    observeUpdate: metrics.observeUpdate,
    onFloodDropped: () => metrics.floodDropped(),
  };

  /** The fetcher; `client` reaches Telegram for the admins' notices (failing feeds, review cards). */
  function createPoller(token: string, client: ApiClientOptions, settings: FeedPollerSettings): FeedPoller {
    const notices = createAdminNotices({
      api: new Api(token, { timeoutSeconds: 30, ...client }),
      i18n,
      adminIds: async () => (await admins.list()).map((admin) => admin.userId),
      languageOf: chatLanguages.languageOf,
      log,
    });
    const ingest = createFeedIngest({
      feeds: repos.feeds,
      publishing,
      enqueueArticle: (articleId) => delivery.enqueueArticle(articleId),
      articleOrigin: async (articleId) => (await news.byId(articleId))?.origin,
      http: feedHttp,
      onReview: async (feed, item) => {
        const content = item.content as { title?: string; body?: string; url?: string } | null;
        await notices.reviewItem(feed, { id: item.id, title: content?.title ?? item.title, body: content?.body ?? "", url: content?.url });
      },
      log,
    });
    poller = createFeedPoller({
      feeds: repos.feeds,
      http: feedHttp,
      ingest,
      minIntervalSeconds: feedOptions.minIntervalSeconds ?? 300,
      log,
      onFetched: (outcome, seconds, result) => metrics.feedFetched(outcome, seconds, result?.outcomes),
      onFailing: (feed, state, error) => notices.feedFailing(feed, state, error),
      ...settings,
    });
    return poller;
  }

  return {
    database,
    repos,
    news,
    i18n,
    metrics,
    delivery,
    digests,
    enqueueSweeper,
    sendMeter,
    admins,
    publishing,
    feeds,
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
      const api = createDeliveryApi(token, { client, autoRetry: autoRetry ?? false });
      const render = createDeliveryRenderer({ news, i18n });
      // Messages of a story that gained outlets are edited beside the worker, within its budget.
      storyEditor = createStoryEditor({
        claim: (limit) => repos.deliveries.claimStoryEdits(limit),
        postpone: (id, until) => repos.deliveries.postponeStoryEdit(id, until),
        api,
        render,
        log,
        meter: sendMeter,
        telegramCap: settings.telegramCap ?? telegramMessageCap(settings.paid),
      });
      storyEditor.start();
      worker = createDeliveryWorker({
        repos,
        api,
        render,
        log,
        onOutcome: (status) => metrics.deliveryFinished(status),
        reclaimAll: database.kind === "pglite",
        meter: sendMeter,
        ...workerOptions,
      });
      worker.start();
      return worker;
    },
    /** The feeds role: creates and starts the fetcher (see {@link createPoller}). */
    startFeedPoller(token: string, client: ApiClientOptions, settings: FeedPollerSettings = {}): FeedPoller {
      const started = createPoller(token, client, settings);
      started.start();
      return started;
    },
    /** The fetcher created by {@link startFeedPoller}, if any. */
    get poller(): FeedPoller | undefined {
      return poller;
    },
    /** Creates the fetcher without starting it: tests and the bench call `pollDue()` themselves. */
    createFeedPoller: (token: string, client: ApiClientOptions, settings: FeedPollerSettings = {}) => createPoller(token, client, settings),
    /** The worker started by {@link startDeliveryWorker}, if any. */
    get worker(): DeliveryWorker | undefined {
      return worker;
    },
    /** The story message editor started with the worker, if any. */
    get storyEditor(): StoryEditor | undefined {
      return storyEditor;
    },
  };
}

export type App = ReturnType<typeof createApp>;
