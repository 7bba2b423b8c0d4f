/** A bot over a seeded test database, talking to a recording in-memory Bot API. */
import { pino } from "pino";
import { createApp, type App } from "../../src/app.js";
import { createBot } from "../../src/bot/create-bot.js";
import type { BotDeps } from "../../src/bot/deps.js";
import type { Database } from "../../src/db/client.js";
import { createRecordingApi, TEST_BOT_INFO, TEST_TOKEN } from "./telegram.js";

export interface TestDepsOptions {
  /** ADMIN_IDS. */
  adminIds?: number[];
  /** Where published articles go; by default the real delivery queue (no worker runs unless the test starts one). */
  broadcast?: (articleId: number) => Promise<number>;
  sourceChannelId?: number;
  /** The clock of digest schedules. */
  now?: () => Date;
}

/** The application `main.ts` builds, over the test's database, with silent logs. */
export function testApp(app: { database: Database }, options: TestDepsOptions = {}): App {
  return createApp(app.database, {
    log: pino({ level: "silent" }),
    adminIds: options.adminIds ?? [],
    sourceChannelId: options.sourceChannelId,
    broadcast: options.broadcast,
    now: options.now,
  });
}

/** The bot's dependencies exactly as the app wires them (read caches included), with `adminIds` as ADMIN_IDS. */
export function testDeps(app: { database: Database }, options: TestDepsOptions = {}): BotDeps {
  return testApp(app, options).deps;
}

/**
 * Creates the real bot over `app` with a recording API; `app` in the answer is the application it
 * runs in, whose services share the bot's read caches (write through them, not around them).
 */
export function createTestBot(app: { database: Database }, options: TestDepsOptions & { deps?: Partial<BotDeps> } = {}) {
  const api = createRecordingApi();
  const built = testApp(app, options);
  const bot = createBot({ ...built.deps, ...options.deps }, {
    token: TEST_TOKEN,
    botInfo: TEST_BOT_INFO,
    client: { fetch: api.fetch },
    autoRetry: false,
    // Tests send bursts from one user on purpose; flood control has its own test.
    floodLimit: false,
  });
  return { bot, api, app: built };
}
