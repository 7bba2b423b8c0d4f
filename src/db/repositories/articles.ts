/**
 * Articles with everything the analyser found in them (topics, citations, mentions), stored in one
 * transaction so an article is never visible half-analysed.
 */
import { and, asc, desc, eq, exists, inArray, or, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import {
  articles,
  articleTopics,
  citations,
  entities,
  entityAliases,
  mentions,
  outlets,
  topics,
} from "../schema.js";
import type { CitationFound } from "../../entities/types.js";
import type { StoryFeatures } from "../../stories/features.js";
import { chunks, type AliasKey } from "./catalog.js";
import { assignStory } from "./stories.js";

export interface ArticleSummary {
  id: number;
  title: string;
  summary: string;
  url: string | null;
  site: string | null;
  language: string;
  publishedAt: Date;
  topics: string[];
}

/** A row of the newest articles: /latest shows the bullets when it lists a single article. */
export interface LatestArticle extends ArticleSummary {
  bullets: string[];
}

export interface ArticleDetail extends ArticleSummary {
  body: string;
  bullets: string[];
  comment: string | null;
  tags: string[];
  origin: string;
}

export interface CitationView {
  sourceKey: string;
  outlet: { slug: string; name: string; homepage: string | null } | null;
  speaker: string | null;
  entityName: string | null;
  claim: string;
  position: number;
}

export interface MentionView {
  /** Null for a name kept as text only (too little evidence for an entity). */
  entityId: number | null;
  slug: string | null;
  name: string;
  kind: string;
  role: string | null;
  sentence: string;
  position: number;
}

export interface NewArticleRecord {
  /** To be broadcast: the sweeper queues its deliveries if the publisher dies before it does. */
  enqueuePending?: boolean;
  title: string;
  body: string;
  bodyHash: string;
  url?: string | null;
  site?: string | null;
  comment?: string | null;
  language: string;
  summary: string;
  bullets: string[];
  summaryByAdmin: boolean;
  tags: string[];
  origin: string;
  createdBy?: number | null;
  publishedAt?: Date;
  topicSlugs: string[];
  /** The citations as the analysis found them. */
  citations: CitationFound[];
  /** A mention names an entity (`entitySlug`) or, with too little evidence for one, only a `name`. */
  mentions: { entitySlug?: string; name?: string; kind?: "person" | "organization" | "place"; sentence: string; position: number; role?: string; roleNormalized?: string }[];
  /** Names the analyser found that are not in the catalog: stored as entities with source = extracted. */
  newEntities: { slug: string; kind: "person" | "organization" | "place"; name: string; aliases: AliasKey[]; searchText: string }[];
  /** Outlets cited by name that the catalog does not know: stored with source = extracted. */
  newOutlets?: { slug: string; name: string }[];
  /** What the story clustering compares; the article joins a story in its insert transaction. */
  story: StoryFeatures;
}

/** Creates the article repository. */
export function createArticleRepository({ db }: { db: Db }) {
  const summaryColumns = {
    id: articles.id,
    title: articles.title,
    summary: articles.summary,
    url: articles.url,
    site: articles.site,
    language: articles.language,
    publishedAt: articles.publishedAt,
  };

  // The article's topic slugs in catalogue order, as a column: the article and its topics in one
  // round trip instead of two. Names are spelt out because drizzle leaves columns unqualified in a
  // one-table select, and an unqualified "id" inside the subquery would be the topic's.
  const topicSlugs = sql<string[]>`coalesce((
    select json_agg(t.slug order by t.position)
    from ${articleTopics} as at join ${topics} as t on t.id = at.topic_id
    where at.article_id = ${articles}.id
  ), '[]'::json)`;

  return {
    /** The newest articles, optionally of one topic, each with its topics and bullets (one query). */
    async latest({ limit, topicSlug }: { limit: number; topicSlug?: string }): Promise<LatestArticle[]> {
      const ofTopic = topicSlug
        ? exists(
            db
              .select({ one: sql`1` })
              .from(articleTopics)
              .innerJoin(topics, eq(topics.id, articleTopics.topicId))
              .where(and(eq(articleTopics.articleId, articles.id), eq(topics.slug, topicSlug))),
          )
        : undefined;
      return db
        .select({ ...summaryColumns, topics: topicSlugs, bullets: articles.bullets })
        .from(articles)
        .where(ofTopic)
        .orderBy(desc(articles.publishedAt), desc(articles.id))
        .limit(limit);
    },

    /** Articles by id with their topics and bullets, in the order of `ids` (one query). */
    async summariesByIds(ids: number[]): Promise<LatestArticle[]> {
      if (ids.length === 0) return [];
      const rows = await db
        .select({ ...summaryColumns, topics: topicSlugs, bullets: articles.bullets })
        .from(articles)
        .where(inArray(articles.id, ids));
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
    },

    /** One article with its topics (one query). */
    async byId(id: number): Promise<ArticleDetail | undefined> {
      const [row] = await db
        .select({
          ...summaryColumns,
          topics: topicSlugs,
          body: articles.body,
          bullets: articles.bullets,
          comment: articles.comment,
          tags: articles.tags,
          origin: articles.origin,
        })
        .from(articles)
        .where(eq(articles.id, id));
      return row;
    },

    /** An existing article with the same original link or the same body, if any. */
    async findDuplicate({ url, bodyHash }: { url?: string | null; bodyHash: string }): Promise<number | undefined> {
      const [row] = await db
        .select({ id: articles.id })
        .from(articles)
        .where(url ? or(eq(articles.url, url), eq(articles.bodyHash, bodyHash)) : eq(articles.bodyHash, bodyHash))
        .limit(1);
      return row?.id;
    },

    /**
     * Stores an analysed article. Returns its id, or `duplicateOf` when the same link or body is
     * already stored (the unique keys decide, so two concurrent posts cannot both win).
     */
    async insert(record: NewArticleRecord): Promise<{ id: number; created: boolean; storyId?: number }> {
      return db.transaction(async (tx) => {
        const [inserted] = await tx
          .insert(articles)
          .values({
            title: record.title,
            body: record.body,
            bodyHash: record.bodyHash,
            url: record.url ?? null,
            site: record.site ?? null,
            comment: record.comment ?? null,
            language: record.language,
            summary: record.summary,
            bullets: record.bullets,
            summaryByAdmin: record.summaryByAdmin,
            tags: record.tags,
            origin: record.origin,
            createdBy: record.createdBy ?? null,
            publishedAt: record.publishedAt ?? new Date(),
            enqueuePending: record.enqueuePending ?? false,
          })
          .onConflictDoNothing()
          .returning({ id: articles.id, publishedAt: articles.publishedAt });
        if (!inserted) {
          const [existing] = await tx
            .select({ id: articles.id })
            .from(articles)
            .where(record.url ? or(eq(articles.url, record.url), eq(articles.bodyHash, record.bodyHash)) : eq(articles.bodyHash, record.bodyHash));
          return { id: existing!.id, created: false };
        }
        const articleId = inserted.id;

        await writeAnalysis(tx, articleId, record);
        const story = await assignStory(tx, { id: articleId, publishedAt: inserted.publishedAt, features: record.story });
        return { id: articleId, created: true, storyId: story.storyId };
      });
    },

    /** Articles stored for broadcast whose deliveries were not queued, stored before `before`. */
    async pendingEnqueue(before: Date, limit: number): Promise<number[]> {
      const rows = await db
        .select({ id: articles.id })
        .from(articles)
        .where(and(eq(articles.enqueuePending, true), sql`${articles.createdAt} < ${before.toISOString()}::timestamptz`))
        .orderBy(asc(articles.id))
        .limit(limit);
      return rows.map((r) => r.id);
    },

    /**
     * Replaces what the analyser found in an article (after the catalog or the analyser changed).
     * Topics are only added, never removed, so an admin's choice stays; an admin's summary stays.
     */
    async replaceAnalysis(articleId: number, update: ArticleAnalysisRecord & { summary: string; bullets: string[]; language: string }): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.delete(citations).where(eq(citations.articleId, articleId));
        await tx.delete(mentions).where(eq(mentions.articleId, articleId));
        await tx
          .update(articles)
          .set({ summary: sql`case when ${articles.summaryByAdmin} then ${articles.summary} else ${update.summary} end`, bullets: update.bullets, language: update.language })
          .where(eq(articles.id, articleId));
        await writeAnalysis(tx, articleId, update);
      });
    },

    /** Every article id with what re-analysis needs, oldest first. */
    async allForAnalysis(): Promise<{ id: number; title: string; body: string; tags: string[]; language: string; origin: string }[]> {
      return db
        .select({ id: articles.id, title: articles.title, body: articles.body, tags: articles.tags, language: articles.language, origin: articles.origin })
        .from(articles)
        .orderBy(asc(articles.id));
    },

    /** The claims an article attributes to outlets and speakers, in text order. */
    async citationsOf(articleId: number): Promise<CitationView[]> {
      const rows = await db
        .select({
          sourceKey: citations.sourceKey,
          outletSlug: outlets.slug,
          outletName: outlets.name,
          homepage: outlets.homepage,
          speaker: citations.speaker,
          entityName: entities.name,
          claim: citations.claim,
          position: citations.position,
        })
        .from(citations)
        .leftJoin(outlets, eq(outlets.id, citations.outletId))
        .leftJoin(entities, eq(entities.id, citations.entityId))
        .where(eq(citations.articleId, articleId))
        .orderBy(asc(citations.position), asc(citations.id));
      return rows.map((r) => ({
        sourceKey: r.sourceKey,
        outlet: r.outletSlug ? { slug: r.outletSlug, name: r.outletName!, homepage: r.homepage } : null,
        speaker: r.speaker,
        entityName: r.entityName,
        claim: r.claim,
        position: r.position,
      }));
    },

    /** The entities an article names, in order of first mention. */
    async mentionsOf(articleId: number): Promise<MentionView[]> {
      return db
        .select({
          entityId: mentions.entityId,
          slug: entities.slug,
          name: sql<string>`coalesce(${entities.name}, ${mentions.name})`,
          kind: sql<string>`coalesce(${entities.kind}, ${mentions.kind})`,
          role: mentions.role,
          sentence: mentions.sentence,
          position: mentions.position,
        })
        .from(mentions)
        .leftJoin(entities, eq(entities.id, mentions.entityId))
        .where(eq(mentions.articleId, articleId))
        .orderBy(asc(mentions.position), asc(mentions.id));
    },

    async count(): Promise<number> {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(articles);
      return row?.n ?? 0;
    },
  };
}

export type ArticleRepository = ReturnType<typeof createArticleRepository>;

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** The analysis an article is stored with: everything but the article row itself. */
export type ArticleAnalysisRecord = Pick<NewArticleRecord, "topicSlugs" | "citations" | "mentions" | "newEntities" | "newOutlets">;

/** Writes topics, extracted entities, citations and mentions of one article (inside a transaction). */
async function writeAnalysis(tx: Tx, articleId: number, record: ArticleAnalysisRecord): Promise<void> {
  if (record.topicSlugs.length > 0) {
    const topicRows = await tx.select({ id: topics.id }).from(topics).where(inArray(topics.slug, record.topicSlugs));
    if (topicRows.length > 0) {
      await tx.insert(articleTopics).values(topicRows.map((t) => ({ articleId, topicId: t.id }))).onConflictDoNothing();
    }
  }

  for (const entity of record.newEntities) {
    const [row] = await tx
      .insert(entities)
      .values({ slug: entity.slug, kind: entity.kind, name: entity.name, spellings: entity.aliases.map((a) => a.alias), source: "extracted", searchText: entity.searchText })
      .onConflictDoNothing()
      .returning({ id: entities.id });
    if (row && entity.aliases.length > 0) {
      await tx.insert(entityAliases).values(entity.aliases.map((a) => ({ entityId: row.id, ...a }))).onConflictDoNothing();
    }
  }

  if (record.newOutlets?.length) {
    await tx
      .insert(outlets)
      .values(record.newOutlets.map((o) => ({ slug: o.slug, name: o.name, aliases: [o.name], source: "extracted" as const })))
      .onConflictDoNothing();
  }

  const slugs = [
    ...new Set([
      ...record.mentions.flatMap((m) => (m.entitySlug ? [m.entitySlug] : [])),
      ...record.citations.flatMap((c) => (c.entitySlug ? [c.entitySlug] : [])),
    ]),
  ];
  const entityRows = slugs.length
    ? await tx.select({ id: entities.id, slug: entities.slug }).from(entities).where(inArray(entities.slug, slugs))
    : [];
  const entityId = new Map(entityRows.map((e) => [e.slug, e.id]));
  const outletSlugs = [...new Set(record.citations.flatMap((c) => (c.outletSlug ? [c.outletSlug] : c.newOutlet ? [c.newOutlet.slug] : [])))];
  const outletRows = outletSlugs.length
    ? await tx.select({ id: outlets.id, slug: outlets.slug }).from(outlets).where(inArray(outlets.slug, outletSlugs))
    : [];
  const outletId = new Map(outletRows.map((o) => [o.slug, o.id]));

  const citationValues = record.citations.map((c) => ({
    articleId,
    sourceKey: c.sourceKey,
    outletId: outletId.get(c.outletSlug ?? c.newOutlet?.slug ?? "") ?? null,
    entityId: c.entitySlug ? (entityId.get(c.entitySlug) ?? null) : null,
    speaker: c.speaker ?? null,
    claim: c.claim,
    position: c.position,
  }));
  for (const chunk of chunks(citationValues, 500)) await tx.insert(citations).values(chunk).onConflictDoNothing();

  const mentionValues = record.mentions.flatMap((m): (typeof mentions.$inferInsert)[] => {
    const id = m.entitySlug ? entityId.get(m.entitySlug) : undefined;
    if (id !== undefined) {
      return [{ articleId, entityId: id, name: null, kind: null, sentence: m.sentence, position: m.position, role: m.role ?? null, roleNormalized: m.roleNormalized ?? null }];
    }
    return m.name && m.kind ? [{ articleId, entityId: null, name: m.name, kind: m.kind, sentence: m.sentence, position: m.position, role: m.role ?? null, roleNormalized: null }] : [];
  });
  for (const chunk of chunks(mentionValues, 500)) await tx.insert(mentions).values(chunk).onConflictDoNothing();

  // A role the news gives an entity makes it findable by that role ("le secrétaire de l'armée").
  for (const mention of mentionValues) {
    if (!mention.roleNormalized || mention.entityId === null || mention.entityId === undefined) continue;
    await tx
      .update(entities)
      .set({ searchText: sql`trim(${entities.searchText} || ' ' || ${mention.roleNormalized})` })
      .where(and(eq(entities.id, mention.entityId), sql`strpos(${entities.searchText}, ${mention.roleNormalized}) = 0`));
  }
}

