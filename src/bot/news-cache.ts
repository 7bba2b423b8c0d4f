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
import { createReadThrough } from "../read-through.js";

export interface NewsCacheOptions {
  /** How long a read is reused (default 5 s). */
  ttlMs?: number;
  /** Most article citation lists kept (default 64). */
  maxArticles?: number;
  now?: () => number;
}

type CachedReads = Pick<NewsService, "latest" | "citationsOf">;
type LatestRequest = NonNullable<Parameters<NewsService["latest"]>[0]>;
type LatestList = Awaited<ReturnType<NewsService["latest"]>>;
type Citations = Awaited<ReturnType<NewsService["citationsOf"]>>;

/** Wraps `news` so that `latest` and `citationsOf` reuse recent answers; everything else passes through. */
export function createNewsCache<T extends CachedReads>(news: T, options: NewsCacheOptions = {}) {
  const ttlMs = options.ttlMs ?? 5_000;
  // Keyed by the request itself, as JSON: the key is all the read needs.
  const latest = createReadThrough<string, LatestList>((key) => news.latest(JSON.parse(key) as LatestRequest), {
    ttlMs,
    max: 256,
    now: options.now,
  });
  const citations = createReadThrough<number, Citations>((articleId) => news.citationsOf(articleId), {
    ttlMs,
    max: options.maxArticles ?? 64,
    now: options.now,
  });

  return {
    ...news,
    // Both reads always answer a list, never undefined, so `get` does too.
    latest: async (request: LatestRequest = {}) =>
      (await latest.get(JSON.stringify({ limit: request.limit, topicSlug: request.topicSlug }))) as LatestList,
    citationsOf: async (articleId: number) => (await citations.get(articleId)) as Citations,
    /** Forgets everything: the next reads go to the database. */
    invalidate(): void {
      latest.clear();
      citations.clear();
    },
  };
}
