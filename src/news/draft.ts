/**
 * Turns a free-form post (a Telegram message, a channel post) into a draft article: the first line
 * is the title, the rest the body, and the first web link anywhere in it the original article.
 */

export interface Draft {
  title: string;
  body: string;
  url?: string;
}

/** Longest title kept from a first line; longer first lines are cut at a word boundary. */
export const DRAFT_TITLE_MAX = 200;

const URL_PATTERN = /https?:\/\/[^\s<>"«»]+/i;

/**
 * Parses a post. `links` are URLs Telegram carries outside the text (text_link entities); a link
 * written in the text wins. Returns undefined when there is no text at all.
 */
export function parseDraft(text: string, links: string[] = []): Draft | undefined {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const first = lines.findIndex((line) => line.trim() !== "");
  if (first === -1) return undefined;
  const firstLine = lines[first]!.trim();
  const rest = lines.slice(first + 1).join("\n").trim();
  // A one-line post is its own body: the body is what readers get, and what duplicates are found by.
  const body = rest || firstLine;
  const inText = URL_PATTERN.exec(text)?.[0]?.replace(/[.,;:!?)\]]+$/, "");
  const url = inText ?? links.find((link) => /^https?:\/\//i.test(link));
  return { title: cutAtWord(firstLine, DRAFT_TITLE_MAX), body, url };
}

function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
