import { absoluteHttpUrl } from "./canonical-url.js";
import { MAX_HTML_CHARS, parseHtmlDocument, type DomDocument } from "./html-text.js";

export interface DiscoveredFeed {
  url: string;
  title?: string;
  type: string;
}

const FEED_TYPES: ReadonlySet<string> = new Set([
  "application/rss+xml",
  "application/atom+xml",
  "application/feed+json",
  "application/json",
  "application/rdf+xml",
]);

/** The URL that relative hrefs of the page resolve against: its <base href>, if any. */
export function documentBaseUrl(document: DomDocument, pageUrl: string): string | undefined {
  const page = absoluteHttpUrl(pageUrl);
  const base = document.querySelector("base[href]")?.getAttribute("href");
  return absoluteHttpUrl(base, page) ?? page;
}

function relTokens(value: string | null): string[] {
  return (value ?? "").toLowerCase().split(/\s+/).filter(Boolean);
}

/** The feeds a page advertises with `<link rel="alternate" type=…>`, in document order. */
export function discoverFeedLinks(html: string, pageUrl: string): DiscoveredFeed[] {
  const document = parseHtmlDocument(html.slice(0, MAX_HTML_CHARS));
  const base = documentBaseUrl(document, pageUrl);
  const found: DiscoveredFeed[] = [];
  const seen = new Set<string>();
  const links = document.querySelectorAll("link[href]");
  for (let i = 0; i < links.length; i++) {
    const link = links[i];
    if (!link || !relTokens(link.getAttribute("rel")).includes("alternate")) continue;
    const type = (link.getAttribute("type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
    if (!FEED_TYPES.has(type)) continue;
    const url = absoluteHttpUrl(link.getAttribute("href"), base);
    // WordPress advertises its REST API record of the page as application/json: not a feed.
    if (!url || seen.has(url) || (type === "application/json" && url.includes("/wp-json/"))) {
      continue;
    }
    seen.add(url);
    const title = link.getAttribute("title")?.replace(/\s+/g, " ").trim();
    found.push(title ? { url, title, type } : { url, type });
  }
  return found;
}

const HTML_ROOTS: ReadonlySet<string> = new Set([
  "html", "head", "body", "meta", "link", "title", "base", "script", "style", "noscript", "div",
  "p", "a", "span", "table", "iframe", "center", "h1",
]);
const FEED_ROOTS: ReadonlySet<string> = new Set(["rss", "feed", "rdf:rdf", "rdf", "opml"]);

/** What the document starts with: a doctype or element name, "json", or undefined (plain text). */
function firstMarkup(text: string): string | undefined {
  let rest = text.replace(/^[\uFEFF\s]+/, "");
  for (;;) {
    if (rest.startsWith("{") || rest.startsWith("[")) return "json";
    if (!rest.startsWith("<")) return undefined;
    const skipTo = rest.startsWith("<?") ? "?>" : rest.startsWith("<!--") ? "-->" : undefined;
    if (!skipTo) break;
    const end = rest.indexOf(skipTo);
    if (end < 0) return undefined;
    rest = rest.slice(end + skipTo.length).trimStart();
  }
  const doctype = /^<!doctype\s+([^\s>[]+)/i.exec(rest);
  if (doctype) return `!${doctype[1]?.toLowerCase()}`;
  return /^<([a-z][\w:.-]*)/i.exec(rest)?.[1]?.toLowerCase();
}

/**
 * Whether a response is a web page rather than a feed. The content decides when it can (servers
 * often send feeds as text/html); the media type only settles documents that start otherwise.
 */
export function looksLikeHtml(text: string, mediaType?: string): boolean {
  const first = firstMarkup(text.slice(0, 64 * 1024));
  if (first === "!html") return true;
  if (first === "json" || (first?.startsWith("!") ?? false)) return false;
  if (first !== undefined && HTML_ROOTS.has(first)) return true;
  if (first !== undefined && FEED_ROOTS.has(first)) return false;
  return /html/i.test(mediaType ?? "");
}
