/**
 * A strict checker for what the bot sends with `parse_mode: "HTML"`, modelled on Telegram's parser
 * (https://core.telegram.org/bots/api#html-style): only its tags, properly nested and closed, only
 * its named entities (or numeric ones), no raw `<`, `>` or `&`, safe link targets, and a visible text
 * of 1–4096 characters. Stricter than Telegram where that is cheap (raw `>`, `javascript:` links):
 * whatever passes here, Telegram accepts.
 */

/** Telegram's limit for the visible text of one message. */
export const TELEGRAM_TEXT_LIMIT = 4096;

const SIMPLE_TAGS = new Set(["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "code", "pre", "tg-spoiler", "blockquote"]);
const NAMED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };
/** A UTF-16 surrogate without its partner. */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Link schemes the bot may send; `javascript:`, `data:` and friends are refused. */
const SAFE_HREF = /^(https?:\/\/|tg:\/\/|mailto:)/i;

export interface HtmlCheck {
  /** What is wrong; empty when Telegram would accept the message. */
  problems: string[];
  /** The text the user sees (tags removed, entities decoded). */
  visible: string;
}

/** Parses `html` like Telegram would and lists every problem found. */
export function checkTelegramHtml(html: string): HtmlCheck {
  const problems: string[] = [];
  const stack: string[] = [];
  let visible = "";
  let i = 0;
  const at = (index: number) => `at ${index} (…${JSON.stringify(html.slice(Math.max(0, index - 15), index + 25))}…)`;

  while (i < html.length) {
    const ch = html[i]!;
    if (ch === "<") {
      const end = html.indexOf(">", i);
      if (end < 0) {
        problems.push(`unclosed "<" ${at(i)}`);
        break;
      }
      const tag = html.slice(i + 1, end);
      const closing = /^\/([a-z-]+)$/.exec(tag);
      const opening = /^([a-z-]+)((?:\s+[a-z-]+(?:="[^"<>]*")?)*)\s*$/.exec(tag);
      if (closing) {
        const name = closing[1]!;
        const open = stack.pop();
        if (open !== name) problems.push(`</${name}> closes <${open ?? "nothing"}> ${at(i)}`);
      } else if (opening) {
        const name = opening[1]!;
        const attributes = parseAttributes(opening[2] ?? "");
        const problem = checkOpeningTag(name, attributes, stack);
        if (problem) problems.push(`${problem} ${at(i)}`);
        stack.push(name);
      } else {
        problems.push(`raw "<" or malformed tag ${at(i)}`);
      }
      i = end + 1;
      continue;
    }
    if (ch === "&") {
      const entity = /^&(?:([a-z]+)|#(\d{1,7})|#x([0-9a-f]{1,6}));/i.exec(html.slice(i, i + 12));
      if (!entity) {
        problems.push(`raw "&" ${at(i)}`);
        visible += "&";
        i += 1;
        continue;
      }
      if (entity[1] !== undefined) {
        const decoded = NAMED_ENTITIES[entity[1]];
        if (decoded === undefined) problems.push(`unsupported entity &${entity[1]}; ${at(i)}`);
        visible += decoded ?? "?";
      } else {
        const code = entity[2] !== undefined ? Number(entity[2]) : parseInt(entity[3]!, 16);
        if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || code === 0) problems.push(`invalid numeric entity ${at(i)}`);
        else visible += String.fromCodePoint(code);
      }
      i += entity[0].length;
      continue;
    }
    if (ch === ">") problems.push(`raw ">" ${at(i)}`);
    visible += ch;
    i += 1;
  }
  if (stack.length > 0) problems.push(`unclosed tags: ${stack.map((t) => `<${t}>`).join(" ")}`);

  // Telegram decodes the request as UTF-8: a lone surrogate cannot be encoded and fails the call.
  if (LONE_SURROGATE.test(html)) problems.push("contains a lone surrogate (not encodable as UTF-8)");
  if (visible.trim().length === 0) problems.push("empty visible text (Telegram refuses an empty message)");
  if (visible.length > TELEGRAM_TEXT_LIMIT) problems.push(`visible text is ${visible.length} characters (limit ${TELEGRAM_TEXT_LIMIT})`);
  return { problems, visible };
}

function parseAttributes(text: string): Map<string, string | undefined> {
  const attributes = new Map<string, string | undefined>();
  for (const match of text.matchAll(/([a-z-]+)(?:="([^"]*)")?/g)) attributes.set(match[1]!, match[2]);
  return attributes;
}

function checkOpeningTag(name: string, attributes: Map<string, string | undefined>, stack: string[]): string | undefined {
  if (stack.includes("pre") && !(name === "code" && stack.at(-1) === "pre")) return `<${name}> inside <pre>`;
  if (stack.includes("code")) return `<${name}> inside <code>`;
  const only = (...allowed: string[]) => [...attributes.keys()].every((key) => allowed.includes(key));
  if (name === "a") {
    if (stack.includes("a")) return "<a> inside <a>";
    const href = attributes.get("href");
    if (href === undefined || !only("href")) return "<a> needs exactly one href attribute";
    if (!SAFE_HREF.test(decodeNamed(href))) return `unsafe link target ${JSON.stringify(href)}`;
    return undefined;
  }
  if (name === "span") return attributes.get("class") === "tg-spoiler" && only("class") ? undefined : '<span> without class="tg-spoiler"';
  if (name === "code") return only("class") && (!attributes.has("class") || /^language-[\w+-]+$/.test(attributes.get("class") ?? "")) ? undefined : "bad <code> attribute";
  if (name === "blockquote") return only("expandable") ? undefined : "bad <blockquote> attribute";
  if (!SIMPLE_TAGS.has(name)) return `tag <${name}> is not allowed by Telegram`;
  return attributes.size === 0 ? undefined : `<${name}> takes no attributes`;
}

function decodeNamed(text: string): string {
  return text.replace(/&(lt|gt|amp|quot);/g, (_, name: string) => NAMED_ENTITIES[name]!);
}
