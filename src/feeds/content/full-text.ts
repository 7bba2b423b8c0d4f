import { isProbablyReaderable, Readability } from "@mozilla/readability";
import { absoluteHttpUrl } from "./canonical-url.js";
import { parseFeedDate } from "./dates.js";
import { documentBaseUrl } from "./discover.js";
import { htmlToText, MAX_HTML_CHARS, parseHtmlDocument, type DomDocument } from "./html-text.js";

export interface ExtractedPage {
  title?: string;
  /** htmlToText of the article body, or undefined when the page has nothing article-like */
  text?: string;
  /** absolute <link rel=canonical href> or og:url */
  canonicalUrl?: string;
  /** <html lang> */
  language?: string;
  siteName?: string;
  /** article:published_time meta when present */
  publishedAt?: Date;
}

/** The article of a fetched page, with its metadata; `{}` for anything unusable. */
export function extractArticle(html: string, pageUrl: string): ExtractedPage {
  try {
    return extract(html.slice(0, MAX_HTML_CHARS), pageUrl);
  } catch {
    // Readability over odd markup can throw; a page we can't read is just an empty result.
    return {};
  }
}

function extract(html: string, pageUrl: string): ExtractedPage {
  const document = parseHtmlDocument(html);
  const base = documentBaseUrl(document, pageUrl);
  // Metadata first: Readability rewrites the document as it goes.
  const canonicalHref = linkHref(document, "canonical");
  const page: ExtractedPage = {
    canonicalUrl: absoluteHttpUrl(canonicalHref, base) ?? absoluteHttpUrl(meta(document, "og:url"), base),
    language: nonEmpty(document.documentElement?.getAttribute("lang")),
    siteName: meta(document, "og:site_name"),
    publishedAt: parseFeedDate(meta(document, "article:published_time")),
  };
  const fallbackTitle = meta(document, "og:title") ?? nonEmpty(document.querySelector("title")?.textContent);

  // linkedom has no documentURI, and its baseURI is <base href> as written (maybe relative):
  // Readability resolves the article's links against these two.
  Object.defineProperty(document, "documentURI", { value: absoluteHttpUrl(pageUrl) ?? pageUrl });
  Object.defineProperty(document, "baseURI", { value: base ?? pageUrl });

  const readerable = isProbablyReaderable(document);
  const article = new Readability(document).parse();
  const text = readerable && article?.content ? htmlToText(article.content) || undefined : undefined;
  return withoutUndefined({
    ...page,
    title: nonEmpty(article?.title) ?? fallbackTitle,
    text,
    language: page.language ?? nonEmpty(article?.lang),
    siteName: page.siteName ?? nonEmpty(article?.siteName),
    publishedAt: page.publishedAt ?? parseFeedDate(article?.publishedTime),
  });
}

function nonEmpty(value: string | null | undefined): string | undefined {
  const trimmed = value?.replace(/\s+/g, " ").trim();
  return trimmed ? trimmed : undefined;
}

/** `<meta property=…>` (Open Graph) or `<meta name=…>`, matched case-insensitively. */
function meta(document: DomDocument, key: string): string | undefined {
  const metas = document.querySelectorAll("meta[content]");
  for (let i = 0; i < metas.length; i++) {
    const element = metas[i];
    const name = element?.getAttribute("property") ?? element?.getAttribute("name");
    if (name?.trim().toLowerCase() === key) return nonEmpty(element?.getAttribute("content"));
  }
  return undefined;
}

function linkHref(document: DomDocument, rel: string): string | undefined {
  const links = document.querySelectorAll("link[rel][href]");
  for (let i = 0; i < links.length; i++) {
    const link = links[i];
    const tokens = (link?.getAttribute("rel") ?? "").toLowerCase().split(/\s+/);
    if (tokens.includes(rel)) return nonEmpty(link?.getAttribute("href"));
  }
  return undefined;
}

function withoutUndefined(page: ExtractedPage): ExtractedPage {
  return Object.fromEntries(
    Object.entries(page).filter(([, value]) => value !== undefined),
  ) as ExtractedPage;
}
