/**
 * For delivery tests: a fake Bot API that answers sendMessage after a delay, with whatever a test
 * scripts per chat (429 with retry_after, 403, 5xx), and records when each call arrived; plus a
 * world of subscribed chats and published articles over a seeded test database.
 */
import { sql } from "drizzle-orm";
import { pino } from "pino";
import { createDeliveryRenderer } from "../../src/bot/delivery-renderer.js";
import { createI18n } from "../../src/bot/i18n.js";
import { createDeliveryApi } from "../../src/delivery/api.js";
import { createDeliveryService } from "../../src/delivery/service.js";
import { createDeliveryWorker, type DeliveryWorkerOptions } from "../../src/delivery/worker.js";
import { createInMemoryApi } from "../../src/transports/in-memory-api.js";
import type { createSeededApp } from "./database.js";
import { TEST_TOKEN } from "./telegram.js";

type App = Awaited<ReturnType<typeof createSeededApp>>;

export interface SendRecord {
  chatId: number;
  at: number;
  ok: boolean;
  code?: number;
  payload: Record<string, unknown>;
}

export type Answer = { ok: false; error_code: number; description: string; parameters?: Record<string, unknown> };

export const answers = {
  tooManyRequests: (retryAfter: number): Answer => ({
    ok: false,
    error_code: 429,
    description: `Too Many Requests: retry after ${retryAfter}`,
    parameters: { retry_after: retryAfter },
  }),
  blocked: (): Answer => ({ ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" }),
  chatNotFound: (): Answer => ({ ok: false, error_code: 400, description: "Bad Request: chat not found" }),
  badGateway: (): Answer => ({ ok: false, error_code: 502, description: "Bad Gateway" }),
  internal: (): Answer => ({ ok: false, error_code: 500, description: "Internal Server Error" }),
};

export interface FakeTelegramOptions {
  /** Delay before answering, per call (ms). */
  latencyMs?: () => number;
  /** Scripted answer for the `nth` (1-based) sendMessage to `chatId`; undefined means success. */
  answer?: (chatId: number, nth: number) => Answer | undefined;
}

/** A fake Bot API as a `fetch`, recording every sendMessage. */
export function createFakeTelegram(options: FakeTelegramOptions = {}) {
  const sends: SendRecord[] = [];
  const perChat = new Map<number, number>();
  let pending: { chatId: number; nth: number } | undefined;
  const inner = createInMemoryApi({
    respond: (call) => {
      if (call.method !== "sendMessage" || !pending) return undefined;
      return options.answer?.(pending.chatId, pending.nth);
    },
  });
  const fetchImpl = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const at = Date.now();
    const payload = typeof init?.body === "string" ? (JSON.parse(init.body) as Record<string, unknown>) : {};
    const delay = options.latencyMs?.() ?? 0;
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    if (!url.endsWith("/sendMessage")) return inner(input, init);
    const chatId = Number(payload.chat_id);
    const nth = (perChat.get(chatId) ?? 0) + 1;
    perChat.set(chatId, nth);
    // The in-memory API answers synchronously, so passing the script through a variable is safe.
    pending = { chatId, nth };
    const response = await inner(input, init);
    pending = undefined;
    sends.push({ chatId, at, ok: response.ok, code: response.ok ? undefined : response.status, payload });
    return response;
  };
  return {
    fetch: fetchImpl as typeof fetch,
    sends,
    /** Successful sends per chat. */
    delivered(): Map<number, number> {
      const map = new Map<number, number>();
      for (const s of sends) if (s.ok) map.set(s.chatId, (map.get(s.chatId) ?? 0) + 1);
      return map;
    },
    /** The most sends (any answer) that arrived within any window of `ms` (half-open). */
    maxInWindow(ms: number, filter: (s: SendRecord) => boolean = () => true): number {
      const times = sends.filter(filter).map((s) => s.at).sort((a, b) => a - b);
      let best = 0;
      for (let i = 0, j = 0; i < times.length; i++) {
        while (times[i]! - times[j]! >= ms) j++;
        best = Math.max(best, i - j + 1);
      }
      return best;
    },
    /** The smallest gap between two sends to the same chat, per chat type. */
    minGapPerChat(isGroup: (chatId: number) => boolean): { private: number; group: number } {
      const byChat = new Map<number, number[]>();
      for (const s of sends) byChat.set(s.chatId, [...(byChat.get(s.chatId) ?? []), s.at]);
      const gaps = { private: Infinity, group: Infinity };
      for (const [chatId, times] of byChat) {
        times.sort((a, b) => a - b);
        for (let i = 1; i < times.length; i++) {
          const key = isGroup(chatId) ? "group" : "private";
          gaps[key] = Math.min(gaps[key], times[i]! - times[i - 1]!);
        }
      }
      return gaps;
    },
  };
}

export type FakeTelegram = ReturnType<typeof createFakeTelegram>;

/** Private chats get positive ids, groups negative ones, like Telegram's. */
export const isGroupId = (chatId: number) => chatId < 0;

/** Creates `count` chats subscribed to `topics`; every third one is a supergroup. */
export async function subscribeChats(app: App, count: number, topics: string[], firstId = 1000): Promise<number[]> {
  const ids: number[] = [];
  const topicIds = [...(await app.repos.catalog.topicIdsBySlug(topics)).values()];
  for (let i = 0; i < count; i++) {
    const group = i % 3 === 2;
    const id = group ? -(100_000 + firstId + i) : firstId + i;
    await app.repos.chats.upsert({ id, type: group ? "supergroup" : "private", title: group ? `Group ${i}` : null });
    await app.repos.subscriptions.add(id, topicIds);
    ids.push(id);
  }
  return ids;
}

import { madeUpWords } from "./text.js";

let articleCounter = 0;

/** Publishes a new (non-seed) article about `topics` and returns its id; each is a story of its own. */
export async function publishArticle(app: App, topics: string[]): Promise<number> {
  articleCounter++;
  const stamp = `${Date.now()}-${articleCounter}-${Math.random()}`;
  const result = await app.news.publish({
    title: `Test article ${madeUpWords(stamp, 3)}`,
    body: `${madeUpWords(`${stamp}/body`, 14)}. Reference ${stamp}.`,
    url: `https://example.com/news/${stamp}`,
    topics,
    origin: "api",
  });
  return result.id;
}

/** The delivery service over `app`. */
export function deliveryService(app: App) {
  return createDeliveryService({ repos: app.repos });
}

const i18n = createI18n();

/** A worker over `app` sending through `telegram`; options override the fast test defaults. */
export function testWorker(app: App, telegram: FakeTelegram, options: Partial<DeliveryWorkerOptions> & { autoRetry?: boolean } = {}) {
  const { autoRetry, ...rest } = options;
  return createDeliveryWorker({
    repos: app.repos,
    api: createDeliveryApi(TEST_TOKEN, { client: { fetch: telegram.fetch }, autoRetry: autoRetry ?? false }),
    render: createDeliveryRenderer({ news: app.news, i18n }),
    log: pino({ level: "silent" }),
    rate: 200,
    idleMs: 50,
    backoffMs: () => 50,
    ...rest,
  });
}

/** Resolves once no delivery is pending, or throws after `timeoutMs`. */
export async function waitUntilDrained(app: App, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await app.repos.deliveries.countByStatus();
    if (counts.pending === 0) return;
    if (Date.now() > deadline) throw new Error(`Still ${counts.pending} pending deliveries after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Runs a worker over `app` until no delivery is pending, then stops it. */
export async function deliverAll(app: App, telegram: FakeTelegram, options: Parameters<typeof testWorker>[2] = {}): Promise<void> {
  const worker = testWorker(app, telegram, options);
  worker.start();
  try {
    await waitUntilDrained(app);
  } finally {
    await worker.stop();
  }
}

/** Empties chats, subscriptions and deliveries, so one seeded database serves a whole file. */
export async function resetDeliveryTables(app: App): Promise<void> {
  await app.database.db.execute(sql`truncate table deliveries, subscriptions, follows, chat_filters, chats`);
}
