/**
 * Turns a fetched body into text. Feeds in windows-1251 or KOI8-R are still common, and the
 * encoding may be declared in the BOM, the Content-Type, the XML declaration or an HTML <meta>.
 */
import { TextDecoder } from "node:util";

export type BodyKind = "xml" | "html" | "json";

// How far into the body the in-document declarations are looked for.
const XML_SNIFF_BYTES = 1024;
const HTML_SNIFF_BYTES = 2048;

/** The media type without parameters, lowercased ("application/rss+xml"). */
export function mediaTypeOf(contentType?: string): string | undefined {
  const type = contentType?.split(";")[0]?.trim().toLowerCase();
  return type === "" ? undefined : type;
}

/** The charset parameter of a Content-Type, unquoted. */
function charsetParameter(contentType: string | undefined): string | undefined {
  for (const parameter of (contentType ?? "").split(";").slice(1)) {
    const [name, value] = parameter.split("=", 2);
    if (name?.trim().toLowerCase() === "charset" && value !== undefined) {
      const charset = value.trim().replace(/^"(.*)"$/, "$1").trim();
      if (charset !== "") return charset;
    }
  }
  return undefined;
}

function bomEncoding(body: Buffer): string | undefined {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return "utf-8";
  if (body[0] === 0xff && body[1] === 0xfe) return "utf-16le";
  if (body[0] === 0xfe && body[1] === 0xff) return "utf-16be";
  return undefined;
}

/** A declaration read from ASCII-compatible bytes cannot be right about UTF-16 (as in HTML). */
function asciiCompatible(label: string | undefined): string | undefined {
  return label !== undefined && /^utf-?16/i.test(label) ? "utf-8" : label;
}

function xmlDeclaredEncoding(body: Buffer): string | undefined {
  // A UTF-16 document without a BOM still starts "<?" (XML 1.0, appendix F).
  if (body[0] === 0x3c && body[1] === 0x00 && body[2] === 0x3f && body[3] === 0x00) return "utf-16le";
  if (body[0] === 0x00 && body[1] === 0x3c && body[2] === 0x00 && body[3] === 0x3f) return "utf-16be";
  const head = body.subarray(0, XML_SNIFF_BYTES).toString("latin1");
  const match = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return asciiCompatible(match?.[1]);
}

function htmlDeclaredEncoding(body: Buffer): string | undefined {
  const head = body.subarray(0, HTML_SNIFF_BYTES).toString("latin1");
  // Each <meta> tag on its own: covers <meta charset=…> and <meta http-equiv … content="…; charset=…">.
  const metaTag = /<meta\b[^>]*>?/gi;
  for (let match = metaTag.exec(head); match !== null; match = metaTag.exec(head)) {
    const charset = /charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(match[0]);
    if (charset?.[1] !== undefined) return asciiCompatible(charset[1]);
  }
  return undefined;
}

function decoderFor(label: string | undefined): TextDecoder | undefined {
  if (label === undefined) return undefined;
  try {
    return new TextDecoder(label);
  } catch {
    return undefined; // an unknown label: fall through to the next source
  }
}

/**
 * Decodes `body` by the first of: BOM, Content-Type charset, the XML declaration (xml and html) or
 * a <meta> charset (html), UTF-8. Unknown labels are skipped; bad bytes become U+FFFD.
 */
export function decodeBody(body: Buffer, contentType: string | undefined, kind: BodyKind): string {
  const candidates = [
    bomEncoding(body),
    charsetParameter(contentType),
    // A feed served as text/html still names its encoding in its XML declaration, when it has one.
    ...(kind === "xml" ? [xmlDeclaredEncoding(body)] : kind === "html" ? [xmlDeclaredEncoding(body), htmlDeclaredEncoding(body)] : []),
  ];
  let decoder: TextDecoder | undefined;
  for (const label of candidates) {
    decoder = decoderFor(label);
    if (decoder !== undefined) break;
  }
  // TextDecoder drops a BOM that matches its encoding.
  return (decoder ?? new TextDecoder("utf-8")).decode(body);
}
