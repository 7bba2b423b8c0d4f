import { generateOpml, parseOpml, ParseError, type Opml } from "feedsmith";
import { absoluteHttpUrl } from "./canonical-url.js";

export interface OpmlFeed {
  url: string;
  title?: string;
  categories: string[];
}

export interface OpmlExportFeed {
  url: string;
  title?: string;
  siteUrl?: string;
  categories?: string[];
}

export class OpmlParseError extends Error {
  override readonly name = "OpmlParseError";
}

type Outline = Opml.Outline<string>;

/** Lists the feeds of an OPML file (nested folders become categories), each URL once. */
export function parseOpmlFeeds(text: string): OpmlFeed[] {
  let document: Opml.Document<string>;
  try {
    document = parseOpml(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    // feedsmith rejects an <opml> whose body has no outline: that is an empty list, not an error.
    if (error instanceof ParseError && isOpmlRoot(text)) return [];
    throw new OpmlParseError("This is not a valid OPML file", { cause: error });
  }
  const feeds = new Map<string, OpmlFeed>();
  const visit = (outlines: Outline[] | undefined, folders: string[]): void => {
    for (const outline of outlines ?? []) {
      const name = clean(outline.title) ?? clean(outline.text);
      const url = absoluteHttpUrl(outline.xmlUrl);
      if (url) {
        const categories = unique([...folders, ...splitCategories(outline.category)]);
        const known = feeds.get(url);
        if (known) known.categories = unique([...known.categories, ...categories]);
        else feeds.set(url, name ? { url, title: name, categories } : { url, categories });
      }
      // Only outlines without a feed of their own are folders.
      visit(outline.outlines, url || !name ? folders : [...folders, name]);
    }
  };
  visit(document.body?.outlines, []);
  return [...feeds.values()];
}

/** An OPML 2.0 subscription list, one flat `type="rss"` outline per feed. */
export function buildOpml(title: string, feeds: OpmlExportFeed[], now: Date): string {
  const outlines: Outline[] = feeds.map((feed) => {
    const name = clean(feed.title) ?? feed.url;
    const categories = unique(feed.categories ?? []);
    return {
      type: "rss",
      text: name,
      title: name,
      xmlUrl: feed.url,
      ...(feed.siteUrl ? { htmlUrl: feed.siteUrl } : {}),
      ...(categories.length > 0 ? { category: categories.join(",") } : {}),
    };
  });
  if (outlines.length === 0) return emptyOpml(title, now);
  return generateOpml({ head: { title, dateCreated: now }, body: { outlines } });
}

/** feedsmith refuses to generate a body without outlines, so the empty list is written here. */
function emptyOpml(title: string, now: Date): string {
  const escaped = title.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<opml version="2.0">',
    `  <head>\n    <title>${escaped}</title>\n    <dateCreated>${now.toUTCString()}</dateCreated>\n  </head>`,
    "  <body/>",
    "</opml>",
    "",
  ].join("\n");
}

function isOpmlRoot(text: string): boolean {
  return /^[\uFEFF\s]*(?:<\?[\s\S]*?\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<opml[\s>]/i.test(text);
}

function clean(value: string | undefined): string | undefined {
  const trimmed = value?.replace(/\s+/g, " ").trim();
  return trimmed ? trimmed : undefined;
}

/** OPML 2.0 writes "/Folder/Sub,/Other"; both separators split here. */
function splitCategories(value: string | undefined): string[] {
  return (value ?? "").split(/[,/]/).flatMap((part) => clean(part) ?? []);
}

function unique(values: string[]): string[] {
  const seen = new Map<string, string>();
  for (const value of values) {
    const label = clean(value);
    if (label && !seen.has(label.toLowerCase())) seen.set(label.toLowerCase(), label);
  }
  return [...seen.values()];
}
