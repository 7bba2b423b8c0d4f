/**
 * What the feed reader asks of the network: a feed (with conditional GET) or an article page, over
 * the guarded client (http(s) only, no private addresses, size and time limits), decoded to text.
 */
import { decodeBody, mediaTypeOf } from "./net/charset.js";
import type { AddressPolicy, Lookup } from "./net/address-policy.js";
import { safeFetch } from "./net/safe-fetch.js";

/** Sent with every request, so feed owners can see who reads them. */
export const USER_AGENT = "SamizdatNewsBot/0.1 (Telegram news bot; feed reader; +https://core.telegram.org/bots)";

const FEED_ACCEPT =
  "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, text/html;q=0.5, */*;q=0.1";
const PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1";

export interface FeedHttpOptions {
  policy: AddressPolicy;
  lookup?: Lookup;
  timeoutMs?: number;
  maxBytes?: number;
}

export type FeedResponse =
  | { kind: "not-modified"; status: 304; headers: Record<string, string | undefined> }
  | { kind: "ok"; status: number; url: string; text: string; mediaType?: string; headers: Record<string, string | undefined> }
  | { kind: "http-error"; status: number; headers: Record<string, string | undefined> };

/** Creates the client; every call may throw RefusedUrlError or FetchError. */
export function createFeedHttp(options: FeedHttpOptions) {
  const base = { policy: options.policy, lookup: options.lookup, userAgent: USER_AGENT, timeoutMs: options.timeoutMs, maxBytes: options.maxBytes };

  return {
    /** GETs a feed (or the page that names it); `etag`/`lastModified` make it conditional. */
    async getFeed(url: string, validators: { etag?: string | null; lastModified?: string | null } = {}): Promise<FeedResponse> {
      const headers: Record<string, string> = { Accept: FEED_ACCEPT };
      if (validators.etag) headers["If-None-Match"] = validators.etag;
      if (validators.lastModified) headers["If-Modified-Since"] = validators.lastModified;
      const response = await safeFetch(url, { ...base, headers });
      if (response.status === 304) return { kind: "not-modified", status: 304, headers: response.headers };
      if (response.status < 200 || response.status >= 300) return { kind: "http-error", status: response.status, headers: response.headers };
      const mediaType = mediaTypeOf(response.headers["content-type"]);
      const kind = mediaType?.includes("json") ? "json" : mediaType?.includes("html") ? "html" : "xml";
      return { kind: "ok", status: response.status, url: response.url, text: decodeBody(response.body, response.headers["content-type"], kind), mediaType, headers: response.headers };
    },

    /** GETs an article page as HTML; undefined when it is not a page (a PDF, a 404). */
    async getPage(url: string): Promise<{ url: string; html: string } | undefined> {
      const response = await safeFetch(url, { ...base, headers: { Accept: PAGE_ACCEPT } });
      if (response.status < 200 || response.status >= 300) return undefined;
      const mediaType = mediaTypeOf(response.headers["content-type"]);
      if (mediaType && !mediaType.includes("html")) return undefined;
      return { url: response.url, html: decodeBody(response.body, response.headers["content-type"], "html") };
    },
  };
}

export type FeedHttp = ReturnType<typeof createFeedHttp>;
