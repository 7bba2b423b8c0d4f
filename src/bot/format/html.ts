/**
 * HTML for Telegram's `parse_mode: "HTML"`: every piece of user or article text goes through
 * `escapeHtml`, and long messages are split between blocks, never inside a tag.
 */

/** Telegram's limit for a text message. */
export const MESSAGE_LIMIT = 4096;

/** A UTF-16 surrogate without its partner: it cannot be encoded as UTF-8. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Escapes the three characters Telegram's HTML parser treats specially. Lone surrogates (a forged
 * update, or user text cut in the middle of an emoji) become U+FFFD: Telegram refuses the whole
 * message with 400 "text must be encoded in UTF-8" otherwise.
 */
export function escapeHtml(text: string): string {
  return text.replace(LONE_SURROGATE, "\uFFFD").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Escapes a value for a double-quoted attribute. */
function escapeAttribute(text: string): string {
  return escapeHtml(text).replace(/"/g, "&quot;");
}

export const bold = (text: string) => `<b>${escapeHtml(text)}</b>`;
export const italic = (text: string) => `<i>${escapeHtml(text)}</i>`;
export const code = (text: string) => `<code>${escapeHtml(text)}</code>`;
export const quote = (text: string) => `<blockquote>${escapeHtml(text)}</blockquote>`;

/** A link; only http(s) URLs become anchors, anything else is shown as plain text. */
export function link(url: string, text?: string): string {
  if (!/^https?:\/\//i.test(url)) return escapeHtml(text ?? url);
  return `<a href="${escapeAttribute(url)}">${escapeHtml(text ?? url)}</a>`;
}

/** Shortens plain text to `max` characters at a word boundary, with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  // Never cut between the two halves of an emoji or other astral character.
  const cut = text.slice(0, /[\uD800-\uDBFF]/.test(text[max - 2] ?? "") ? max - 2 : max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * Splits plain text into pieces of at most `max` characters, preferring paragraph, then sentence,
 * then word boundaries. Used before escaping, so no entity is ever cut.
 */
export function splitPlainText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const window = rest.slice(0, max);
    const at =
      lastBreak(window, /\n\s*\n/g, max * 0.5) ??
      lastBreak(window, /[.!?…»"]\s/g, max * 0.5) ??
      lastBreak(window, /\s/g, max * 0.3) ??
      max;
    pieces.push(rest.slice(0, at).trim());
    rest = rest.slice(at).trim();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

function lastBreak(window: string, pattern: RegExp, minimum: number): number | undefined {
  let found: number | undefined;
  for (const match of window.matchAll(pattern)) {
    const end = match.index + match[0].length;
    if (end >= minimum) found = end;
  }
  return found;
}

/**
 * Packs HTML blocks (each self-contained: tags opened and closed inside it) into messages of at most
 * `limit` characters, separated by blank lines. A block longer than the limit on its own is cut
 * by `splitOversized`, which must return self-contained blocks.
 */
export function packBlocks(blocks: string[], limit = MESSAGE_LIMIT): string[] {
  const messages: string[] = [];
  let current = "";
  for (const block of blocks.filter((b) => b.length > 0)) {
    for (const piece of block.length > limit ? splitOversized(block, limit) : [block]) {
      const joined = current ? `${current}\n\n${piece}` : piece;
      if (joined.length <= limit) {
        current = joined;
      } else {
        if (current) messages.push(current);
        current = piece;
      }
    }
  }
  if (current) messages.push(current);
  return messages;
}

/** Last resort for an oversized block: drop its markup and split the text. */
function splitOversized(block: string, limit: number): string[] {
  const text = htmlToText(block);
  return splitPlainText(text, Math.floor(limit / 2)).map(escapeHtml);
}

/** The visible text of Telegram HTML (tags removed, entities decoded); links keep their URL. */
export function htmlToText(html: string): string {
  return html
    .replace(/<a href="([^"]*)">([\s\S]*?)<\/a>/g, (_, href: string, text: string) => {
      const url = decodeEntities(href);
      const label = decodeEntities(text.replace(/<[^>]+>/g, ""));
      return label === url ? url : `${label} (${url})`;
    })
    .replace(/<blockquote>([\s\S]*?)<\/blockquote>/g, (_, text: string) => `│ ${text}`)
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;|&gt;|&quot;|&amp;/g, (entity) => ENTITIES[entity]!);
}

const ENTITIES: Record<string, string> = { "&lt;": "<", "&gt;": ">", "&quot;": '"', "&amp;": "&" };

function decodeEntities(text: string): string {
  return text.replace(/&lt;|&gt;|&quot;|&amp;/g, (entity) => ENTITIES[entity]!);
}
