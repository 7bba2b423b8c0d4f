/**
 * Feeds and the items seen in them. Fetchers claim due feeds like workers claim deliveries: FOR
 * UPDATE SKIP LOCKED under a lease (`lease_until`, `leased_by`), so two processes never fetch one
 * feed at once and a dead fetcher's feeds are due again when its lease runs out. Every time here is
 * the database's clock (`now()`): processes on several machines agree on what is due.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { rowsOf } from "./rows.js";
import { feedItems, feeds, type FeedItemStatus, type FeedMode, type FeedState } from "../schema.js";

export interface FeedRecord {
  id: number;
  url: string;
  title: string | null;
  siteUrl: string | null;
  topics: string[];
  language: string | null;
  mode: FeedMode;
  state: FeedState;
  etag: string | null;
  lastModified: string | null;
  primed: boolean;
  nextFetchAt: Date;
  lastFetchAt: Date | null;
  lastSuccessAt: Date | null;
  failingSince: Date | null;
  consecutiveFailures: number;
  lastError: string | null;
  lastStatus: number | null;
  fetchCount: number;
  itemCount: number;
  duplicateCount: number;
  addedBy: number | null;
  createdAt: Date;
}

export interface NewFeed {
  url: string;
  title?: string | null;
  siteUrl?: string | null;
  topics?: string[];
  language?: string | null;
  mode?: FeedMode;
  addedBy?: number | null;
}

/** A 200 or a 304 that was handled: what to remember and when to fetch again. */
export interface FetchSuccess {
  status: number;
  etag?: string | null;
  lastModified?: string | null;
  title?: string | null;
  siteUrl?: string | null;
  language?: string | null;
  nextInSeconds: number;
  newItems: number;
  duplicates: number;
}

export interface FetchFailure {
  status?: number | null;
  error: string;
  nextInSeconds: number;
}

/** What a failure changed: whether the feed just became failing (admins are told once). */
export interface FailureOutcome {
  state: FeedState;
  /** True only for the failure that first turned the feed failing or disabled. */
  notifyAdmins: boolean;
}

export interface FeedItemRecord {
  id: number;
  feedId: number;
  guidKey: string;
  url: string | null;
  title: string;
  status: FeedItemStatus;
  articleId: number | null;
  content: Record<string, unknown> | null;
  createdAt: Date;
}

/** A run of failures turns a feed `failing` after this long, and `disabled` after the second. */
export const FAILING_AFTER = "1 day";
export const DISABLED_AFTER = "7 days";

const feedColumns = {
  id: feeds.id,
  url: feeds.url,
  title: feeds.title,
  siteUrl: feeds.siteUrl,
  topics: feeds.topics,
  language: feeds.language,
  mode: feeds.mode,
  state: feeds.state,
  etag: feeds.etag,
  lastModified: feeds.lastModified,
  primed: feeds.primed,
  nextFetchAt: feeds.nextFetchAt,
  lastFetchAt: feeds.lastFetchAt,
  lastSuccessAt: feeds.lastSuccessAt,
  failingSince: feeds.failingSince,
  consecutiveFailures: feeds.consecutiveFailures,
  lastError: feeds.lastError,
  lastStatus: feeds.lastStatus,
  fetchCount: feeds.fetchCount,
  itemCount: feeds.itemCount,
  duplicateCount: feeds.duplicateCount,
  addedBy: feeds.addedBy,
  createdAt: feeds.createdAt,
};

/** Creates the feed repository. */
export function createFeedRepository({ db }: { db: Db }) {
  return {
    /** Adds a feed, due at once; `created: false` with the existing id when the URL is there. */
    async add(feed: NewFeed): Promise<{ id: number; created: boolean }> {
      const [inserted] = await db
        .insert(feeds)
        .values({
          url: feed.url,
          title: feed.title ?? null,
          siteUrl: feed.siteUrl ?? null,
          topics: feed.topics ?? [],
          language: feed.language ?? null,
          mode: feed.mode ?? "publish",
          addedBy: feed.addedBy ?? null,
        })
        .onConflictDoNothing({ target: feeds.url })
        .returning({ id: feeds.id });
      if (inserted) return { id: inserted.id, created: true };
      const [existing] = await db.select({ id: feeds.id }).from(feeds).where(eq(feeds.url, feed.url));
      return { id: existing!.id, created: false };
    },

    async byId(id: number): Promise<FeedRecord | undefined> {
      const [row] = await db.select(feedColumns).from(feeds).where(eq(feeds.id, id));
      return row;
    },

    /** The ids of feeds stored under any of `urls`. */
    async idByUrl(urls: string[]): Promise<number | undefined> {
      if (urls.length === 0) return undefined;
      const [row] = await db.select({ id: feeds.id }).from(feeds).where(inArray(feeds.url, urls)).limit(1);
      return row?.id;
    },

    list(): Promise<FeedRecord[]> {
      return db.select(feedColumns).from(feeds).orderBy(asc(feeds.id));
    },

    async remove(id: number): Promise<boolean> {
      const rows = await db.delete(feeds).where(eq(feeds.id, id)).returning({ id: feeds.id });
      return rows.length > 0;
    },

    async pause(id: number): Promise<boolean> {
      const rows = await db.update(feeds).set({ state: "paused" }).where(eq(feeds.id, id)).returning({ id: feeds.id });
      return rows.length > 0;
    },

    /** Active again and due at once; a resumed feed starts a fresh run (no failures counted). */
    async resume(id: number): Promise<boolean> {
      const rows = await db
        .update(feeds)
        .set({ state: "active", nextFetchAt: sql`now()`, consecutiveFailures: 0, failingSince: null, failureNotified: false })
        .where(eq(feeds.id, id))
        .returning({ id: feeds.id });
      return rows.length > 0;
    },

    async setMode(id: number, mode: FeedMode): Promise<boolean> {
      const rows = await db.update(feeds).set({ mode }).where(eq(feeds.id, id)).returning({ id: feeds.id });
      return rows.length > 0;
    },

    /** Makes a feed due now (just added, or an admin asked); paused and disabled feeds stay put. */
    async makeDue(id: number): Promise<void> {
      await db.update(feeds).set({ nextFetchAt: sql`now()` }).where(and(eq(feeds.id, id), inArray(feeds.state, ["active", "failing"])));
    },

    /** Claims up to `limit` due feeds for `workerId`, for `leaseMs`. */
    async claimDue({ workerId, limit, leaseMs }: { workerId: string; limit: number; leaseMs: number }): Promise<FeedRecord[]> {
      const ids = await rowsOf<{ id: number }>(
        db,
        sql`update feeds f
               set lease_until = now() + make_interval(secs => ${leaseMs / 1000}::float8), leased_by = ${workerId}
             where f.id in (
                   select id from feeds
                    where state in ('active', 'failing') and next_fetch_at <= now()
                      and (lease_until is null or lease_until < now())
                    order by next_fetch_at
                    limit ${limit}
                    for update skip locked)
         returning f.id`,
      );
      if (ids.length === 0) return [];
      return db
        .select(feedColumns)
        .from(feeds)
        .where(inArray(feeds.id, ids.map((row) => Number(row.id))))
        .orderBy(asc(feeds.nextFetchAt));
    },

    /** Extends the leases `workerId` holds on `ids` (a long fetch keeps its feed). */
    async renewLeases(workerId: string, ids: number[], leaseMs: number): Promise<void> {
      if (ids.length === 0) return;
      await db
        .update(feeds)
        .set({ leaseUntil: sql`now() + make_interval(secs => ${leaseMs / 1000}::float8)` })
        .where(and(inArray(feeds.id, ids), eq(feeds.leasedBy, workerId)));
    },

    /** Seconds until the next feed is due (undefined: none is scheduled). */
    async secondsUntilNextDue(): Promise<number | undefined> {
      const [row] = await rowsOf<{ seconds: number | null }>(
        db,
        sql`select extract(epoch from min(greatest(next_fetch_at, coalesce(lease_until, next_fetch_at))) - now())::float8 as seconds
              from feeds where state in ('active', 'failing')`,
      );
      return row?.seconds == null ? undefined : Math.max(0, Number(row.seconds));
    },

    /** Records a handled fetch: a run of failures ends, the lease is released. */
    async recordSuccess(id: number, workerId: string, result: FetchSuccess): Promise<void> {
      await db
        .update(feeds)
        .set({
          state: sql`case when ${feeds.state} = 'paused' then 'paused' else 'active' end`,
          etag: result.status === 304 ? sql`${feeds.etag}` : (result.etag ?? null),
          lastModified: result.status === 304 ? sql`${feeds.lastModified}` : (result.lastModified ?? null),
          title: result.title ? result.title : sql`${feeds.title}`,
          siteUrl: result.siteUrl ? result.siteUrl : sql`${feeds.siteUrl}`,
          language: sql`coalesce(${feeds.language}, ${result.language ?? null})`,
          primed: true,
          lastFetchAt: sql`now()`,
          lastSuccessAt: sql`now()`,
          lastStatus: result.status,
          lastError: null,
          failingSince: null,
          consecutiveFailures: 0,
          failureNotified: false,
          fetchCount: sql`${feeds.fetchCount} + 1`,
          itemCount: sql`${feeds.itemCount} + ${result.newItems}`,
          duplicateCount: sql`${feeds.duplicateCount} + ${result.duplicates}`,
          nextFetchAt: sql`now() + make_interval(secs => ${result.nextInSeconds}::float8)`,
          leaseUntil: null,
          leasedBy: null,
        })
        .where(and(eq(feeds.id, id), eq(feeds.leasedBy, workerId)));
    },

    /**
     * Records a failed fetch. After {@link FAILING_AFTER} of failures the feed is `failing`, after
     * {@link DISABLED_AFTER} `disabled` (no longer fetched); `notifyAdmins` is true once per run.
     */
    async recordFailure(id: number, workerId: string, failure: FetchFailure): Promise<FailureOutcome | undefined> {
      const [row] = await rowsOf<{ state: FeedState; notify: boolean }>(
        db,
        sql`with old as (select id, state, failure_notified from feeds where id = ${id} and leased_by = ${workerId})
            update feeds f
               set consecutive_failures = f.consecutive_failures + 1,
                   failing_since = coalesce(f.failing_since, now()),
                   last_error = ${failure.error.slice(0, 500)},
                   last_status = ${failure.status ?? null},
                   last_fetch_at = now(),
                   fetch_count = f.fetch_count + 1,
                   next_fetch_at = now() + make_interval(secs => ${failure.nextInSeconds}::float8),
                   lease_until = null, leased_by = null,
                   state = case
                     when f.state = 'paused' then 'paused'
                     when coalesce(f.failing_since, now()) <= now() - ${DISABLED_AFTER}::interval then 'disabled'
                     when coalesce(f.failing_since, now()) <= now() - ${FAILING_AFTER}::interval then 'failing'
                     else f.state end,
                   failure_notified = f.failure_notified
                     or coalesce(f.failing_since, now()) <= now() - ${FAILING_AFTER}::interval
              from old
             where f.id = old.id
         returning f.state,
                   (f.failure_notified and not old.failure_notified) or (f.state = 'disabled' and old.state <> 'disabled') as notify`,
      );
      return row ? { state: row.state, notifyAdmins: Boolean(row.notify) } : undefined;
    },

    /** Feeds per state, for /metrics and /stats. */
    async countByState(): Promise<Record<FeedState, number>> {
      const rows = await db.select({ state: feeds.state, n: sql<number>`count(*)::int` }).from(feeds).groupBy(feeds.state);
      const counts: Record<FeedState, number> = { active: 0, paused: 0, failing: 0, disabled: 0 };
      for (const row of rows) counts[row.state] = row.n;
      return counts;
    },

    /** The items of `feedId` already seen among `guidKeys`. */
    async itemsByKey(feedId: number, guidKeys: string[]): Promise<Map<string, FeedItemRecord>> {
      if (guidKeys.length === 0) return new Map();
      const rows = await db
        .select()
        .from(feedItems)
        .where(and(eq(feedItems.feedId, feedId), inArray(feedItems.guidKey, guidKeys)));
      return new Map(rows.map((row) => [row.guidKey, row]));
    },

    /** Records a newly seen item as `new`; undefined when another fetcher recorded it first. */
    async insertItem(item: { feedId: number; guidKey: string; url?: string | null; title: string }): Promise<FeedItemRecord | undefined> {
      const [row] = await db
        .insert(feedItems)
        .values({ feedId: item.feedId, guidKey: item.guidKey, url: item.url ?? null, title: item.title.slice(0, 500) })
        .onConflictDoNothing()
        .returning();
      return row;
    },

    /** Sets what became of an item; `content` is kept only while it waits for review. */
    async finishItem(id: number, update: { status: FeedItemStatus; articleId?: number | null; content?: Record<string, unknown> | null }): Promise<void> {
      await db
        .update(feedItems)
        .set({ status: update.status, articleId: update.articleId ?? null, content: update.content ?? null })
        .where(eq(feedItems.id, id));
    },

    /** True when some feed item already stands for `articleId`. */
    async articleHasItem(articleId: number): Promise<boolean> {
      const [row] = await db.select({ id: feedItems.id }).from(feedItems).where(eq(feedItems.articleId, articleId)).limit(1);
      return row !== undefined;
    },

    async itemById(id: number): Promise<FeedItemRecord | undefined> {
      const [row] = await db.select().from(feedItems).where(eq(feedItems.id, id));
      return row;
    },

    /** Moves a review item to `status` only if it still waits: two admins pressing Publish publish once. */
    async takeReviewItem(id: number, status: FeedItemStatus): Promise<FeedItemRecord | undefined> {
      const [row] = await db
        .update(feedItems)
        .set({ status })
        .where(and(eq(feedItems.id, id), eq(feedItems.status, "review")))
        .returning();
      return row;
    },
  };
}

export type FeedRepository = ReturnType<typeof createFeedRepository>;
