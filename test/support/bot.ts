/** A bot over a seeded test database, talking to a recording in-memory Bot API. */
import { pino } from "pino";
import { createBot } from "../../src/bot/create-bot.js";
import { createKnownNames } from "../../src/entities/known-names.js";
import { createWhoIsService } from "../../src/entities/who-is.js";
import type { BotDeps } from "../../src/bot/deps.js";
import { createPreferenceService } from "../../src/subscriptions/preferences.js";
import { createSubscriptionService } from "../../src/subscriptions/service.js";
import { createAdminService } from "../../src/admin/admins.js";
import { createPublishingService } from "../../src/news/publishing.js";
import { createFeedHttp } from "../../src/feeds/http.js";
import { createFeedService } from "../../src/feeds/service.js";
import type { createSeededApp } from "./database.js";
import { createRecordingApi, TEST_BOT_INFO, TEST_TOKEN } from "./telegram.js";

/** What the bot needs of an app: its repositories and news service (tests, benchmarks). */
type App = Pick<Awaited<ReturnType<typeof createSeededApp>>, "repos" | "news">;

export interface TestDepsOptions {
  /** ADMIN_IDS. */
  adminIds?: number[];
  /** The delivery queue; by default nothing is queued (0 deliveries). */
  broadcast?: (articleId: number) => Promise<number>;
  sourceChannelId?: number;
  /** The clock of digest schedules. */
  now?: () => Date;
}

/** The bot's dependencies over `app`, with `adminIds` as ADMIN_IDS. */
export function testDeps(app: App, options: TestDepsOptions = {}): BotDeps {
  const adminIds = new Set(options.adminIds ?? []);
  const admins = createAdminService({ repo: app.repos.admins, configAdminIds: adminIds });
  const publishing = createPublishingService({ news: app.news, broadcast: options.broadcast ?? (async () => 0) });
  const policy = { allowPrivate: false };
  const log = pino({ level: "silent" });
  const whoIs = createWhoIsService({ entities: app.repos.entities });
  return {
    news: app.news,
    whoIs,
    knownNames: createKnownNames(app.repos.nameWords),
    chats: {
      remember: (chat) => app.repos.chats.upsert(chat),
      languageOf: async (chatId) => (await app.repos.chats.get(chatId))?.language,
      setLanguage: (chatId, language) => app.repos.chats.setLanguage(chatId, language),
    },
    isAdmin: (userId) => admins.isAdmin(userId),
    subscriptions: createSubscriptionService({ repos: app.repos, news: app.news }),
    preferences: createPreferenceService({ repos: app.repos, whoIs, now: options.now }),
    publishing,
    feeds: createFeedService({ feeds: app.repos.feeds, http: createFeedHttp({ policy }), policy, resolveTopic: (name) => app.news.resolveTopic(name), publishing, log }),
    admins,
    conversationStorage: app.repos.kv.storage("grammy"),
    sourceChannelId: options.sourceChannelId,
    log,
  };
}

/** Creates the real bot over `app` with a recording API. */
export function createTestBot(app: App, options: TestDepsOptions & { deps?: Partial<BotDeps> } = {}) {
  const api = createRecordingApi();
  const bot = createBot({ ...testDeps(app, options), ...options.deps }, {
    token: TEST_TOKEN,
    botInfo: TEST_BOT_INFO,
    client: { fetch: api.fetch },
    autoRetry: false,
    // Tests send bursts from one user on purpose; flood control has its own test.
    floodLimit: false,
  });
  return { bot, api };
}
