/** A bot over a seeded test database, talking to a recording in-memory Bot API. */
import { pino } from "pino";
import { createBot } from "../../src/bot/create-bot.js";
import type { BotDeps } from "../../src/bot/deps.js";
import type { createSeededApp } from "./database.js";
import { createRecordingApi, TEST_BOT_INFO, TEST_TOKEN } from "./telegram.js";

type App = Awaited<ReturnType<typeof createSeededApp>>;

/** The bot's dependencies over `app`, with `adminIds` as ADMIN_IDS. */
export function testDeps(app: App, options: { adminIds?: number[] } = {}): BotDeps {
  const adminIds = new Set(options.adminIds ?? []);
  return {
    news: app.news,
    chats: {
      remember: (chat) => app.repos.chats.upsert(chat),
      languageOf: async (chatId) => (await app.repos.chats.get(chatId))?.language,
      setLanguage: (chatId, language) => app.repos.chats.setLanguage(chatId, language),
    },
    isAdmin: async (userId) => adminIds.has(userId) || (await app.repos.admins.isAdmin(userId)),
    log: pino({ level: "silent" }),
  };
}

/** Creates the real bot over `app` with a recording API. */
export function createTestBot(app: App, options: { adminIds?: number[]; deps?: Partial<BotDeps> } = {}) {
  const api = createRecordingApi();
  const bot = createBot({ ...testDeps(app, options), ...options.deps }, {
    token: TEST_TOKEN,
    botInfo: TEST_BOT_INFO,
    client: { fetch: api.fetch },
    autoRetry: false,
  });
  return { bot, api };
}
