import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/create-bot.js";
import { createChatLanguageCache } from "../../src/chats/language-cache.js";
import { startPolling, type PollingHandle } from "../../src/transports/polling.js";
import { testDeps } from "../support/bot.js";
import { startBotApiServer } from "../support/bot-api-server.js";
import { createSeededApp, type Backend } from "../support/database.js";
import { captureLogs } from "../support/logs.js";
import { TEST_TOKEN, textUpdate } from "../support/telegram.js";

const CHATS = Number(process.env.LOAD_CHATS ?? 1000);
const PER_CHAT = 10;
// Production runs under load on PostgreSQL; PGlite (one connection in this process) when there is none.
const BACKEND: Backend = process.env.DATABASE_URL ? "postgres" : "pglite";

/**
 * Load: 10,000 updates from 1,000 chats through the runner (polling a local Bot API server), into
 * the real bot configured as in production (language cache, auto-retry) over PostgreSQL, or PGlite
 * when DATABASE_URL is unset. Asserts correctness only (every update answered once, in order within
 * each chat, no error logged); the throughput is printed, not asserted.
 */
describe(`load through the runner (${BACKEND})`, () => {
  let app: Awaited<ReturnType<typeof createSeededApp>>;
  let server: Awaited<ReturnType<typeof startBotApiServer>>;
  let polling: PollingHandle | undefined;

  beforeAll(async () => {
    app = await createSeededApp(BACKEND);
    server = await startBotApiServer({ latencyMs: 1 });
  });
  afterAll(async () => {
    await polling?.stop();
    await server?.close();
    await app?.database.close();
  });

  it(`answers ${CHATS * PER_CHAT} updates from ${CHATS} chats once each, in order per chat, without errors`, async () => {
    const logs = captureLogs({ level: "warn" });
    const deps = testDeps(app);
    const languages = createChatLanguageCache({ load: deps.chats.languageOf, save: deps.chats.setLanguage });
    const bot = createBot(
      { ...deps, chats: { ...deps.chats, languageOf: languages.languageOf }, log: logs.log },
      { token: TEST_TOKEN, client: { apiRoot: server.apiRoot } },
    );
    // Each reply names the unknown command it answers ("/n3"), which tells the order per chat.
    const updates = [];
    for (let n = 0; n < PER_CHAT; n++) {
      for (let chat = 0; chat < CHATS; chat++) updates.push(textUpdate(`/n${n}`, { userId: 500_000 + chat }));
    }
    polling = await startPolling(bot, logs.log, { timeoutSeconds: 1 });
    const started = performance.now();
    server.push(...updates);
    await expect.poll(() => server.sent().length, { timeout: 200_000, interval: 200 }).toBeGreaterThanOrEqual(updates.length);
    const seconds = (performance.now() - started) / 1000;
    await polling.stop();
    polling = undefined;

    const perChat = new Map<number, number[]>();
    for (const call of server.sent()) {
      const n = Number(/\/n(\d+)/.exec(String(call.payload.text))?.[1] ?? -1);
      const chat = Number(call.payload.chat_id);
      perChat.set(chat, [...(perChat.get(chat) ?? []), n]);
    }
    const inOrder = Array.from({ length: PER_CHAT }, (_, n) => n);
    const wrong = [...perChat].filter(([, seen]) => seen.join() !== inOrder.join());
    const rate = Math.round(updates.length / seconds);
    console.log(`[load] ${updates.length} updates from ${CHATS} chats answered in ${seconds.toFixed(1)} s: ${rate} updates/s; chats out of order or with missing/extra answers: ${wrong.length}`);

    const problems = logs.lines().filter((l) => Number(l.level) >= 40);
    if (problems.length) console.log("[load] first problem logged:", JSON.stringify(problems[0]).slice(0, 2000));
    expect(server.sent()).toHaveLength(updates.length);
    expect(perChat.size).toBe(CHATS);
    expect(wrong.slice(0, 3)).toEqual([]);
    expect(problems).toEqual([]);
  }, 240_000);
});
