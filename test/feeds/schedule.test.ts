/**
 * When a feed is fetched again (src/feeds/schedule.ts): the feed's hints within [min, max], the
 * minimum when it gives none, and back-off after failures that doubles up to a day. Every date
 * is injected: nothing here reads the clock.
 */
import { describe, expect, it } from "vitest";
import {
  intervalAfterFailure,
  intervalAfterSuccess,
  MAX_BACKOFF_SECONDS,
  MAX_INTERVAL_SECONDS,
  maxAge,
  retryAfterSeconds,
} from "../../src/feeds/schedule.js";

const MIN = 300;
const NOW = new Date("2025-06-02T12:00:00Z");
/** NOW plus one hour, as an HTTP date. */
const IN_AN_HOUR = "Mon, 02 Jun 2025 13:00:00 GMT";
const AN_HOUR_AGO = "Mon, 02 Jun 2025 11:00:00 GMT";

describe("intervalAfterSuccess", () => {
  it("is the minimum when the feed gives no hint", () => {
    expect(intervalAfterSuccess(MIN)).toBe(MIN);
    expect(intervalAfterSuccess(MIN, {}, NOW)).toBe(MIN);
    expect(intervalAfterSuccess(MIN, { headers: { "content-type": "application/rss+xml" } }, NOW)).toBe(MIN);
  });

  it("follows <ttl>, Cache-Control max-age and Retry-After", () => {
    expect(intervalAfterSuccess(MIN, { ttlSeconds: 3600 }, NOW)).toBe(3600);
    expect(intervalAfterSuccess(MIN, { headers: { "cache-control": "public, max-age=1800" } }, NOW)).toBe(1800);
    expect(intervalAfterSuccess(MIN, { headers: { "retry-after": "900" } }, NOW)).toBe(900);
    expect(intervalAfterSuccess(MIN, { headers: { "retry-after": IN_AN_HOUR } }, NOW)).toBe(3600);
  });

  it("takes the longest of several hints", () => {
    expect(intervalAfterSuccess(MIN, { ttlSeconds: 3600, headers: { "cache-control": "max-age=1800", "retry-after": "600" } }, NOW)).toBe(3600);
    expect(intervalAfterSuccess(MIN, { ttlSeconds: 600, headers: { "cache-control": "max-age=7200" } }, NOW)).toBe(7200);
  });

  it("never goes below the minimum", () => {
    expect(intervalAfterSuccess(MIN, { ttlSeconds: 60 }, NOW)).toBe(MIN);
    expect(intervalAfterSuccess(MIN, { headers: { "cache-control": "max-age=10" } }, NOW)).toBe(MIN);
    // A Retry-After already past asks for nothing.
    expect(intervalAfterSuccess(MIN, { headers: { "retry-after": AN_HOUR_AGO } }, NOW)).toBe(MIN);
  });

  it("never goes above twelve hours, unless the minimum itself is longer", () => {
    expect(MAX_INTERVAL_SECONDS).toBe(12 * 3600);
    expect(intervalAfterSuccess(MIN, { ttlSeconds: 7 * 86_400 }, NOW)).toBe(MAX_INTERVAL_SECONDS);
    expect(intervalAfterSuccess(MIN, { headers: { "cache-control": "max-age=31536000" } }, NOW)).toBe(MAX_INTERVAL_SECONDS);
    expect(intervalAfterSuccess(86_400, { ttlSeconds: 3600 }, NOW)).toBe(86_400);
  });

  it("ignores hints that are zero, negative or not numbers", () => {
    expect(intervalAfterSuccess(MIN, { ttlSeconds: 0 }, NOW)).toBe(MIN);
    expect(intervalAfterSuccess(MIN, { ttlSeconds: -3600 }, NOW)).toBe(MIN);
    expect(intervalAfterSuccess(MIN, { ttlSeconds: Number.NaN }, NOW)).toBe(MIN);
    expect(intervalAfterSuccess(MIN, { ttlSeconds: Number.POSITIVE_INFINITY }, NOW)).toBe(MIN);
    expect(intervalAfterSuccess(MIN, { headers: { "cache-control": "max-age=0", "retry-after": "tomorrow-ish" } }, NOW)).toBe(MIN);
  });
});

describe("intervalAfterFailure", () => {
  it("doubles with each failure in a row, from the minimum", () => {
    expect([1, 2, 3, 4, 5].map((failures) => intervalAfterFailure(MIN, failures, undefined, NOW))).toEqual([300, 600, 1200, 2400, 4800]);
  });

  it("is capped at a day, however long the run", () => {
    expect(MAX_BACKOFF_SECONDS).toBe(86_400);
    // 300 × 2^8 = 76 800 < a day < 300 × 2^9.
    expect(intervalAfterFailure(MIN, 9, undefined, NOW)).toBe(76_800);
    expect(intervalAfterFailure(MIN, 10, undefined, NOW)).toBe(MAX_BACKOFF_SECONDS);
    expect(intervalAfterFailure(MIN, 50, undefined, NOW)).toBe(MAX_BACKOFF_SECONDS);
    expect(intervalAfterFailure(MIN, 10_000, undefined, NOW)).toBe(MAX_BACKOFF_SECONDS);
  });

  it("treats a count below one as the first failure", () => {
    expect(intervalAfterFailure(MIN, 0, undefined, NOW)).toBe(MIN);
    expect(intervalAfterFailure(MIN, -3, undefined, NOW)).toBe(MIN);
  });

  it("honours a longer Retry-After (seconds or an HTTP date), still within a day", () => {
    expect(intervalAfterFailure(MIN, 1, "3600", NOW)).toBe(3600);
    expect(intervalAfterFailure(MIN, 1, IN_AN_HOUR, NOW)).toBe(3600);
    expect(intervalAfterFailure(MIN, 1, String(3 * 86_400), NOW)).toBe(MAX_BACKOFF_SECONDS);
  });

  it("keeps the back-off when Retry-After asks for less, is past or is garbage", () => {
    expect(intervalAfterFailure(MIN, 3, "60", NOW)).toBe(1200);
    expect(intervalAfterFailure(MIN, 3, AN_HOUR_AGO, NOW)).toBe(1200);
    expect(intervalAfterFailure(MIN, 3, "whenever", NOW)).toBe(1200);
  });

  it("never waits less than the minimum, even a minimum above a day", () => {
    expect(intervalAfterFailure(2 * 86_400, 1, undefined, NOW)).toBe(2 * 86_400);
    expect(intervalAfterFailure(2 * 86_400, 5, "60", NOW)).toBe(2 * 86_400);
  });
});

describe("maxAge", () => {
  it("reads max-age among other directives", () => {
    expect(maxAge("max-age=1800")).toBe(1800);
    expect(maxAge("public, max-age=600, must-revalidate")).toBe(600);
    expect(maxAge("private,max-age=60")).toBe(60);
    expect(maxAge("MAX-AGE=5")).toBe(5);
    expect(maxAge('max-age="120"')).toBe(120);
    expect(maxAge("max-age = 90")).toBe(90);
  });

  it("reads s-maxage", () => {
    expect(maxAge("s-maxage=900")).toBe(900);
    expect(maxAge("public, s-maxage=900")).toBe(900);
  });

  it("gives nothing without a max-age", () => {
    expect(maxAge(undefined)).toBeUndefined();
    expect(maxAge("")).toBeUndefined();
    expect(maxAge("no-cache")).toBeUndefined();
    expect(maxAge("no-store, private")).toBeUndefined();
    expect(maxAge("max-age=soon")).toBeUndefined();
    // Another directive whose name ends in max-age is not max-age.
    expect(maxAge("x-max-age=60")).toBeUndefined();
  });
});

describe("retryAfterSeconds", () => {
  it("reads delta-seconds", () => {
    expect(retryAfterSeconds("120", NOW)).toBe(120);
    expect(retryAfterSeconds(" 3600 ", NOW)).toBe(3600);
    expect(retryAfterSeconds("0", NOW)).toBe(0);
  });

  it("reads an HTTP date against the injected now", () => {
    expect(retryAfterSeconds(IN_AN_HOUR, NOW)).toBe(3600);
    expect(retryAfterSeconds("Mon, 02 Jun 2025 12:00:30 GMT", NOW)).toBe(30);
    expect(retryAfterSeconds(IN_AN_HOUR, new Date("2025-06-02T12:59:00Z"))).toBe(60);
    // A date already past asks for no wait.
    expect(retryAfterSeconds(AN_HOUR_AGO, NOW)).toBe(0);
  });

  it("gives nothing for an absent or unreadable value", () => {
    expect(retryAfterSeconds(undefined, NOW)).toBeUndefined();
    expect(retryAfterSeconds("", NOW)).toBeUndefined();
    expect(retryAfterSeconds("later", NOW)).toBeUndefined();
  });
});
