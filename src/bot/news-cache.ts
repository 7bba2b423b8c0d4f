/**
 * The newest articles and an article's citations, kept in memory for a few seconds: /latest,
 * /sources and /start ask for the same few lists thousands of times between two publications.
 *
 * Freshness: `invalidate()` (called by the composition root whenever this process stores an
 * article) empties the cache at once, so an article published here shows up in the next /latest.
 * An article stored by another process (the `npm run post` CLI, a second bot instance) shows up
 * once the entry expires, `ttlMs` (default 5 s) at most; by then its broadcast is only starting.
 * A failed read is not kept: the next request asks the database again.
 */
import type { NewsService } from "../news/service.js";

export interface NewsCacheOptions {
  /** How long a read is reused (default 5 s). */
  ttlMs?: number;
  /** Most article citation lists kept (default 64). */
  maxArticles?: number;
  now?: () => number;
}

type CachedReads = Pick<NewsService, "latest" | "citationsOf">;

/** Wraps `news` so that `latest` and `citationsOf` reuse recent answers; everything else passes through. */
export function createNewsCache<T extends CachedReads>(news: T, options: NewsCacheOptions = {}) {
  const ttlMs = options.ttlMs ?? 5_000;
  const maxArticles = options.maxArticles ?? 64;
  const now = options.now ?? Date.now;
  // Promises, so that concurrent requests for the same list share one query.
  const latest = new Map<string, { value: ReturnType<T["latest"]>; expires: number }>();
  const citations = new Map<number, { value: ReturnType<T["citationsOf"]>; expires: number }>();

  function remember<K, V extends Promise<unknown>>(map: Map<K, { value: V; expires: number }>, key: K, read: () => V, max: number): V {
    const cached = map.get(key);
    if (cached && cached.expires > now()) return cached.value;
    const value = read();
    map.set(key, { value, expires: now() + ttlMs });
    if (map.size > max) map.delete(map.keys().next().value!);
    value.catch(() => {
      if (map.get(key)?.value === value) map.delete(key);
    });
    return value;
  }

  return {
    ...news,
    latest: ((request: Parameters<T["latest"]>[0] = {}) =>
      remember(latest, `${request.limit ?? ""}:${request.topicSlug ?? ""}`, () => news.latest(request) as ReturnType<T["latest"]>, 256)) as T["latest"],
    citationsOf: ((articleId: number) =>
      remember(citations, articleId, () => news.citationsOf(articleId) as ReturnType<T["citationsOf"]>, maxArticles)) as T["citationsOf"],
    /** Forgets everything: the next reads go to the database. */
    invalidate(): void {
      latest.clear();
      citations.clear();
    },
  };
}
