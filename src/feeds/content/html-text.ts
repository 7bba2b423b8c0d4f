import { parseHTML } from "linkedom";

// The repo compiles without lib.dom, so linkedom's own types arrive as `any`: these are the few
// members we rely on.
export interface DomNode {
  readonly nodeType: number;
  readonly childNodes: ArrayLike<DomNode>;
  readonly textContent: string | null;
}
export interface DomElement extends DomNode {
  readonly localName: string;
  getAttribute(name: string): string | null;
  querySelector(selectors: string): DomElement | null;
  querySelectorAll(selectors: string): ArrayLike<DomElement>;
}
export interface DomDocument {
  readonly documentElement: DomElement | null;
  readonly body: DomElement | null;
  querySelector(selectors: string): DomElement | null;
  querySelectorAll(selectors: string): ArrayLike<DomElement>;
}

/** Pages beyond this are cut: enough for any article, and it bounds parsing time and memory. */
export const MAX_HTML_CHARS = 3 * 1024 * 1024;

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/**
 * linkedom does no HTML5 tree repair: a fragment (or a page without <body>) gets its first element
 * as the document root, and text outside it is lost. Such input goes into the <body> of a shell.
 */
export function parseHtmlDocument(html: string): DomDocument {
  // Feed content is nearly always a fragment: skip the first parse for it.
  if (/<html[\s>]/i.test(html)) {
    const document = parseHTML(html).document as DomDocument;
    if (document.documentElement?.localName === "html" && document.querySelector("html > body")) {
      return document;
    }
  }
  const shell = parseHTML("<!DOCTYPE html><html><head></head><body></body></html>").document;
  shell.body.innerHTML = html;
  return shell as DomDocument;
}

/** Never text for a reader: code, chrome around the article, media, and captions. */
const SKIPPED = new Set([
  "head", "title", "meta", "link", "script", "style", "noscript", "template", "iframe", "object",
  "embed", "svg", "math", "canvas", "video", "audio", "img", "picture", "source", "form", "button",
  "input", "select", "textarea", "nav", "footer", "aside", "figcaption",
]);

/** Start a new paragraph. */
const PARAGRAPH_BLOCKS = new Set([
  "address", "article", "blockquote", "dd", "details", "div", "dl", "fieldset", "figure", "h1",
  "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "ol", "p", "pre", "section", "summary",
  "table", "ul",
]);

/** Start a new line inside the current paragraph. */
const LINE_BLOCKS = new Set(["li", "tr", "dt"]);

/** Cells are separated by a space so that neighbouring cells don't glue together. */
const CELLS = new Set(["td", "th"]);

class TextCollector {
  private readonly paragraphs: string[] = [];
  private current = "";

  text(value: string): void {
    this.current += value;
  }

  /** `<br>`: always a new line, so that `<br><br>` leaves an empty line (a paragraph break). */
  hardBreak(): void {
    this.current += "\n";
  }

  /** Block edges: at most one new line, however many blocks open or close here. */
  softBreak(): void {
    this.current = this.current.replace(/ +$/, "");
    if (this.current !== "" && !this.current.endsWith("\n")) this.current += "\n";
  }

  paragraphBreak(): void {
    let lines: string[] = [];
    const flush = (): void => {
      if (lines.length > 0) this.paragraphs.push(lines.join("\n"));
      lines = [];
    };
    for (const raw of this.current.split("\n")) {
      const line = raw.replace(/\s+/g, " ").trim();
      if (line === "") flush();
      else lines.push(line);
    }
    flush();
    this.current = "";
  }

  result(): string {
    this.paragraphBreak();
    return this.paragraphs.join("\n\n");
  }
}

function collect(node: DomNode, out: TextCollector): void {
  if (node.nodeType === TEXT_NODE) {
    // `\n` is our line-break marker, so source newlines become plain spaces.
    out.text((node.textContent ?? "").replace(/\s+/g, " "));
    return;
  }
  if (node.nodeType !== ELEMENT_NODE) return; // comments, doctype, processing instructions
  const name = (node as DomElement).localName;
  if (SKIPPED.has(name)) return;
  if (name === "br") {
    out.hardBreak();
    return;
  }
  const paragraph = PARAGRAPH_BLOCKS.has(name);
  const line = LINE_BLOCKS.has(name);
  if (paragraph) out.paragraphBreak();
  else if (line) out.softBreak();
  else if (CELLS.has(name)) out.text(" ");
  const children = node.childNodes;
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    if (child) collect(child, out);
  }
  if (paragraph) out.paragraphBreak();
  else if (line) out.softBreak();
}

/** Readable plain text of an HTML fragment or page: paragraphs separated by a blank line. */
export function htmlToText(html: string): string {
  if (html.trim() === "") return "";
  const document = parseHtmlDocument(html);
  const out = new TextCollector();
  if (document.body) collect(document.body, out);
  return out.result();
}

/** Endings by which feeds announce that the article goes on on the site (compared lowercased). */
const TEASER_ENDINGS = [
  "…",
  "...",
  "[…]",
  "[...]",
  "read more",
  "continue reading",
  "lire la suite",
  "читать далее",
  "читати далі",
];

const MIN_FULL_TEXT_CHARS = 600;
const MIN_FULL_TEXT_SENTENCES = 3;

/** The text ends with "Read more", "Lire la suite", an ellipsis…: the feed cut it short. */
export function endsLikeTeaser(text: string): boolean {
  // Arrows, guillemets and colons often trail a "read more" link.
  const ending = text.replace(/\s+/g, " ").trim().toLowerCase().replace(/[\s»›→>:]+$/u, "");
  return TEASER_ENDINGS.some((marker) => ending.endsWith(marker));
}

/**
 * Whether the text a feed gave for an item looks like a teaser, so the page has to be fetched
 * for the full article. `title` is discounted when the text merely repeats it.
 */
export function teaserLike(text: string, title?: string): boolean {
  let body = text.replace(/\s+/g, " ").trim();
  const heading = title?.replace(/\s+/g, " ").trim();
  if (heading && body.toLowerCase().startsWith(heading.toLowerCase())) {
    body = body.slice(heading.length).trim();
  }
  if (body.length < MIN_FULL_TEXT_CHARS) return true;
  if (endsLikeTeaser(body)) return true;
  const sentences = body.match(/[.!?…]+(?=\s|$)/gu)?.length ?? 0;
  return sentences < MIN_FULL_TEXT_SENTENCES;
}
