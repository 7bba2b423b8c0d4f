/**
 * The feed fetcher (BOT_ROLE=feeds, or all): claims due feeds, fetches each with a conditional GET,
 * parses it, hands its items to the ingest step and schedules the next fetch. Up to `concurrency`
 * feeds are in flight; the leases of those still running are renewed, so a slow feed is never
 * taken by a second process while one that died is free again within `leaseMs`.
 */
import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { FeedRecord, FeedRepository } from "../db/repositories/feeds.js";
import type { FeedState } from "../db/schema.js";
import { looksLikeHtml } from "./content/discover.js";
import { FeedParseError, parseFeedDocument } from "./content/parse-feed.js";
import type { FeedHttp } from "./http.js";
import type { FeedIngest, IngestResult } from "./ingest.js";
import { primaryLanguage } from "./items.js";
import { FetchError } from "./net/safe-fetch.js";
import { RefusedUrlError } from "./net/address-policy.js";
import { intervalAfterFailure, intervalAfterSuccess } from "./schedule.js";

export type FetchOutcome = "ok" | "not-modified" | "http-error" | "network" | "refused" | "invalid" | "error";

export interface FeedPollerOptions {
  feeds: Pick<FeedRepository, "claimDue" | "renewLeases" | "recordSuccess" | "recordFailure" | "secondsUntilNextDue">;
  http: Pick<FeedHttp, "getFeed">;
  ingest: FeedIngest;
  /** FEED_MIN_INTERVAL: the shortest time between two fetches of a feed, in seconds. */
  minIntervalSeconds: number;
  log: Logger;
  workerId?: string;
  /** Feeds fetched at once. */
  concurrency?: number;
  leaseMs?: number;
  /** The longest sleep when nothing is due (new feeds wake the poller sooner). */
  idleMs?: number;
  /** Told about every fetch (metrics). */
  onFetched?: (outcome: FetchOutcome, seconds: number, result?: IngestResult) => void;
  /** Told once when a run of failures turns a feed failing, and when it is disabled. */
  onFailing?: (feed: FeedRecord, state: FeedState, error: string) => Promise<void>;
  now?: () => Date;
}

/** Creates the poller; {@link FeedPoller.start} runs it until {@link FeedPoller.stop}. */
export function createFeedPoller(options: FeedPollerOptions) {
  const workerId = options.workerId ?? `feeds-${randomUUID().slice(0, 8)}`;
  const concurrency = options.concurrency ?? 8;
  const leaseMs = options.leaseMs ?? 60_000;
  const idleMs = options.idleMs ?? 5_000;
  const now = options.now ?? (() => new Date());
  const { feeds, log } = options;
  const inFlight = new Map<number, Promise<void>>();
  let running = false;
  let loop: Promise<void> | undefined;
  let wakeUp: (() => void) | undefined;
  let heartbeat: NodeJS.Timeout | undefined;

  async function fail(feed: FeedRecord, outcome: FetchOutcome, error: string, status?: number, retryAfter?: string): Promise<FetchOutcome> {
    const next = intervalAfterFailure(options.minIntervalSeconds, feed.consecutiveFailures + 1, retryAfter, now());
    const result = await feeds.recordFailure(feed.id, workerId, { status, error, nextInSeconds: next });
    log.info({ feedId: feed.id, outcome, status, nextInSeconds: next }, "Feed fetch failed");
    if (result?.notifyAdmins) await options.onFailing?.(feed, result.state, error).catch((e: unknown) => log.warn({ err: e }, "Could not tell admins about a failing feed"));
    return outcome;
  }

  /** Fetches and stores one feed; never throws (every failure is recorded on the feed). */
  async function fetchOne(feed: FeedRecord): Promise<void> {
    const started = performance.now();
    let outcome: FetchOutcome = "error";
    let ingested: IngestResult | undefined;
    try {
      const response = await options.http.getFeed(feed.url, { etag: feed.etag, lastModified: feed.lastModified });
      if (response.kind === "not-modified") {
        await feeds.recordSuccess(feed.id, workerId, {
          status: 304,
          nextInSeconds: intervalAfterSuccess(options.minIntervalSeconds, { headers: response.headers }, now()),
          newItems: 0,
          duplicates: 0,
        });
        outcome = "not-modified";
      } else if (response.kind === "http-error") {
        outcome = await fail(feed, "http-error", `HTTP ${response.status}`, response.status, response.headers["retry-after"]);
      } else if (looksLikeHtml(response.text, response.mediaType)) {
        outcome = await fail(feed, "invalid", "the address gives a web page, not a feed", response.status);
      } else {
        const document = parseFeedDocument(response.text, { feedUrl: response.url });
        ingested = await options.ingest.ingest(feed, document);
        const o = ingested.outcomes;
        await feeds.recordSuccess(feed.id, workerId, {
          status: response.status,
          etag: response.headers.etag,
          lastModified: response.headers["last-modified"],
          title: document.title?.slice(0, 300),
          siteUrl: document.siteUrl,
          language: primaryLanguage(document.language),
          nextInSeconds: intervalAfterSuccess(options.minIntervalSeconds, { ttlSeconds: document.ttlSeconds, headers: response.headers }, now()),
          newItems: o.published + o.archived + o.review,
          duplicates: o.duplicate,
        });
        outcome = "ok";
      }
    } catch (error) {
      try {
        if (error instanceof FeedParseError) outcome = await fail(feed, "invalid", `not a valid feed: ${error.message}`);
        // A name that does not resolve is a network failure (DNS may be back soon), not a refusal.
        else if (error instanceof RefusedUrlError) outcome = await fail(feed, error.reason === "unresolvable" ? "network" : "refused", error.message);
        else if (error instanceof FetchError) outcome = await fail(feed, "network", error.message);
        else {
          log.error({ err: error, feedId: feed.id }, "Feed fetch failed unexpectedly");
          outcome = await fail(feed, "error", "internal error while reading the feed");
        }
      } catch (recordError) {
        // The database is away: the lease runs out and the feed is fetched again later.
        log.warn({ err: recordError, feedId: feed.id }, "Could not record a feed fetch");
      }
    }
    options.onFetched?.(outcome, (performance.now() - started) / 1000, ingested);
  }

  function launch(feed: FeedRecord): void {
    const job = fetchOne(feed).finally(() => inFlight.delete(feed.id));
    inFlight.set(feed.id, job);
  }

  /**
   * Fetches every feed due now (and those that become due meanwhile), `concurrency` at a time;
   * resolves with how many were fetched once none is due and none is in flight.
   */
  async function pollDue(): Promise<number> {
    let fetched = 0;
    for (;;) {
      const room = concurrency - inFlight.size;
      const claimed = room > 0 && (running || loop === undefined) ? await feeds.claimDue({ workerId, limit: room, leaseMs }) : [];
      for (const feed of claimed) launch(feed);
      fetched += claimed.length;
      if (inFlight.size === 0) return fetched;
      if (claimed.length === 0 || inFlight.size >= concurrency) await Promise.race(inFlight.values());
    }
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });
  }

  async function run(): Promise<void> {
    while (running) {
      try {
        await pollDue();
        if (!running) break;
        const due = await feeds.secondsUntilNextDue();
        await sleep(Math.min(idleMs, due === undefined ? idleMs : Math.max(50, due * 1000)));
      } catch (error) {
        log.warn({ err: error }, "Feed poller could not claim feeds; trying again shortly");
        await sleep(idleMs);
      }
    }
  }

  return {
    workerId,
    start(): void {
      if (running) return;
      running = true;
      heartbeat = setInterval(() => {
        feeds.renewLeases(workerId, [...inFlight.keys()], leaseMs).catch((error: unknown) => log.warn({ err: error }, "Could not renew feed leases"));
      }, Math.max(1_000, leaseMs / 3));
      heartbeat.unref();
      loop = run();
    },
    /** Looks for due feeds now (a feed was just added). */
    wake(): void {
      wakeUp?.();
    },
    /** Fetches what is due now and resolves when done (tests, the bench, a one-off CLI run). */
    pollDue,
    /** Stops claiming, lets the fetches in flight finish. */
    async stop(): Promise<void> {
      running = false;
      wakeUp?.();
      if (heartbeat) clearInterval(heartbeat);
      await loop;
      await Promise.allSettled(inFlight.values());
      loop = undefined;
    },
  };
}

export type FeedPoller = ReturnType<typeof createFeedPoller>;
