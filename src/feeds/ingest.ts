/**
 * Storing the items of a fetched feed. Each item is recorded in `feed_items` (unique per feed and
 * guid) before it is stored as an article, so a crash in between is finished by the next fetch,
 * and two fetchers never both take it. Articles are de-duplicated across feeds by their canonical
 * link and text (the articles table's unique keys). Items present at a feed's first fetch are its
 * archive: stored, never broadcast.
 */
import type { Logger } from "pino";
import type { FeedItemRecord, FeedRecord, FeedRepository } from "../db/repositories/feeds.js";
import type { PublishInput, PublishOutcome } from "../news/publishing.js";
import { canonicalUrl } from "./content/canonical-url.js";
import { extractArticle } from "./content/full-text.js";
import type { FeedDocument, FeedItem } from "./content/parse-feed.js";
import type { FeedHttp } from "./http.js";
import { feedTextOf, guidKeyOf, itemArticle, needsPage, type ItemArticle } from "./items.js";

/** At most this many items of one fetch are broadcast; older new ones are stored quietly. */
export const MAX_BROADCAST_PER_FETCH = 20;
/** A new item older than this is stored without broadcast: it is not news any more. */
export const MAX_NEWS_AGE_MS = 3 * 24 * 3600 * 1000;

export type ItemOutcome = "published" | "archived" | "duplicate" | "review" | "invalid" | "seen";

export interface IngestDeps {
  feeds: Pick<FeedRepository, "itemsByKey" | "insertItem" | "finishItem" | "articleHasItem">;
  publishing: { publish(input: PublishInput, options?: { broadcast?: boolean }): Promise<PublishOutcome> };
  /** Queues an already stored article (finishing an item a crash interrupted). */
  enqueueArticle(articleId: number): Promise<number>;
  /** The origin of a stored article, to recognise one this feed stored before a crash. */
  articleOrigin(articleId: number): Promise<string | undefined>;
  http: Pick<FeedHttp, "getPage">;
  /** Told about an item waiting for an admin's review. */
  onReview?: (feed: FeedRecord, item: FeedItemRecord) => Promise<void>;
  log: Logger;
  now?: () => Date;
}

export interface IngestResult {
  outcomes: Record<ItemOutcome, number>;
}

/** Creates the ingest step of the feed fetcher. */
export function createFeedIngest(deps: IngestDeps) {
  const now = deps.now ?? (() => new Date());

  /** The full text of a teaser item, from its page; the feed's text when the page gives less. */
  async function bestText(item: FeedItem, feedText: string): Promise<{ text: string; url?: string }> {
    const link = item.link ? canonicalUrl(item.link) : undefined;
    if (!item.link || !needsPage(item, feedText)) return { text: feedText, url: link };
    try {
      const page = await deps.http.getPage(item.link);
      if (!page) return { text: feedText, url: link };
      const extracted = extractArticle(page.html, page.url);
      const canonical = (extracted.canonicalUrl && canonicalUrl(extracted.canonicalUrl)) || canonicalUrl(page.url) || link;
      const text = extracted.text && extracted.text.length > feedText.length ? extracted.text : feedText;
      return { text, url: canonical };
    } catch (error) {
      deps.log.info({ err: error, feedItemLink: item.link }, "Could not fetch an item's page; keeping the feed's text");
      return { text: feedText, url: link };
    }
  }

  function publishInput(feed: FeedRecord, article: ItemArticle): PublishInput {
    return {
      ...article,
      origin: "feed",
      extraTopics: feed.topics,
      site: feed.title ?? (feed.siteUrl ? hostOf(feed.siteUrl) : hostOf(feed.url)),
      createdBy: null,
    };
  }

  /** Finishes an item; `broadcast` false stores it quietly (the archive, old news). */
  async function store(feed: FeedRecord, record: FeedItemRecord, item: FeedItem, broadcast: boolean, resumed: boolean): Promise<ItemOutcome> {
    const feedText = feedTextOf(item);
    // Only news is worth a page fetch: the archive keeps the feed's own text.
    const { text, url } = broadcast ? await bestText(item, feedText) : { text: feedText, url: item.link ? canonicalUrl(item.link) : undefined };
    const article = itemArticle(item, text, { url, language: feed.language, now: now() });
    if (!article) {
      await deps.feeds.finishItem(record.id, { status: "invalid" });
      return "invalid";
    }
    const input = publishInput(feed, article);
    if (broadcast && feed.mode === "review") {
      const content = { ...input, publishedAt: input.publishedAt?.toISOString() };
      await deps.feeds.finishItem(record.id, { status: "review", content });
      await deps.onReview?.(feed, { ...record, status: "review", content });
      return "review";
    }
    const outcome = await deps.publishing.publish(input, { broadcast });
    if (outcome.status === "invalid") {
      deps.log.info({ feedId: feed.id, problems: outcome.problems.map((p) => p.path) }, "Feed item refused");
      await deps.feeds.finishItem(record.id, { status: "invalid" });
      return "invalid";
    }
    if (outcome.status === "duplicate") {
      // After a crash between storing the article and recording it here, the "duplicate" is this
      // item's own article: a feed article no item stands for. Its deliveries are queued now
      // (idempotent), so the crash loses nothing.
      if (resumed && !(await deps.feeds.articleHasItem(outcome.id)) && (await deps.articleOrigin(outcome.id)) === "feed") {
        if (broadcast) await deps.enqueueArticle(outcome.id);
        await deps.feeds.finishItem(record.id, { status: broadcast ? "published" : "archived", articleId: outcome.id });
        return broadcast ? "published" : "archived";
      }
      await deps.feeds.finishItem(record.id, { status: "duplicate", articleId: outcome.id });
      return "duplicate";
    }
    await deps.feeds.finishItem(record.id, { status: broadcast ? "published" : "archived", articleId: outcome.id });
    return broadcast ? "published" : "archived";
  }

  return {
    /** Stores the new items of `document` for `feed`, oldest first. */
    async ingest(feed: FeedRecord, document: FeedDocument): Promise<IngestResult> {
      const outcomes: Record<ItemOutcome, number> = { published: 0, archived: 0, duplicate: 0, review: 0, invalid: 0, seen: 0 };
      const keyed = oldestFirst(document.items)
        .map((item) => ({ item, key: guidKeyOf(item) }))
        .filter((entry): entry is { item: FeedItem; key: string } => entry.key !== undefined);
      // One item per key: a feed that lists an item twice stores it once.
      const unique = [...new Map(keyed.map((entry) => [entry.key, entry])).values()];
      const seen = await deps.feeds.itemsByKey(feed.id, unique.map((entry) => entry.key));
      const fresh = unique.filter((entry) => {
        const known = seen.get(entry.key);
        return !known || known.status === "new";
      });
      outcomes.seen = unique.length - fresh.length;
      const broadcastFrom = Math.max(0, fresh.length - MAX_BROADCAST_PER_FETCH);
      for (const [index, { item, key }] of fresh.entries()) {
        let record = seen.get(key);
        const resumed = record !== undefined;
        record ??= await deps.feeds.insertItem({ feedId: feed.id, guidKey: key, url: item.link ? canonicalUrl(item.link) : null, title: item.title ?? key });
        if (!record) {
          outcomes.seen += 1; // another fetcher recorded it a moment ago
          continue;
        }
        const recent = !item.publishedAt || now().getTime() - item.publishedAt.getTime() <= MAX_NEWS_AGE_MS;
        const broadcast = feed.primed && index >= broadcastFrom && recent;
        outcomes[await store(feed, record, item, broadcast, resumed)] += 1;
      }
      return { outcomes };
    },
  };
}

export type FeedIngest = ReturnType<typeof createFeedIngest>;

/** Items by date, oldest first; undated ones keep the feed's order (newest first) reversed. */
function oldestFirst(items: FeedItem[]): FeedItem[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => {
      const da = a.item.publishedAt?.getTime();
      const db = b.item.publishedAt?.getTime();
      if (da !== undefined && db !== undefined && da !== db) return da - db;
      return b.index - a.index;
    })
    .map((entry) => entry.item);
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return null;
  }
}
