/**
 * Stories: which articles report one event. `assignStory` runs inside the article's own insert
 * transaction, so an article is never stored without its story; the rest reads stories and lets an
 * admin split and merge them.
 *
 * Clustering reads its candidates with one indexed query: the articles of the 72 hours around the
 * new one that share a key with it (GIN on keys, each stored under its three-day time bucket, so
 * that the lookup reads only the postings of the days around it), best overlap first, never the
 * whole archive. Assignments are serialised by a transaction-level advisory lock, so two
 * articles of one event published at once cannot both start a story.
 */
import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { articles, stories, storyArticles } from "../schema.js";
import { lookupKeys, type StoryFeatures } from "../../stories/features.js";
import {
  chooseStory,
  countedKeys,
  STORY_WINDOW_HOURS,
  weigh,
  type Candidate,
  type Comparison,
  type WeightedFeatures,
} from "../../stories/similarity.js";
import { rowsOf, type QueryRunner } from "./rows.js";
import { storyOutlets } from "../../stories/outlets.js";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** Serialises story assignment (an arbitrary constant; the claim lock uses another). */
const STORY_LOCK_KEY = 7_311_017;
/** The most candidates scored per new article. */
export const CANDIDATE_LIMIT = 200;

/**
 * A text[] parameter: drizzle expands a JS array into a row of parameters, so it travels as one
 * JSON parameter (evaluated once per statement, usable by the GIN index).
 */
function textArray(values: readonly string[]) {
  return sql`array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;
}

/** Days per time bucket of the stored keys: the window (±72 h) spans at most three buckets. */
const BUCKET_DAYS = STORY_WINDOW_HOURS / 24;

function bucketOf(date: Date): number {
  return Math.floor(date.getTime() / (BUCKET_DAYS * 86_400_000));
}

/**
 * The keys an article is stored under: each lookup key prefixed with the article's time bucket,
 * so that a lookup reads only the postings of the days around it, however large the archive.
 */
export function storedKeys(keys: readonly string[], publishedAt: Date): string[] {
  const bucket = bucketOf(publishedAt);
  return keys.map((key) => `${bucket}|${key}`);
}

/** The stored keys that can match within the window around `publishedAt`: three buckets. */
function windowKeys(keys: readonly string[], publishedAt: Date): string[] {
  const bucket = bucketOf(publishedAt);
  return [bucket - 1, bucket, bucket + 1].flatMap((b) => keys.map((key) => `${b}|${key}`));
}

/** The candidate query (`keys`: lookup keys, unbucketed), shared with the bench. */
export function candidateQuery(keys: string[], publishedAt: Date, excludeArticleId: number, limit = CANDIDATE_LIMIT) {
  const at = publishedAt.toISOString();
  const window = `${STORY_WINDOW_HOURS} hours`;
  const inWindow = windowKeys(keys, publishedAt);
  return sql`select sa.article_id as "articleId", sa.story_id as "storyId", sa.published_at as "publishedAt", sa.features
               from story_articles sa
              where sa.keys && ${textArray(inWindow)}
                and sa.published_at between ${at}::timestamptz - ${window}::interval and ${at}::timestamptz + ${window}::interval
                and sa.article_id <> ${excludeArticleId}
              order by cardinality(array(select unnest(sa.keys) intersect select unnest(${textArray(inWindow)}))) desc, sa.published_at desc, sa.article_id
              limit ${limit}`;
}

/** A key carried by more than this share of the archive (and at least COMMON_KEY_MIN articles) finds too much to look up by. */
const COMMON_KEY_SHARE = 0.02;
const COMMON_KEY_MIN = 50;

/**
 * The lookup keys worth querying: a name or word that a large share of the archive carries
 * ("Trump", "said") would match most of the window and make the query read it all; the rarest
 * keys are kept whatever their counts, so that an article always finds its candidates.
 */
export function selectiveKeys(keys: string[], counts: { total: number; of(key: string): number }): string[] {
  const limit = Math.max(COMMON_KEY_MIN, counts.total * COMMON_KEY_SHARE);
  const selective = keys.filter((key) => counts.of(key) <= limit);
  if (selective.length >= 5) return selective;
  return [...keys].sort((a, b) => counts.of(a) - counts.of(b) || (a < b ? -1 : 1)).slice(0, 5);
}

/** Reads the document counts of `keys` (and the total) in one query. */
async function documentCounts(db: QueryRunner, keys: string[]) {
  const rows = await rowsOf<{ key: string; articles: number }>(
    db,
    sql`select key, articles from story_key_counts where key = any(${textArray(["", ...keys])})`,
  );
  const counts = new Map(rows.map((r) => [r.key, Number(r.articles)]));
  return { total: counts.get("") ?? 0, of: (key: string) => counts.get(key) ?? 0 };
}

/** Reads candidate rows into scoring input (the driver returns dates as strings on raw queries). */
export function toCandidates(rows: { articleId: number; storyId: number; publishedAt: string | Date; features: unknown }[]): Candidate[] {
  return rows.map((r) => ({
    articleId: Number(r.articleId),
    storyId: Number(r.storyId),
    publishedAt: new Date(r.publishedAt),
    features: (typeof r.features === "string" ? JSON.parse(r.features) : r.features) as WeightedFeatures,
  }));
}

/** What an article's story placement records about the match (empty for a story's first article). */
function matchedOf(best: (Comparison & { articleId: number; articleScore: number }) | undefined, joined: boolean): Record<string, unknown> {
  if (!best) return {};
  return { joined, withArticle: best.articleId, ...best };
}

/**
 * Puts a just-inserted article into a story (inside its insert transaction): the best-matching
 * story of the window, or a new one. Returns the story and the score it joined with.
 */
export async function assignStory(
  tx: Tx,
  article: { id: number; publishedAt: Date; features: StoryFeatures },
): Promise<{ storyId: number; score: number; created: boolean }> {
  await tx.execute(sql`select pg_advisory_xact_lock(${STORY_LOCK_KEY})`);
  const counted = countedKeys(article.features);
  const counts = await documentCounts(tx, counted);
  // Fingerprint bands are not counted: they are rare by nature and stay in selectiveKeys.
  const weighted = weigh(article.features, counts);
  const keys = lookupKeys(article.features);
  const candidates = toCandidates(await rowsOf(tx, candidateQuery(selectiveKeys(keys, counts), article.publishedAt, article.id)));
  const choice = chooseStory(weighted, article.publishedAt, candidates);
  let storyId = choice.storyId;
  const created = storyId === null;
  if (storyId === null) {
    const [story] = await tx
      .insert(stories)
      .values({ articleCount: 0, firstPublishedAt: article.publishedAt, lastPublishedAt: article.publishedAt })
      .returning({ id: stories.id });
    storyId = story!.id;
  }
  await tx.insert(storyArticles).values({
    articleId: article.id,
    storyId,
    publishedAt: article.publishedAt,
    language: article.features.language,
    score: created ? 0 : (choice.best?.score ?? 0),
    matched: matchedOf(choice.best, !created),
    joinedBy: created ? "first" : "cluster",
    keys: sql`${textArray(storedKeys(keys, article.publishedAt))}` as unknown as string[],
    features: weighted as unknown as Record<string, unknown>,
  });
  await refreshStory(tx, storyId);
  await tx.execute(
    sql`insert into story_key_counts (key, articles)
        select k, 1 from unnest(${textArray(["", ...new Set(counted)])}) as k
        on conflict (key) do update set articles = story_key_counts.articles + 1`,
  );
  return { storyId, score: created ? 0 : (choice.best?.score ?? 0), created };
}

/** Recomputes a story's article count and time span (after a join, a split or a merge). */
async function refreshStory(db: QueryRunner, storyId: number): Promise<void> {
  await db.execute(
    sql`update stories s
           set article_count = x.n, first_published_at = x.first, last_published_at = x.last
          from (select count(*)::int as n, min(published_at) as first, max(published_at) as last
                  from story_articles where story_id = ${storyId}) x
         where s.id = ${storyId} and x.n > 0`,
  );
  await db.execute(sql`delete from stories s where s.id = ${storyId} and not exists (select 1 from story_articles sa where sa.story_id = s.id)`);
}

/** One article of a story, as the story card and the API list them. */
export interface StoryArticleView {
  id: number;
  title: string;
  summary: string;
  bullets: string[];
  url: string | null;
  site: string | null;
  language: string;
  publishedAt: Date;
  score: number;
  joinedBy: string;
  matched: Record<string, unknown>;
}

export interface StoryView {
  id: number;
  articleCount: number;
  firstPublishedAt: Date;
  lastPublishedAt: Date;
  /** Oldest first. */
  articles: StoryArticleView[];
}

/** What a message about an article says of its story: how many articles, which outlets. */
export interface StorySummary {
  id: number;
  articles: number;
  /** Distinct outlets of its articles, in order of first report. */
  outlets: string[];
}

/** Creates the story repository. */
export function createStoryRepository({ db }: { db: Db }) {
  const articleColumns = {
    id: articles.id,
    title: articles.title,
    summary: articles.summary,
    bullets: articles.bullets,
    url: articles.url,
    site: articles.site,
    language: articles.language,
    publishedAt: articles.publishedAt,
    score: storyArticles.score,
    joinedBy: storyArticles.joinedBy,
    matched: storyArticles.matched,
  };

  async function byId(storyId: number): Promise<StoryView | undefined> {
    const [story] = await db.select().from(stories).where(eq(stories.id, storyId));
    if (!story) return undefined;
    const rows = await db
      .select(articleColumns)
      .from(storyArticles)
      .innerJoin(articles, eq(articles.id, storyArticles.articleId))
      .where(eq(storyArticles.storyId, storyId))
      .orderBy(asc(storyArticles.publishedAt), asc(storyArticles.articleId));
    return {
      id: story.id,
      articleCount: story.articleCount,
      firstPublishedAt: story.firstPublishedAt,
      lastPublishedAt: story.lastPublishedAt,
      articles: rows.map((r) => ({ ...r, joinedBy: r.joinedBy as string })),
    };
  }

  async function storyIdOf(articleId: number): Promise<number | undefined> {
    const [row] = await db.select({ storyId: storyArticles.storyId }).from(storyArticles).where(eq(storyArticles.articleId, articleId));
    return row?.storyId;
  }

  /** The story summaries of several articles, by article id (one query: a digest's articles). */
  async function summariesOfArticles(articleIds: number[]): Promise<Map<number, StorySummary>> {
    if (articleIds.length === 0) return new Map();
    const rows = await rowsOf<{ articleId: number; storyId: number; site: string | null; url: string | null }>(
      db,
      sql`select mine.article_id as "articleId", mine.story_id as "storyId", a.site, a.url
            from story_articles mine
            join story_articles sa on sa.story_id = mine.story_id
            join articles a on a.id = sa.article_id
           where mine.article_id = any(${textArray(articleIds.map(String))}::int[])
           order by mine.article_id, sa.published_at, sa.article_id`,
    );
    const grouped = new Map<number, { storyId: number; list: { site: string | null; url: string | null }[] }>();
    for (const row of rows) {
      const id = Number(row.articleId);
      const entry = grouped.get(id) ?? { storyId: Number(row.storyId), list: [] };
      entry.list.push({ site: row.site, url: row.url });
      grouped.set(id, entry);
    }
    return new Map([...grouped].map(([id, { storyId, list }]) => [id, { id: storyId, articles: list.length, outlets: storyOutlets(list) }]));
  }

  return {
    byId,

    /** The summary of an article's story. */
    async summaryOf(articleId: number): Promise<StorySummary | undefined> {
      return (await summariesOfArticles([articleId])).get(articleId);
    },

    summariesOfArticles,

    /**
     * The newest stories (by their latest article), optionally with an article of one topic: each
     * as its first article's id (the original report), newest story first. One query.
     */
    async latestLeads({ limit, topicSlug }: { limit: number; topicSlug?: string }): Promise<number[]> {
      const ofTopic = topicSlug
        ? sql`where exists (select 1 from story_articles x join article_topics at on at.article_id = x.article_id
                             join topics t on t.id = at.topic_id where x.story_id = s.id and t.slug = ${topicSlug})`
        : sql``;
      const rows = await rowsOf<{ articleId: number }>(
        db,
        sql`with recent as (select s.id, s.last_published_at from stories s ${ofTopic} order by s.last_published_at desc, s.id desc limit ${limit})
            select (select sa.article_id from story_articles sa where sa.story_id = r.id order by sa.published_at, sa.article_id limit 1) as "articleId"
              from recent r order by r.last_published_at desc, r.id desc`,
      );
      return rows.map((r) => Number(r.articleId));
    },

    /** The story of an article, with all its articles. */
    async ofArticle(articleId: number): Promise<StoryView | undefined> {
      const storyId = await storyIdOf(articleId);
      return storyId === undefined ? undefined : byId(storyId);
    },

    /**
     * Takes an article out of its story into a story of its own (an admin's correction). Returns
     * the new story's id, or undefined when the article is not in `storyId`, or alone in it.
     */
    async split(storyId: number, articleId: number): Promise<number | undefined> {
      return db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(${STORY_LOCK_KEY})`);
        const [row] = await tx
          .select({ publishedAt: storyArticles.publishedAt })
          .from(storyArticles)
          .where(and(eq(storyArticles.storyId, storyId), eq(storyArticles.articleId, articleId)));
        if (!row) return undefined;
        const [others] = await tx
          .select({ n: sql<number>`count(*)::int` })
          .from(storyArticles)
          .where(and(eq(storyArticles.storyId, storyId), ne(storyArticles.articleId, articleId)));
        if (!others || Number(others.n) === 0) return undefined;
        const [story] = await tx
          .insert(stories)
          .values({ articleCount: 1, firstPublishedAt: row.publishedAt, lastPublishedAt: row.publishedAt })
          .returning({ id: stories.id });
        await tx
          .update(storyArticles)
          .set({ storyId: story!.id, joinedBy: "split", score: 0, matched: sql`${storyArticles.matched} || ${JSON.stringify({ splitFrom: storyId })}::jsonb` })
          .where(eq(storyArticles.articleId, articleId));
        await refreshStory(tx, storyId);
        await refreshStory(tx, story!.id);
        return story!.id;
      });
    },

    /** Moves every article of story `from` into story `into`. False when either does not exist or they are one. */
    async merge(into: number, from: number): Promise<boolean> {
      if (into === from) return false;
      return db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(${STORY_LOCK_KEY})`);
        const found = await tx.select({ id: stories.id }).from(stories).where(inArray(stories.id, [into, from]));
        if (found.length !== 2) return false;
        await tx
          .update(storyArticles)
          .set({ storyId: into, joinedBy: "merge", matched: sql`${storyArticles.matched} || ${JSON.stringify({ mergedFrom: from })}::jsonb` })
          .where(eq(storyArticles.storyId, from));
        await refreshStory(tx, into);
        await refreshStory(tx, from);
        return true;
      });
    },

    /** Story ids by article id (evaluation, tests). */
    async assignments(articleIds: number[]): Promise<Map<number, number>> {
      if (articleIds.length === 0) return new Map();
      const rows = await db
        .select({ articleId: storyArticles.articleId, storyId: storyArticles.storyId })
        .from(storyArticles)
        .where(inArray(storyArticles.articleId, articleIds))
        .orderBy(desc(storyArticles.articleId));
      return new Map(rows.map((r) => [r.articleId, r.storyId]));
    },
  };
}

export type StoryRepository = ReturnType<typeof createStoryRepository>;
