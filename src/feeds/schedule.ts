/**
 * When to fetch a feed again: the feed's own hints (RSS `<ttl>`, `Cache-Control: max-age`,
 * `Retry-After`) within [min, max], FEED_MIN_INTERVAL when it gives none, and exponential back-off
 * after failures, capped at a day. Pure: the fetcher passes what it saw.
 */

/** The longest a healthy feed waits between fetches. */
export const MAX_INTERVAL_SECONDS = 12 * 3600;
/** The longest back-off after failures. */
export const MAX_BACKOFF_SECONDS = 24 * 3600;

export interface Hints {
  /** The feed's `<ttl>` (or sy:updatePeriod), in seconds. */
  ttlSeconds?: number;
  /** Response headers, lower-case names. */
  headers?: Record<string, string | undefined>;
}

/** Seconds until the next fetch after a successful one (200 or 304). */
export function intervalAfterSuccess(minSeconds: number, hints: Hints = {}, now = new Date()): number {
  const hinted = [hints.ttlSeconds, maxAge(hints.headers?.["cache-control"]), retryAfterSeconds(hints.headers?.["retry-after"], now)].filter(
    (value): value is number => value !== undefined && Number.isFinite(value) && value > 0,
  );
  const wanted = hinted.length > 0 ? Math.max(...hinted) : minSeconds;
  return clamp(wanted, minSeconds, Math.max(minSeconds, MAX_INTERVAL_SECONDS));
}

/**
 * Seconds until the next attempt after the `failures`-th failure in a row (1 for the first):
 * min × 2^(failures−1), capped at a day; a `Retry-After` the server sent is honoured if longer.
 */
export function intervalAfterFailure(minSeconds: number, failures: number, retryAfter?: string, now = new Date()): number {
  const backoff = Math.min(minSeconds * 2 ** Math.min(Math.max(failures - 1, 0), 30), MAX_BACKOFF_SECONDS);
  const asked = retryAfterSeconds(retryAfter, now) ?? 0;
  return clamp(Math.max(backoff, asked), minSeconds, Math.max(minSeconds, MAX_BACKOFF_SECONDS));
}

/** `max-age` (or `s-maxage`) of a Cache-Control header, in seconds; `no-cache`/`no-store` give none. */
export function maxAge(cacheControl: string | undefined): number | undefined {
  if (!cacheControl) return undefined;
  const match = /(?:^|[,\s])(?:s-maxage|max-age)\s*=\s*"?(\d{1,10})"?/i.exec(cacheControl);
  return match ? Number(match[1]) : undefined;
}

/** `Retry-After` as seconds: delta-seconds or an HTTP date. */
export function retryAfterSeconds(value: string | undefined, now = new Date()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d{1,10}$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.round((date - now.getTime()) / 1000));
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
