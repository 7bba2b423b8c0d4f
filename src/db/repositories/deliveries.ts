/**
 * The delivery queue: one row per (article, chat). Workers claim due rows under a lease, send, and
 * record the outcome. The SQL here is what makes delivery exactly-once in practice:
 *
 * - enqueueing inserts with ON CONFLICT DO NOTHING on the (article_id, chat_id) key, so publishing
 *   twice, or two processes racing, never creates a second row;
 * - claiming takes rows with FOR UPDATE SKIP LOCKED and stamps a lease (`lease_until`, `leased_by`),
 *   so two workers never hold the same row, and a row whose worker died is due again once its lease
 *   expires;
 * - a sent row is never claimed again (status = 'sent').
 *
 * Per-chat limits (1 message/s, 20/min in groups) must hold across processes, so they live here too:
 * a claim takes at most one row per chat and skips chats that already have a leased row, and
 * recording a send pushes the chat's other pending rows `spacingMs` into the future. Claims are
 * serialised with a transaction-scoped advisory lock: without it, two concurrent claims could each
 * take a different article for the same chat (row locks do not cover "the chat").
 */
import { and, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client.js";
import { rowsOf, type QueryRunner } from "./rows.js";
import { articles, deliveries, type DeliveryMode, type DeliveryStatus } from "../schema.js";

/** A row a worker claimed, with what it needs to send it. */
export interface ClaimedDelivery {
  id: number;
  articleId: number;
  chatId: number;
  chatType: string;
  chatLanguage: string | null;
  chatActive: boolean;
  /** Attempts made before this one. */
  attempts: number;
  /** A digest message: the articles it lists (null for one article). */
  digestArticleIds: number[] | null;
  /** The forum topic to send to (`message_thread_id`); 0 is the chat itself. */
  threadId: number;
  deliveryMode: DeliveryMode;
  timeZone: string;
  quietStart: string | null;
  quietEnd: string | null;
  linkPreviews: boolean;
  silent: boolean;
}

/** A due digest chat, with what its schedule needs. */
export interface DueDigestChat {
  chatId: number;
  mode: "hourly" | "daily" | "weekly";
  digestTime: string | null;
  digestWeekday: number | null;
  timeZone: string;
  dueAt: Date;
}

/** An int[] from either driver (postgres.js parses it, PGlite may give "{1,2}"). */
function intArray(value: number[] | string | null): number[] | null {
  if (value === null) return null;
  if (Array.isArray(value)) return value.map(Number);
  const inner = value.replace(/^\{|\}$/g, "");
  return inner ? inner.split(",").map(Number) : [];
}

/** A send Telegram accepted, to be recorded. */
export interface SentDelivery {
  id: number;
  chatId: number;
  messageId: number;
  /** The chat's next row is due no sooner than this after now. */
  spacingMs: number;
}

export interface ArticleDeliveryCounts {
  articleId: number;
  title: string;
  publishedAt: Date;
  pending: number;
  sent: number;
  failed: number;
  cancelled: number;
}

/** Any constant works: it only has to be the same in every process sharing the database. */
const CLAIM_LOCK_KEY = 727_001;

/** Serialises the enqueueing of one story's articles (with the story id as the second key). */
const STORY_ENQUEUE_LOCK_KEY = 727_002;

/** Recent messages of a story are edited when it gains an outlet; older ones are left as sent. */
export const STORY_EDIT_WINDOW_HOURS = 48;

/** The outlet of an article row `a` in SQL: its site, else its link's host (as `outletOf` in JS). */
const OUTLET_OF = (alias: string) =>
  sql.raw(`lower(coalesce(nullif(trim(${alias}.site), ''), substring(${alias}.url from '^[a-zA-Z]+://(?:www\.)?([^/:?#]+)')))`);

/** The other articles of the article's story, as an int[] (empty for an article alone in its story). */
function storySiblings(articleId: number): SQL {
  return sql`array(select sa2.article_id from story_articles sa join story_articles sa2 on sa2.story_id = sa.story_id
                    where sa.article_id = ${articleId} and sa2.article_id <> ${articleId})`;
}

/**
 * When the article brings its story an outlet the story's other articles do not have, the sent
 * messages of those articles (single-article messages of the last 48 hours) are marked for an
 * edit of their outlets line: now, or an hour after their last edit, whichever is later; an edit
 * already due keeps its time. Runs in the enqueue's transaction.
 */
async function scheduleStoryEdits(tx: QueryRunner, articleId: number): Promise<void> {
  await tx.execute(sql`
    with story as (select ${storySiblings(articleId)} as ids),
    adds_outlet as (
      select 1 from articles n, story
       where n.id = ${articleId} and ${OUTLET_OF("n")} is not null
         and not exists (select 1 from articles o where o.id = any(story.ids) and ${OUTLET_OF("o")} = ${OUTLET_OF("n")})
    )
    update deliveries d
       set edit_due_at = coalesce(d.edit_due_at, greatest(now(), coalesce(d.edited_at + interval '1 hour', now())))
      from story
     where exists (select 1 from adds_outlet)
       and d.article_id = any(story.ids) and d.status = 'sent' and d.message_id is not null
       and d.digest_article_ids is null
       and d.sent_at > now() - make_interval(hours => ${STORY_EDIT_WINDOW_HOURS})`);
}

/** A sent message whose story grew, claimed for an edit. */
export interface DueStoryEdit {
  id: number;
  articleId: number;
  chatId: number;
  messageId: number;
  chatLanguage: string | null;
  linkPreviews: boolean;
}

/** Enqueueing at least this many rows refreshes the table's statistics at once. */
const ANALYZE_AFTER_ROWS = 1000;

/**
 * Cancels every pending row of a chat, keeping `reason`; returns how many. Takes a transaction too:
 * deactivating a chat does this in the same transaction.
 */
export async function cancelPendingDeliveries(db: Db, chatId: number, reason: string): Promise<number> {
  const rows = await db
    .update(deliveries)
    .set({ status: "cancelled", error: reason, leaseUntil: null, leasedBy: null })
    .where(and(eq(deliveries.chatId, chatId), inArray(deliveries.status, ["pending", "held"])))
    .returning({ id: deliveries.id });
  return rows.length;
}

/** Number of delivery rows per status, optionally for one article. */
export async function countDeliveriesByStatus(db: Db, articleId?: number): Promise<Record<DeliveryStatus, number>> {
  const rows = await db
    .select({ status: deliveries.status, n: sql<number>`count(*)::int` })
    .from(deliveries)
    .where(articleId === undefined ? undefined : eq(deliveries.articleId, articleId))
    .groupBy(deliveries.status);
  const counts: Record<DeliveryStatus, number> = { pending: 0, sent: 0, failed: 0, cancelled: 0, held: 0, digested: 0 };
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}

/**
 * The chats that want an article, with the status of their row: those subscribed to one of its
 * topics (or to `all`), or following an entity it names, that are active and whose keyword
 * filters it passes. `terms` are the article's words and stems; the names of the entities it
 * mentions (every alias, and each word of it) are added here, so they are never stale.
 */
function wantedBy(articleId: number, terms: string[]): SQL {
  return sql`with story as (select ${storySiblings(articleId)} as ids),
               names as (
                 select a.normalized from entity_aliases a
                  where a.entity_id in (select m.entity_id from mentions m where m.article_id = ${articleId} and m.entity_id is not null)
               ),
               terms as (
                 select array(
                   select jsonb_array_elements_text(${JSON.stringify(terms)}::jsonb)
                   union select 'n:' || n.normalized from names n
                   union select 'n:' || w from names n, regexp_split_to_table(n.normalized, ' ') w
                 ) as t
               ),
               targets as (
                 select s.chat_id, s.thread_id from subscriptions s
                  where s.topic_id in (select at.topic_id from article_topics at where at.article_id = ${articleId})
                     or s.topic_id in (select t.id from topics t where t.kind = 'all')
                 union
                 select f.chat_id, 0 from follows f
                  where f.entity_id in (select m.entity_id from mentions m where m.article_id = ${articleId} and m.entity_id is not null)
               )
          select ${articleId}::int as article_id, c.id as chat_id, g.thread_id, case when c.delivery_mode = 'instant' then 'pending' else 'held' end as status
            from targets g
            join chats c on c.id = g.chat_id
           cross join terms
           cross join story
           where c.active
             -- One message per story: a chat that has (or will get) another article of the story is
             -- not sent this one; that message's Sources and outlets line grow instead.
             and not exists (select 1 from deliveries o where o.article_id = any(story.ids) and o.chat_id = c.id
                               and o.status in ('pending', 'sent', 'held', 'digested'))
             and not exists (select 1 from chat_filters x where x.chat_id = c.id and x.kind = 'exclude' and x.variants && terms.t)
             and (not exists (select 1 from chat_filters i where i.chat_id = c.id and i.kind = 'include')
                  or exists (select 1 from chat_filters i where i.chat_id = c.id and i.kind = 'include' and i.variants && terms.t))`;
}

/** Creates the delivery repository. */
export function createDeliveryRepository({ db }: { db: Db }) {
  /**
   * Records messages Telegram accepted, in one statement (the worker records the sends that
   * finished together), and pushes each chat's other pending rows at least `spacingMs` later so the
   * per-chat limit holds whichever worker claims them. The chat's other rows are found through
   * deliveries_chat_idx; the rows being marked sent are left out of that second update, since one
   * statement may not change a row twice.
   */
  async function markSentMany(sent: SentDelivery[]): Promise<void> {
    if (sent.length === 0) return;
    const values = JSON.stringify(sent.map((s) => ({ id: s.id, chat_id: s.chatId, message_id: s.messageId, spacing_ms: s.spacingMs })));
    await db.execute(
      sql`with sent as (
            update deliveries d
               set status = 'sent', message_id = v.message_id, sent_at = now(), lease_until = null,
                   leased_by = null, error = null, attempts = d.attempts + 1
              from jsonb_to_recordset(${values}::jsonb) as v(id bigint, chat_id bigint, message_id bigint, spacing_ms float8)
             where d.id = v.id
         returning d.id, d.chat_id, v.spacing_ms
          )
          update deliveries d
             set next_attempt_at = greatest(d.next_attempt_at, now() + make_interval(secs => s.spacing_ms / 1000))
            from sent s
           where d.chat_id = s.chat_id and d.status = 'pending' and d.id not in (select id from sent)`,
    );
  }

  return {
    /**
     * Creates a delivery for every active chat that wants the article: subscribed to one of its
     * topics (or to `all`), or following an entity it names; and whose keyword filters it passes
     * (`terms`: the article's words, stems and entity names, see subscriptions/filter-terms). A
     * chat on digests gets a `held` row, gathered into its next digest. Each chat once, whatever
     * the number of matches. Returns how many rows were created (0 when they already existed).
     */
    async enqueueArticle(articleId: number, terms: string[] = []): Promise<number> {
      // The rows and the end of the article's "to enqueue" mark commit together.
      const rows = await db.transaction(async (tx) => {
        // Articles of one story are enqueued one after the other, so that each sees which chats
        // the other gave the story to (read committed: the insert's snapshot follows the lock).
        await tx.execute(sql`select pg_advisory_xact_lock(${STORY_ENQUEUE_LOCK_KEY}, coalesce((select story_id from story_articles where article_id = ${articleId}), 0))`);
        const inserted = await rowsOf<{ id: unknown }>(
          tx,
          sql`insert into deliveries (article_id, chat_id, thread_id, status)
              ${wantedBy(articleId, terms)}
              on conflict (article_id, chat_id, thread_id) do nothing
              returning id`,
        );
        await tx.update(articles).set({ enqueuePending: false }).where(and(eq(articles.id, articleId), eq(articles.enqueuePending, true)));
        await scheduleStoryEdits(tx, articleId);
        return inserted;
      });
      // Autovacuum analyzes the table up to a minute after a large insert; until then the planner
      // knows nothing of these rows and each claim reads all of them (100 ms at 100k rows).
      if (rows.length >= ANALYZE_AFTER_ROWS) await db.execute(sql`analyze deliveries`);
      return rows.length;
    },

    /**
     * Claims up to `limit` messages due for a story edit: their mark is cleared and their edit time
     * stamped in the same statement, so two processes never edit one message and the next edit of
     * it waits an hour. A failed edit is not retried (it is cosmetic), except after a 429.
     */
    async claimStoryEdits(limit: number): Promise<DueStoryEdit[]> {
      const rows = await rowsOf<DueStoryEdit>(
        db,
        sql`with due as (
              select id from deliveries where edit_due_at <= now() order by edit_due_at limit ${limit} for update skip locked
            )
            update deliveries d set edit_due_at = null, edited_at = now()
              from due, chats c
             where d.id = due.id and c.id = d.chat_id
         returning d.id, d.article_id as "articleId", d.chat_id as "chatId", d.message_id as "messageId",
                   c.language as "chatLanguage", c.link_previews as "linkPreviews"`,
      );
      return rows.map((r) => ({ ...r, id: Number(r.id), articleId: Number(r.articleId), chatId: Number(r.chatId), messageId: Number(r.messageId) }));
    },

    /** Puts an edit back for `until` (Telegram answered 429). */
    async postponeStoryEdit(id: number, until: Date): Promise<void> {
      await db.update(deliveries).set({ editDueAt: until }).where(eq(deliveries.id, id));
    },

    /** How many chats want the article (what enqueueArticle would create), without writing. */
    async countWanting(articleId: number, terms: string[] = []): Promise<number> {
      const [row] = await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from (${wantedBy(articleId, terms)}) w`);
      return Number(row?.n ?? 0);
    },

    /**
     * Claims up to `limit` due rows for `workerId` for `leaseMs`: at most one per chat, none for a
     * chat that already has a leased row. Rows whose lease expired (their worker died) are due again.
     */
    async claim({ workerId, limit, leaseMs }: { workerId: string; limit: number; leaseMs: number }): Promise<ClaimedDelivery[]> {
      return db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(${CLAIM_LOCK_KEY})`);
        // A claim's cost bounds a worker's rate, so each step is bounded by `limit`, whatever plan
        // the planner picks (a freshly enqueued broadcast has no statistics yet):
        // - `due` takes `limit * 4` due, unleased rows in deliveries_due_idx order (next_attempt_at
        //   only: adding `id` would sort every pending row); the extra ones make up for chats with
        //   several due rows, or with a row in flight;
        // - only those are probed for "the chat has a leased row", through deliveries_chat_idx.
        //   The probe omits `status = 'pending'` on purpose: with it, the planner may scan the
        //   whole partial index deliveries_due_idx once per probe. Every change of status clears
        //   the lease, so a row with a lease is pending anyway. OFFSET 0 keeps it a per-row probe.
        // - DISTINCT ON cannot be combined with FOR UPDATE, so only the rows finally picked are
        //   locked (SKIP LOCKED), and their status and lease are checked again under the lock.
        const rows = await rowsOf<{
          id: string;
          article_id: number;
          chat_id: string;
          chat_type: string;
          chat_language: string | null;
          chat_active: boolean;
          attempts: number;
          digest_article_ids: number[] | string | null;
          thread_id: number;
          delivery_mode: DeliveryMode;
          time_zone: string;
          quiet_start: string | null;
          quiet_end: string | null;
          link_previews: boolean;
          silent: boolean;
        }>(
          tx,
          sql`with due as (
                select d.id, d.chat_id, d.next_attempt_at
                  from deliveries d
                 where d.status = 'pending'
                   and d.next_attempt_at <= now()
                   and (d.lease_until is null or d.lease_until < now())
                 order by d.next_attempt_at
                 limit ${limit * 4}
              ), candidates as (
                select * from due
                 where not exists (
                   select 1 from deliveries o where o.chat_id = due.chat_id and o.lease_until >= now() offset 0)
              ), picked as (
                select id from (
                  select distinct on (chat_id) id, next_attempt_at
                    from candidates
                   order by chat_id, next_attempt_at, id
                ) one_per_chat
                order by next_attempt_at, id
                limit ${limit}
              ), locked as (
                select d.id
                  from deliveries d
                  join picked p on p.id = d.id
                 where d.status = 'pending' and (d.lease_until is null or d.lease_until < now())
                   for update of d skip locked
              )
              update deliveries d
                 set lease_until = now() + make_interval(secs => ${leaseMs / 1000}),
                     leased_by = ${workerId}
                from locked l, chats c
               where d.id = l.id and c.id = d.chat_id
           returning d.id::text as id, d.article_id, d.chat_id::text as chat_id, c.type as chat_type,
                     coalesce(c.language, c.telegram_language) as chat_language, c.active as chat_active, d.attempts,
                     d.digest_article_ids, d.thread_id, c.delivery_mode, c.time_zone, c.quiet_start, c.quiet_end, c.link_previews, c.silent`,
        );
        return rows
          .map((r) => ({
            id: Number(r.id),
            articleId: Number(r.article_id),
            chatId: Number(r.chat_id),
            chatType: r.chat_type,
            chatLanguage: r.chat_language,
            chatActive: r.chat_active,
            attempts: Number(r.attempts),
            digestArticleIds: intArray(r.digest_article_ids),
            threadId: Number(r.thread_id),
            deliveryMode: r.delivery_mode,
            timeZone: r.time_zone,
            quietStart: r.quiet_start,
            quietEnd: r.quiet_end,
            linkPreviews: r.link_previews,
            silent: r.silent,
          }))
          .sort((a, b) => a.id - b.id);
      });
    },

    markSentMany,

    /** Puts a row back, due at `until` (quiet hours): no attempt counted, no error. */
    async postpone(id: number, until: Date): Promise<void> {
      await db
        .update(deliveries)
        .set({ leaseUntil: null, leasedBy: null, nextAttemptAt: until })
        .where(eq(deliveries.id, id));
    },

    /** Chats whose digest is due now, oldest first. */
    async dueDigestChats(limit: number, now: Date = new Date()): Promise<DueDigestChat[]> {
      const rows = await rowsOf<{ id: string; delivery_mode: DueDigestChat["mode"]; digest_time: string | null; digest_weekday: number | null; time_zone: string; next_digest_at: Date | string }>(
        db,
        sql`select id::text, delivery_mode, digest_time, digest_weekday, time_zone, next_digest_at from chats
             where delivery_mode <> 'instant' and active and next_digest_at <= ${now.toISOString()}::timestamptz order by next_digest_at limit ${limit}`,
      );
      return rows.map((r) => ({ chatId: Number(r.id), mode: r.delivery_mode, digestTime: r.digest_time, digestWeekday: r.digest_weekday, timeZone: r.time_zone, dueAt: new Date(r.next_digest_at) }));
    },

    /**
     * Builds the digests of several chats in one statement (one transaction): for each chat whose
     * digest is still due at its `dueAt` (two builders racing build it once), the next one is
     * scheduled at `nextAt`, its newest held row becomes the digest message (pending, listing
     * every held article, newest first) and the other held rows `digested`. Returns the number of
     * digest messages queued (chats with nothing held get none).
     */
    async buildDigests(due: { chatId: number; dueAt: Date; nextAt: Date }[]): Promise<number> {
      if (due.length === 0) return 0;
      const input = JSON.stringify(due.map((d) => ({ chat: d.chatId, due: d.dueAt.toISOString(), next: d.nextAt.toISOString() })));
      const [row] = await rowsOf<{ digests: number }>(
        db,
        sql`with input as (
                select (x->>'chat')::bigint as chat_id, (x->>'due')::timestamptz as due_at, (x->>'next')::timestamptz as next_at
                  from jsonb_array_elements(${input}::jsonb) x
              ), moved as (
                update chats c set next_digest_at = i.next_at
                  from input i
                 where c.id = i.chat_id and date_trunc('milliseconds', c.next_digest_at) = i.due_at
                returning c.id
              ), held as (
                select d.id, d.chat_id, d.thread_id, d.article_id,
                       row_number() over (partition by d.chat_id, d.thread_id order by a.published_at desc, a.id desc) as rank
                  from moved mv
                  join deliveries d on d.chat_id = mv.id and d.status = 'held'
                  join articles a on a.id = d.article_id
              ), lists as (
                select chat_id, thread_id, array_agg(article_id order by rank) as ids from held group by chat_id, thread_id
              ), heads as (
                update deliveries d set status = 'pending', next_attempt_at = now(), digest_article_ids = l.ids
                  from held h join lists l on l.chat_id = h.chat_id and l.thread_id = h.thread_id
                 where d.id = h.id and h.rank = 1
                returning d.id
              ), folded as (
                -- Runs although nothing reads it: PostgreSQL always executes data-modifying CTEs.
                update deliveries d set status = 'digested'
                  from held h
                 where d.id = h.id and h.rank > 1
                returning d.id
              )
            select (select count(*) from heads)::int as digests`,
      );
      return Number(row?.digests ?? 0);
    },

    /** Puts a row back in the queue, due after `delayMs`; `countAttempt: false` for rate limits. */
    async markRetry(id: number, error: string, delayMs: number, options: { countAttempt?: boolean } = {}): Promise<void> {
      await db
        .update(deliveries)
        .set({
          status: "pending",
          error,
          leaseUntil: null,
          leasedBy: null,
          nextAttemptAt: sql`now() + make_interval(secs => ${delayMs / 1000})`,
          attempts: options.countAttempt === false ? deliveries.attempts : sql`${deliveries.attempts} + 1`,
        })
        .where(eq(deliveries.id, id));
    },

    /** Gives up on a row, keeping the reason. */
    async markFailed(id: number, error: string): Promise<void> {
      await db
        .update(deliveries)
        .set({ status: "failed", error, leaseUntil: null, leasedBy: null, attempts: sql`${deliveries.attempts} + 1` })
        .where(eq(deliveries.id, id));
    },

    /** Cancels every pending row of a chat (it blocked the bot or was removed). Returns how many. */
    cancelPendingForChat(chatId: number, reason: string): Promise<number> {
      return cancelPendingDeliveries(db, chatId, reason);
    },

    /** Extends the leases of every row `workerId` holds (the worker's heartbeat). */
    async renewLeases(workerId: string, leaseMs: number): Promise<number> {
      const rows = await db
        .update(deliveries)
        .set({ leaseUntil: sql`now() + make_interval(secs => ${leaseMs / 1000})` })
        .where(and(eq(deliveries.leasedBy, workerId), eq(deliveries.status, "pending"), sql`${deliveries.leaseUntil} is not null`))
        .returning({ id: deliveries.id });
      return rows.length;
    },

    /**
     * Frees every lease: for a process that knows it is the only worker (PGlite, whose data
     * directory one process holds), so the rows a killed predecessor held are due at once.
     */
    async releaseAll(): Promise<number> {
      const rows = await db
        .update(deliveries)
        .set({ leaseUntil: null, leasedBy: null })
        .where(and(eq(deliveries.status, "pending"), sql`${deliveries.leaseUntil} is not null`))
        .returning({ id: deliveries.id });
      return rows.length;
    },

    /** Releases the leases a worker still holds on unsent rows (clean shutdown): due again at once. */
    async release(workerId: string, ids?: number[]): Promise<number> {
      const rows = await db
        .update(deliveries)
        .set({ leaseUntil: null, leasedBy: null })
        .where(
          and(
            eq(deliveries.leasedBy, workerId),
            eq(deliveries.status, "pending"),
            ids ? inArray(deliveries.id, ids.length ? ids : [-1]) : undefined,
          ),
        )
        .returning({ id: deliveries.id });
      return rows.length;
    },

    /** Milliseconds until the next pending row is due (0 if one is due now), or undefined when none. */
    async msUntilNextDue(): Promise<number | undefined> {
      // Not greatest(0, …) in SQL: GREATEST skips NULL, so an empty queue would read as "due now"
      // and an idle worker would poll ten times a second instead of once.
      const [row] = await rowsOf<{ ms: number | string | null }>(
        db,
        sql`select (extract(epoch from (min(greatest(next_attempt_at, coalesce(lease_until, next_attempt_at))) - now())) * 1000)::float8 as ms
              from deliveries where status = 'pending'`,
      );
      return row?.ms === null || row?.ms === undefined ? undefined : Math.max(0, Math.ceil(Number(row.ms)));
    },

    /** Delivery counts per status for the newest articles that have deliveries. */
    async countsForRecentArticles(limit: number): Promise<ArticleDeliveryCounts[]> {
      const rows = await db
        .select({
          articleId: articles.id,
          title: articles.title,
          publishedAt: articles.publishedAt,
          pending: sql<number>`count(*) filter (where ${deliveries.status} = 'pending')::int`,
          sent: sql<number>`count(*) filter (where ${deliveries.status} = 'sent')::int`,
          failed: sql<number>`count(*) filter (where ${deliveries.status} = 'failed')::int`,
          cancelled: sql<number>`count(*) filter (where ${deliveries.status} = 'cancelled')::int`,
        })
        .from(deliveries)
        .innerJoin(articles, eq(articles.id, deliveries.articleId))
        .groupBy(articles.id)
        .orderBy(desc(articles.publishedAt), desc(articles.id))
        .limit(limit);
      return rows;
    },

    /** Every row of an article (tests and diagnostics). */
    async ofArticle(articleId: number) {
      return db
        .select({
          id: deliveries.id,
          chatId: deliveries.chatId,
          status: deliveries.status,
          attempts: deliveries.attempts,
          messageId: deliveries.messageId,
          error: deliveries.error,
          leasedBy: deliveries.leasedBy,
        })
        .from(deliveries)
        .where(eq(deliveries.articleId, articleId))
        .orderBy(deliveries.id);
    },

    /** Number of rows per status, optionally for one article. */
    countByStatus(articleId?: number): Promise<Record<DeliveryStatus, number>> {
      return countDeliveriesByStatus(db, articleId);
    },
  };
}

export type DeliveryRepository = ReturnType<typeof createDeliveryRepository>;
