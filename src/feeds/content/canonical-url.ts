/** Query parameters that only track the click; `utm_*` is matched by prefix. */
const TRACKING_PARAMS: ReadonlySet<string> = new Set([
  "fbclid",
  "gclid",
  "dclid",
  "gbraid",
  "wbraid",
  "msclkid",
  "yclid",
  "mc_cid",
  "mc_eid",
  "igshid",
  "_ga",
  "_gl",
  "ref_src",
  "cmpid",
  "ncid",
  "ocid",
  "sr_share",
  "at_medium",
  "at_campaign",
]);

function isTrackingParam(rawKey: string): boolean {
  let key: string;
  try {
    key = decodeURIComponent(rawKey.replace(/\+/g, " ")).toLowerCase();
  } catch {
    key = rawKey.toLowerCase();
  }
  return key.startsWith("utm_") || TRACKING_PARAMS.has(key);
}

function parseHttpUrl(url: string, base?: string): URL | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim(), base);
  } catch {
    return undefined;
  }
  return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed : undefined;
}

/**
 * The URL under which the bot stores and compares an article: http(s) only, no fragment, no
 * click-tracking parameters. WHATWG URL parsing already lowercases the scheme and host and drops
 * default ports; the path and the other parameters stay exactly as given.
 */
export function canonicalUrl(url: string): string | undefined {
  const parsed = parseHttpUrl(url);
  if (!parsed) return undefined;
  parsed.hash = "";
  // Filter the raw query rather than URLSearchParams, which would re-encode what it keeps.
  const kept = parsed.search
    .slice(1)
    .split("&")
    .filter((pair) => pair !== "" && !isTrackingParam(pair.split("=", 1)[0] ?? ""));
  parsed.search = kept.length > 0 ? `?${kept.join("&")}` : "";
  return parsed.href;
}

/** `href` made absolute against `base`; undefined unless the result is an http(s) URL. */
export function absoluteHttpUrl(href: string | undefined | null, base?: string): string | undefined {
  if (!href || href.trim() === "") return undefined;
  return parseHttpUrl(href, base)?.href;
}
