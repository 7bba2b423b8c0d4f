import {
  DetectError,
  MalformedError,
  parseFeed,
  type AnyFeed,
  type AtomFeed,
  type JsonFeed,
  type MediaNs,
  type RdfFeed,
  type RssFeed,
  type SyNs,
} from "feedsmith";
import { absoluteHttpUrl } from "./canonical-url.js";
import { parseFeedDate } from "./dates.js";
import { looksLikeHtml } from "./discover.js";
import { htmlToText } from "./html-text.js";

export interface FeedDocument {
  format: "rss" | "atom" | "rdf" | "json";
  title?: string;
  siteUrl?: string;
  language?: string;
  /** RSS <ttl> (minutes) converted to seconds, or sy:updatePeriod/updateFrequency */
  ttlSeconds?: number;
  items: FeedItem[];
}

export interface FeedItem {
  guid?: string;
  guidIsPermaLink: boolean;
  /** absolute http(s), resolved against xml:base, the site URL or the feed URL */
  link?: string;
  /** plain text */
  title?: string;
  publishedAt?: Date;
  /** content:encoded / atom content / content_html: the full article HTML when present */
  contentHtml?: string;
  /** description / atom summary / content_text or summary (plain text escaped into HTML) */
  summaryHtml?: string;
  author?: string;
  categories: string[];
  imageUrl?: string;
  language?: string;
}

export type FeedParseErrorKind = "malformed" | "html" | "not-feed";

export class FeedParseError extends Error {
  override readonly name = "FeedParseError";

  constructor(
    /** "html": the URL gave a web page, where feed discovery may find the feed. */
    readonly kind: FeedParseErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Items kept per fetch, from the top of the document (feeds list the newest first). */
export const MAX_FEED_ITEMS = 200;

export function parseFeedDocument(text: string, options: { feedUrl?: string } = {}): FeedDocument {
  const source = text.replace(/^\uFEFF/, "");
  if (source.trim() === "") throw new FeedParseError("not-feed", "The feed is empty");
  if (looksLikeHtml(source)) {
    throw new FeedParseError("html", "This is an HTML page, not a feed");
  }
  let parsed: AnyFeed;
  try {
    parsed = parseFeed(source, { maxItems: MAX_FEED_ITEMS });
  } catch (error) {
    throw toFeedParseError(error, source);
  }
  const feedUrl = absoluteHttpUrl(options.feedUrl);
  switch (parsed.format) {
    case "rss":
      return fromRss(parsed.feed, feedUrl);
    case "atom":
      return fromAtom(parsed.feed, feedUrl);
    case "rdf":
      return fromRdf(parsed.feed, feedUrl);
    case "json":
      return fromJson(parsed.feed, feedUrl);
  }
}

function toFeedParseError(error: unknown, source: string): FeedParseError {
  if (error instanceof MalformedError) {
    const detail = error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return new FeedParseError("malformed", `The feed is not well-formed XML${detail}`, {
      cause: error,
    });
  }
  if (error instanceof DetectError && /^\s*[[{]/.test(source)) {
    try {
      JSON.parse(source);
    } catch (jsonError) {
      return new FeedParseError("malformed", "The feed is not valid JSON", { cause: jsonError });
    }
  }
  return new FeedParseError("not-feed", "This is not an RSS, Atom, RDF or JSON feed", {
    cause: error,
  });
}

// ---- RSS 0.9x/2.0 -------------------------------------------------------------------------

function fromRss(feed: RssFeed.Feed<string>, feedUrl: string | undefined): FeedDocument {
  const xmlBase = absoluteHttpUrl(feed.xml?.base, feedUrl);
  const siteUrl = absoluteHttpUrl(feed.link, xmlBase ?? feedUrl);
  // RSS has no base of its own: relative item links are read against the site, as readers do.
  const base = xmlBase ?? siteUrl ?? feedUrl;
  return {
    format: "rss",
    title: markupTitle(feed.title),
    siteUrl,
    language: first(feed.language, feed.dc?.languages?.[0], feed.xml?.lang),
    ttlSeconds: feed.ttl && feed.ttl > 0 ? Math.round(feed.ttl * 60) : syndicationSeconds(feed.sy),
    items: (feed.items ?? []).slice(0, MAX_FEED_ITEMS).map((item) => rssItem(item, base)),
  };
}

function rssItem(item: RssFeed.Item<string>, feedBase: string | undefined): FeedItem {
  const base = absoluteHttpUrl(item.xml?.base, feedBase) ?? feedBase;
  const guid = nonEmpty(item.guid?.value);
  // RSS 2.0: a guid is a permalink unless it says isPermaLink="false".
  const guidIsPermaLink = guid !== undefined && item.guid?.isPermaLink !== false;
  const author = item.authors?.[0];
  return {
    guid,
    guidIsPermaLink,
    link: absoluteHttpUrl(item.link, base) ?? (guidIsPermaLink ? absoluteHttpUrl(guid, base) : undefined),
    title: markupTitle(item.title),
    publishedAt: parseFeedDate(item.pubDate) ?? parseFeedDate(item.dc?.dates?.[0]),
    contentHtml: nonEmpty(item.content?.encoded),
    summaryHtml: nonEmpty(item.description),
    author: first(item.dc?.creators?.[0], author?.name, author?.email, item.itunes?.author),
    categories: uniqueLabels([
      ...(item.categories ?? []).map((category) => category.name),
      ...(item.dc?.subjects ?? []),
    ]),
    imageUrl: absoluteHttpUrl(
      first(
        item.enclosures?.find((enclosure) => isImage(enclosure.url, enclosure.type))?.url,
        mediaImage(item.media),
        item.itunes?.image,
      ),
      base,
    ),
    language: first(item.dc?.languages?.[0], item.xml?.lang),
  };
}

// ---- RDF / RSS 1.0 --------------------------------------------------------------------------

function fromRdf(feed: RdfFeed.Feed<string>, feedUrl: string | undefined): FeedDocument {
  const xmlBase = absoluteHttpUrl(feed.xml?.base, feedUrl);
  const siteUrl = absoluteHttpUrl(feed.link, xmlBase ?? feedUrl);
  const base = xmlBase ?? siteUrl ?? feedUrl;
  return {
    format: "rdf",
    title: markupTitle(feed.title),
    siteUrl,
    language: first(feed.dc?.languages?.[0], feed.xml?.lang),
    ttlSeconds: syndicationSeconds(feed.sy),
    items: (feed.items ?? []).slice(0, MAX_FEED_ITEMS).map((item) => rdfItem(item, base)),
  };
}

function rdfItem(item: RdfFeed.Item<string>, feedBase: string | undefined): FeedItem {
  const base = absoluteHttpUrl(item.xml?.base, feedBase) ?? feedBase;
  return {
    guid: nonEmpty(item.rdf?.about),
    guidIsPermaLink: false,
    link: absoluteHttpUrl(item.link, base) ?? absoluteHttpUrl(item.rdf?.about, base),
    title: markupTitle(item.title),
    publishedAt: parseFeedDate(item.dc?.dates?.[0]),
    contentHtml: nonEmpty(item.content?.encoded),
    summaryHtml: nonEmpty(item.description),
    author: first(item.dc?.creators?.[0]),
    categories: uniqueLabels(item.dc?.subjects ?? []),
    imageUrl: absoluteHttpUrl(mediaImage(item.media), base),
    language: first(item.dc?.languages?.[0], item.xml?.lang),
  };
}

// ---- Atom 0.3/1.0 ---------------------------------------------------------------------------

function fromAtom(feed: AtomFeed.Feed<string>, feedUrl: string | undefined): FeedDocument {
  // Atom resolves against xml:base, then the document's own URL (RFC 4287 §2).
  const documentBase = absoluteHttpUrl(feed.xml?.base, feedUrl) ?? feedUrl;
  const siteUrl = absoluteHttpUrl(alternateLink(feed.links), documentBase);
  const base = documentBase ?? siteUrl;
  const feedAuthor = feed.authors?.[0]?.name;
  return {
    format: "atom",
    title: atomTitle(feed.title),
    siteUrl,
    language: first(feed.xml?.lang, feed.dc?.languages?.[0]),
    ttlSeconds: syndicationSeconds(feed.sy),
    items: (feed.entries ?? [])
      .slice(0, MAX_FEED_ITEMS)
      .map((entry) => atomEntry(entry, base, feedAuthor)),
  };
}

function atomEntry(
  entry: AtomFeed.Entry<string>,
  feedBase: string | undefined,
  feedAuthor: string | undefined,
): FeedItem {
  const base = absoluteHttpUrl(entry.xml?.base, feedBase) ?? feedBase;
  const enclosure = entry.links?.find(
    (link) => link.rel?.toLowerCase() === "enclosure" && isImage(link.href, link.type),
  );
  return {
    guid: nonEmpty(entry.id),
    guidIsPermaLink: false,
    link: absoluteHttpUrl(alternateLink(entry.links), base),
    title: atomTitle(entry.title),
    publishedAt: parseFeedDate(entry.published) ?? parseFeedDate(entry.updated),
    contentHtml: atomHtml(entry.content),
    summaryHtml: atomHtml(entry.summary),
    author: first(entry.authors?.[0]?.name, entry.dc?.creators?.[0], feedAuthor),
    categories: uniqueLabels(
      (entry.categories ?? []).map((category) => category.label ?? category.term),
    ),
    imageUrl: absoluteHttpUrl(first(enclosure?.href, mediaImage(entry.media)), base),
    language: first(entry.xml?.lang),
  };
}

/** rel="alternate" (the default rel), preferring an HTML page over other media types. */
function alternateLink(links: AtomFeed.Link<string>[] | undefined): string | undefined {
  const alternates = (links ?? []).filter((link) => (link.rel ?? "alternate") === "alternate");
  const html = alternates.find((link) => !link.type || /html/i.test(link.type));
  return (html ?? alternates[0])?.href;
}

function atomTitle(title: AtomFeed.Text | undefined): string | undefined {
  if (!title) return undefined;
  return /html/i.test(title.type ?? "") ? plainText(htmlToText(title.value)) : plainText(title.value);
}

/** Atom text constructs as HTML: html/xhtml as they are, text escaped; out-of-line `src` ignored. */
function atomHtml(content: AtomFeed.Content | undefined): string | undefined {
  if (!content?.value || content.src) return undefined;
  const type = (content.type ?? "text").toLowerCase();
  if (type === "text" || type === "text/plain") return textToHtml(content.value);
  return /html/.test(type) ? nonEmpty(content.value) : undefined;
}

// ---- JSON Feed 1.0/1.1 ----------------------------------------------------------------------

function fromJson(feed: JsonFeed.Feed<string>, feedUrl: string | undefined): FeedDocument {
  const documentUrl = feedUrl ?? absoluteHttpUrl(feed.feed_url);
  const siteUrl = absoluteHttpUrl(feed.home_page_url, documentUrl);
  const base = siteUrl ?? documentUrl;
  const feedAuthor = feed.authors?.[0]?.name;
  return {
    format: "json",
    title: plainText(feed.title),
    siteUrl,
    language: first(feed.language),
    items: (feed.items ?? [])
      .slice(0, MAX_FEED_ITEMS)
      .map((item) => jsonItem(item, base, feedAuthor)),
  };
}

function jsonItem(
  item: JsonFeed.Item<string>,
  base: string | undefined,
  feedAuthor: string | undefined,
): FeedItem {
  const text = nonEmpty(item.content_text) ?? nonEmpty(item.summary);
  return {
    guid: nonEmpty(item.id),
    guidIsPermaLink: false,
    // external_url is what a link-blog post points at: the only link some items have.
    link: absoluteHttpUrl(item.url, base) ?? absoluteHttpUrl(item.external_url, base),
    // JSON Feed titles are plain text by the spec: no entity decoding.
    title: plainText(item.title),
    publishedAt: parseFeedDate(item.date_published) ?? parseFeedDate(item.date_modified),
    contentHtml: nonEmpty(item.content_html),
    summaryHtml: text === undefined ? undefined : textToHtml(text),
    author: first(item.authors?.[0]?.name, feedAuthor),
    categories: uniqueLabels(item.tags ?? []),
    imageUrl: absoluteHttpUrl(
      first(
        item.image,
        item.banner_image,
        item.attachments?.find((attachment) => isImage(attachment.url, attachment.mime_type))?.url,
      ),
      base,
    ),
    language: first(item.language),
  };
}

// ---- shared ---------------------------------------------------------------------------------

function nonEmpty(value: string | undefined | null): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function first(...values: (string | undefined | null)[]): string | undefined {
  for (const value of values) {
    const found = nonEmpty(value);
    if (found) return found;
  }
  return undefined;
}

/** One line of plain text. */
function plainText(value: string | undefined): string | undefined {
  return nonEmpty(value?.replace(/\s+/g, " "));
}

/** RSS/RDF titles are nominally plain but often carry tags or a second layer of entities. */
function markupTitle(value: string | undefined): string | undefined {
  if (!value) return undefined;
  return plainText(/[<&]/.test(value) ? htmlToText(value) : value);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Plain text as HTML paragraphs, so that both summary fields mean the same thing. */
function textToHtml(text: string): string | undefined {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, "<br>")}</p>`);
  return paragraphs.length > 0 ? paragraphs.join("\n") : undefined;
}

function uniqueLabels(values: (string | undefined)[]): string[] {
  const labels = new Map<string, string>();
  for (const value of values) {
    const label = plainText(value);
    if (label && !labels.has(label.toLowerCase())) labels.set(label.toLowerCase(), label);
  }
  return [...labels.values()];
}

const IMAGE_PATH = /\.(?:jpe?g|png|gif|webp|avif)$/i;

/** By media type, or by file extension when the feed gives no type. */
function isImage(url: string | undefined, type: string | undefined): boolean {
  if (!url) return false;
  if (type) return type.toLowerCase().startsWith("image/");
  try {
    return IMAGE_PATH.test(new URL(url, "http://relative.invalid/").pathname);
  } catch {
    return false;
  }
}

function mediaImage(media: MediaNs.ItemOrFeed | undefined): string | undefined {
  if (!media) return undefined;
  const contents = [
    ...(media.contents ?? []),
    ...(media.groups ?? []).flatMap((group) => group.contents ?? []),
  ];
  const image = contents.find((content) =>
    content.medium ? content.medium === "image" && !!content.url : isImage(content.url, content.type),
  );
  return first(
    image?.url,
    media.thumbnails?.[0]?.url,
    ...contents.map((content) => content.thumbnails?.[0]?.url),
  );
}

const SYNDICATION_PERIODS: Readonly<Record<string, number>> = {
  hourly: 3600,
  daily: 86_400,
  weekly: 7 * 86_400,
  monthly: 30 * 86_400,
  yearly: 365 * 86_400,
};

/** sy:updatePeriod (default daily) divided by sy:updateFrequency (default 1). */
function syndicationSeconds(sy: SyNs.Feed<string> | undefined): number | undefined {
  if (!sy || (sy.updatePeriod === undefined && sy.updateFrequency === undefined)) return undefined;
  const period = SYNDICATION_PERIODS[(sy.updatePeriod ?? "daily").trim().toLowerCase()];
  const frequency = sy.updateFrequency ?? 1;
  if (period === undefined || !(frequency > 0)) return undefined;
  return Math.round(period / frequency);
}
