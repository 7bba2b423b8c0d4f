/**
 * From a parsed feed item to what the bot stores: its identity within the feed, its canonical
 * link, its text (the feed's own content, or the article page when the feed only gives a teaser),
 * bounded to what an article may hold.
 */
import { createHash } from "node:crypto";
import { BODY_MAX, TITLE_MAX } from "../news/article-request.js";
import { canonicalUrl } from "./content/canonical-url.js";
import { endsLikeTeaser, htmlToText, teaserLike } from "./content/html-text.js";
import type { FeedItem } from "./content/parse-feed.js";

/** PostgreSQL text cannot hold U+0000; a lone surrogate cannot be encoded as UTF-8. */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text safe to store, at most `max` characters (cut at a word, with an ellipsis). */
export function storable(text: string, max: number): string {
  const clean = text.replace(UNSTORABLE, "").trim();
  if (clean.length <= max) return clean;
  // Never half of a surrogate pair at the end: it could not be stored either.
  const cut = clean.slice(0, max - 1).replace(/[\uD800-\uDBFF]$/, "");
  const space = cut.lastIndexOf(" ");
  return `${space > max * 0.8 ? cut.slice(0, space) : cut}…`;
}

/**
 * The item's key within its feed: its guid, else its canonical link, else a hash of its title and
 * text. A permalink guid is canonicalised like a link, so `?utm_…` variants are one item.
 */
export function guidKeyOf(item: FeedItem): string | undefined {
  const guid = item.guid?.trim();
  if (guid) {
    const asUrl = /^https?:\/\//i.test(guid) ? canonicalUrl(guid) : undefined;
    return (asUrl ?? guid).slice(0, 1000);
  }
  const link = item.link ? canonicalUrl(item.link) : undefined;
  if (link) return link.slice(0, 1000);
  const text = `${item.title ?? ""}\n${item.contentHtml ?? item.summaryHtml ?? ""}`.trim();
  if (!text) return undefined;
  return `sha256:${createHash("sha256").update(text).digest("hex")}`;
}

/** The item's text from the feed itself: its full content when given, else its summary. */
export function feedTextOf(item: FeedItem): string {
  const content = item.contentHtml ? htmlToText(item.contentHtml) : "";
  const summary = item.summaryHtml ? htmlToText(item.summaryHtml) : "";
  return content.length >= summary.length ? content : summary;
}

/** A feed's full content (content:encoded, Atom content) shorter than this is still a teaser. */
const SHORT_CONTENT_CHARS = 200;

/**
 * True when the feed's text is only a teaser and the page is worth fetching. A feed that gives
 * full content is trusted (a short news item is still the whole item) unless that content is
 * tiny or ends like a teaser ("Read more…").
 */
export function needsPage(item: FeedItem, feedText: string): boolean {
  if (!item.link) return false;
  const content = item.contentHtml ? htmlToText(item.contentHtml) : "";
  if (content.length >= SHORT_CONTENT_CHARS && content.length >= feedText.length) return endsLikeTeaser(content);
  return teaserLike(feedText, item.title);
}

/** What an item becomes: an article request (checked again by the publishing service). */
export interface ItemArticle {
  title: string;
  body: string;
  url?: string;
  publishedAt?: Date;
  language?: string;
  tags: string[];
}

/**
 * Builds the article of an item from the best text found (the page's when it is longer than the
 * feed's). The title falls back to the text's first words; an item with no text at all is none.
 */
export function itemArticle(item: FeedItem, text: string, options: { url?: string; language?: string | null; now: Date }): ItemArticle | undefined {
  const body = storable(text, BODY_MAX);
  const title = storable(item.title?.trim() || body.split(/\n/)[0]?.slice(0, 120) || "", TITLE_MAX);
  if (!title || !body) return undefined;
  // A date in the future (a wrong time zone) would pin the item at the top of /latest.
  const published = item.publishedAt && item.publishedAt.getTime() <= options.now.getTime() ? item.publishedAt : undefined;
  const language = primaryLanguage(item.language ?? options.language ?? undefined);
  return {
    title,
    body,
    url: options.url,
    publishedAt: published,
    language,
    tags: [...new Set(item.categories.map((c) => storable(c, 100)).filter(Boolean))].slice(0, 20),
  };
}

/** "en-US" → "en"; anything that is not a language tag → undefined. */
export function primaryLanguage(tag: string | undefined): string | undefined {
  const match = tag ? /^([a-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$/i.exec(tag.trim()) : null;
  return match ? match[1]!.toLowerCase() : undefined;
}
