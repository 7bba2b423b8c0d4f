/**
 * Reads an article file for `npm run post`: optional YAML front matter (title, url, topics,
 * language, date, summary, site) between `---` lines, the body below. Without a title, the body's first
 * line is the title, as in Telegram.
 */
import { parse as parseYaml } from "yaml";

/** The JSON body for `POST /api/articles`. */
export interface ArticlePayload {
  title?: string;
  body: string;
  url?: string;
  topics?: string[];
  language?: string;
  publishedAt?: string;
  summary?: string;
  /** The outlet that published it. */
  site?: string;
}

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;
const KNOWN_KEYS = new Set(["title", "url", "topics", "language", "date", "summary", "site"]);

/** A file that cannot be turned into a request: the message says what to fix. */
export class ArticleFileError extends Error {
  override name = "ArticleFileError";
}

/** Parses the file's text; `warnings` name front matter keys that are ignored. */
export function parseArticleFile(text: string): { payload: ArticlePayload; warnings: string[] } {
  const match = FRONT_MATTER.exec(text);
  let meta: Record<string, unknown> = {};
  if (match) {
    let parsed: unknown;
    try {
      parsed = parseYaml(match[1]!);
    } catch (error) {
      throw new ArticleFileError(`The front matter is not valid YAML: ${(error as Error).message}`);
    }
    if (parsed !== null && (typeof parsed !== "object" || Array.isArray(parsed))) {
      throw new ArticleFileError("The front matter must be key: value lines (title, url, topics, language, date, summary, site).");
    }
    meta = (parsed ?? {}) as Record<string, unknown>;
  }
  let body = (match ? text.slice(match[0].length) : text).trim();
  const warnings = Object.keys(meta)
    .filter((key) => !KNOWN_KEYS.has(key))
    .map((key) => `Ignoring unknown front matter key "${key}" (known: ${[...KNOWN_KEYS].join(", ")}).`);

  let title = meta.title === undefined || meta.title === null ? undefined : String(meta.title);
  if (title === undefined && body) {
    const [first, ...rest] = body.split(/\r?\n/);
    title = first!.replace(/^#+\s*/, "").trim();
    body = rest.join("\n").trim();
  }
  const payload: ArticlePayload = { title, body };
  if (meta.url != null) payload.url = String(meta.url);
  if (meta.topics != null) {
    payload.topics = Array.isArray(meta.topics)
      ? meta.topics.map(String)
      : String(meta.topics)
          .split(",")
          .map((topic) => topic.trim())
          .filter(Boolean);
  }
  if (meta.language != null) payload.language = String(meta.language);
  if (meta.summary != null) payload.summary = String(meta.summary);
  if (meta.site != null) payload.site = String(meta.site);
  if (meta.date != null) payload.publishedAt = meta.date instanceof Date ? meta.date.toISOString() : String(meta.date);
  return { payload, warnings };
}
