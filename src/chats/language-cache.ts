/**
 * The language each chat chose, cached in memory: the i18n negotiator asks on every update, and a
 * database round trip for a value that almost never changes is waste. A change made here updates
 * the cache at once; a change made by another process (several webhook instances) is seen after
 * `ttlMs` at most.
 */
import { createReadThrough } from "../read-through.js";

export interface ChatLanguageStore {
  load(chatId: number): Promise<string | null | undefined>;
  save(chatId: number, language: string | null): Promise<void>;
}

export interface ChatLanguageCacheOptions {
  /** How long a cached value is trusted (default 60 s). */
  ttlMs?: number;
  /** Most chats kept; the least recently used is dropped beyond (default 10 000). */
  maxEntries?: number;
  now?: () => number;
}

/** Wraps `store` with a bounded, expiring cache. */
export function createChatLanguageCache(store: ChatLanguageStore, options: ChatLanguageCacheOptions = {}) {
  // Boxed: "no choice" (null) is an answer worth keeping, and the cache holds objects only.
  const choices = createReadThrough<number, { language: string | null }>(
    async (chatId) => ({ language: (await store.load(chatId)) ?? null }),
    { ttlMs: options.ttlMs ?? 60_000, max: options.maxEntries ?? 10_000, now: options.now },
  );

  return {
    /** The chosen language, or null when the chat follows Telegram's language_code. */
    async languageOf(chatId: number): Promise<string | null> {
      return (await choices.get(chatId))?.language ?? null;
    },
    /** Stores the choice, then updates the cache (a failed write leaves the cache as it was). */
    async setLanguage(chatId: number, language: string | null): Promise<void> {
      await store.save(chatId, language);
      choices.set(chatId, { language });
    },
  };
}

export type ChatLanguageCache = ReturnType<typeof createChatLanguageCache>;
