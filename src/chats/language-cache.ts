/**
 * The language each chat chose, cached in memory: the i18n negotiator asks on every update, and a
 * database round trip for a value that almost never changes is waste. A change made here updates
 * the cache at once; a change made by another process (several webhook instances) is seen after
 * `ttlMs` at most.
 */

export interface ChatLanguageStore {
  load(chatId: number): Promise<string | null | undefined>;
  save(chatId: number, language: string | null): Promise<void>;
}

export interface ChatLanguageCacheOptions {
  /** How long a cached value is trusted (default 60 s). */
  ttlMs?: number;
  /** Most chats kept; the oldest entry is dropped beyond (default 10 000). */
  maxEntries?: number;
  now?: () => number;
}

/** Wraps `store` with a bounded, expiring cache. */
export function createChatLanguageCache(store: ChatLanguageStore, options: ChatLanguageCacheOptions = {}) {
  const ttlMs = options.ttlMs ?? 60_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const entries = new Map<number, { language: string | null; expires: number }>();

  function remember(chatId: number, language: string | null) {
    entries.delete(chatId); // re-insert so Map order stays "least recently written first"
    entries.set(chatId, { language, expires: now() + ttlMs });
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
  }

  return {
    /** The chosen language, or null when the chat follows Telegram's language_code. */
    async languageOf(chatId: number): Promise<string | null> {
      const cached = entries.get(chatId);
      if (cached && cached.expires > now()) return cached.language;
      const language = (await store.load(chatId)) ?? null;
      remember(chatId, language);
      return language;
    },
    /** Stores the choice, then updates the cache (a failed write leaves the cache as it was). */
    async setLanguage(chatId: number, language: string | null): Promise<void> {
      await store.save(chatId, language);
      remember(chatId, language);
    },
    /** Forgets a chat (or everything): the next read goes to the store. */
    invalidate(chatId?: number): void {
      if (chatId === undefined) entries.clear();
      else entries.delete(chatId);
    },
  };
}

export type ChatLanguageCache = ReturnType<typeof createChatLanguageCache>;
