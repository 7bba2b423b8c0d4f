/**
 * The admins' side of feeds: add one (a feed URL, or a site page that names its feed), list,
 * pause, resume, remove, switch review on or off, OPML import and export, and the review items'
 * Publish and Skip. The bot's /feeds command and the HTTP API both call this.
 */
import type { Logger } from "pino";
import type { FeedRecord, FeedRepository } from "../db/repositories/feeds.js";
import type { FeedMode } from "../db/schema.js";
import type { PublishInput, PublishOutcome } from "../news/publishing.js";
import { canonicalUrl } from "./content/canonical-url.js";
import { discoverFeedLinks, looksLikeHtml } from "./content/discover.js";
import { buildOpml, parseOpmlFeeds } from "./content/opml.js";
import { FeedParseError, parseFeedDocument, type FeedDocument } from "./content/parse-feed.js";
import type { FeedHttp } from "./http.js";
import { primaryLanguage } from "./items.js";
import { checkUrl, RefusedUrlError, type AddressPolicy, type Lookup } from "./net/address-policy.js";
import { FetchError } from "./net/safe-fetch.js";

export const FEED_URL_MAX = 2_000;
/** An OPML file may list at most this many feeds. */
export const OPML_MAX_FEEDS = 1_000;

export type AddFeedOutcome =
  | { status: "added"; id: number; url: string; title: string | null }
  | { status: "exists"; id: number }
  | { status: "invalid"; errors: string[] };

export interface OpmlImportResult {
  added: number;
  existing: number;
  refused: { url: string; reason: string }[];
}

export interface FeedServiceDeps {
  feeds: FeedRepository;
  http: Pick<FeedHttp, "getFeed">;
  policy: AddressPolicy;
  lookup?: Lookup;
  resolveTopic(name: string): Promise<{ slug: string } | undefined>;
  publishing: { publish(input: PublishInput): Promise<PublishOutcome> };
  /** Told when a feed became due (added, resumed): a fetcher in this process starts at once. */
  onDue?: () => void;
  log: Logger;
}

/** Creates the feed service. */
export function createFeedService(deps: FeedServiceDeps) {
  const { feeds } = deps;

  /** An http(s) URL, or the problem with it. */
  function parseUrl(raw: string): { url: string } | { error: string } {
    const text = raw.trim();
    if (!text) return { error: "url is required" };
    if (text.length > FEED_URL_MAX) return { error: `url must be at most ${FEED_URL_MAX} characters` };
    let url: URL;
    try {
      url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`);
    } catch {
      return { error: `"${text.slice(0, 100)}" is not a web address` };
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") return { error: "only http and https feeds can be read" };
    return { url: url.href };
  }

  async function resolveTopics(names: string[]): Promise<{ slugs: string[]; errors: string[] }> {
    const slugs: string[] = [];
    const errors: string[] = [];
    for (const name of names.map((n) => n.trim()).filter(Boolean)) {
      const topic = await deps.resolveTopic(name);
      if (topic) slugs.push(topic.slug);
      else errors.push(`unknown topic "${name.slice(0, 60)}"`);
    }
    return { slugs: [...new Set(slugs)], errors };
  }

  /** Fetches `url`; a page is searched for the feed it names. */
  async function locateFeed(url: string): Promise<{ url: string; document: FeedDocument } | { error: string }> {
    let response = await deps.http.getFeed(url);
    if (response.kind === "ok" && looksLikeHtml(response.text, response.mediaType)) {
      const [link] = discoverFeedLinks(response.text, response.url);
      if (!link) return { error: "this page names no RSS, Atom or JSON feed" };
      await checkUrl(link.url, deps.policy, deps.lookup);
      response = await deps.http.getFeed(link.url);
    }
    if (response.kind === "http-error") return { error: `the server answered HTTP ${response.status}` };
    if (response.kind !== "ok") return { error: "the server sent no feed" };
    if (looksLikeHtml(response.text, response.mediaType)) return { error: "this address gives a web page, not a feed" };
    return { url: response.url, document: parseFeedDocument(response.text, { feedUrl: response.url }) };
  }

  return {
    /**
     * Adds a feed after checking it: an http(s) address that is not private, that answers with a
     * feed (or a page naming one). The fetcher reads it at once; its current items are the archive.
     */
    async add(input: { url: string; topics?: string[]; mode?: FeedMode; addedBy?: number | null }): Promise<AddFeedOutcome> {
      const parsed = parseUrl(input.url);
      const topics = await resolveTopics(input.topics ?? []);
      const errors = [...("error" in parsed ? [parsed.error] : []), ...topics.errors];
      if (input.mode !== undefined && input.mode !== "publish" && input.mode !== "review") errors.push('mode must be "publish" or "review"');
      if (errors.length > 0 || "error" in parsed) return { status: "invalid", errors };
      const given = canonicalUrl(parsed.url) ?? parsed.url;
      const known = await feeds.idByUrl([given, parsed.url]);
      if (known !== undefined) return { status: "exists", id: known };
      let located: Awaited<ReturnType<typeof locateFeed>>;
      try {
        await checkUrl(parsed.url, deps.policy, deps.lookup);
        located = await locateFeed(parsed.url);
      } catch (error) {
        if (error instanceof RefusedUrlError) return { status: "invalid", errors: [error.message] };
        if (error instanceof FetchError) return { status: "invalid", errors: [`could not fetch the feed: ${error.message}`] };
        if (error instanceof FeedParseError) return { status: "invalid", errors: [`not a valid feed: ${error.message}`] };
        throw error;
      }
      if ("error" in located) return { status: "invalid", errors: [located.error] };
      const url = canonicalUrl(located.url) ?? located.url;
      const { document } = located;
      const stored = await feeds.add({
        url,
        title: document.title?.slice(0, 300) ?? null,
        siteUrl: document.siteUrl ?? null,
        topics: topics.slugs,
        language: primaryLanguage(document.language) ?? null,
        mode: input.mode ?? "publish",
        addedBy: input.addedBy ?? null,
      });
      if (!stored.created) return { status: "exists", id: stored.id };
      deps.log.info({ feedId: stored.id, items: document.items.length }, "Feed added");
      deps.onDue?.();
      return { status: "added", id: stored.id, url, title: document.title ?? null };
    },

    list: (): Promise<FeedRecord[]> => feeds.list(),
    get: (id: number) => feeds.byId(id),
    remove: (id: number) => feeds.remove(id),
    pause: (id: number) => feeds.pause(id),
    async resume(id: number): Promise<boolean> {
      const done = await feeds.resume(id);
      if (done) deps.onDue?.();
      return done;
    },
    setReview: (id: number, on: boolean) => feeds.setMode(id, on ? "review" : "publish"),
    countByState: () => feeds.countByState(),

    /**
     * Adds every feed of an OPML file without fetching them one by one (a file may list hundreds):
     * each address is checked, then the fetcher reads them as they come due.
     */
    async importOpml(text: string, addedBy?: number | null): Promise<OpmlImportResult> {
      const entries = parseOpmlFeeds(text).slice(0, OPML_MAX_FEEDS);
      const result: OpmlImportResult = { added: 0, existing: 0, refused: [] };
      for (const entry of entries) {
        const parsed = parseUrl(entry.url);
        if ("error" in parsed) {
          result.refused.push({ url: entry.url.slice(0, 200), reason: parsed.error });
          continue;
        }
        try {
          await checkUrl(parsed.url, deps.policy, deps.lookup);
        } catch (error) {
          if (!(error instanceof RefusedUrlError)) throw error;
          result.refused.push({ url: parsed.url, reason: error.message });
          continue;
        }
        const topics = await resolveTopics(entry.categories);
        const stored = await feeds.add({ url: canonicalUrl(parsed.url) ?? parsed.url, title: entry.title ?? null, topics: topics.slugs, addedBy: addedBy ?? null });
        if (stored.created) result.added += 1;
        else result.existing += 1;
      }
      if (result.added > 0) deps.onDue?.();
      return result;
    },

    /** Every feed as OPML 2.0, with its topics as categories. */
    async exportOpml(now = new Date()): Promise<string> {
      const all = await feeds.list();
      return buildOpml(
        "News bot feeds",
        all.map((feed) => ({ url: feed.url, title: feed.title ?? undefined, siteUrl: feed.siteUrl ?? undefined, categories: feed.topics })),
        now,
      );
    },

    /** Publishes a review item (an admin pressed Publish); `gone` when it was handled already. */
    async publishReviewItem(itemId: number, adminId: number): Promise<PublishOutcome | { status: "gone" }> {
      const item = await feeds.takeReviewItem(itemId, "published");
      if (!item || !item.content) return { status: "gone" };
      const content = item.content as unknown as PublishInput & { publishedAt?: string };
      let outcome: PublishOutcome;
      try {
        outcome = await deps.publishing.publish({
          ...content,
          publishedAt: content.publishedAt ? new Date(content.publishedAt) : undefined,
          origin: "feed",
          createdBy: adminId,
        });
      } catch (error) {
        // Back in review: the admin can press Publish again once the database answers.
        await feeds.finishItem(item.id, { status: "review", content: item.content }).catch(() => {});
        throw error;
      }
      const articleId = outcome.status === "invalid" ? null : outcome.id;
      await feeds.finishItem(item.id, { status: outcome.status === "published" ? "published" : outcome.status === "duplicate" ? "duplicate" : "invalid", articleId });
      return outcome;
    },

    /** Drops a review item (an admin pressed Skip); false when it was handled already. */
    async skipReviewItem(itemId: number): Promise<boolean> {
      const item = await feeds.takeReviewItem(itemId, "skipped");
      if (item) await feeds.finishItem(item.id, { status: "skipped" });
      return item !== undefined;
    },

    reviewItem: (itemId: number) => feeds.itemById(itemId),
  };
}

export type FeedService = ReturnType<typeof createFeedService>;
