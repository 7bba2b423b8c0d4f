/**
 * Entity lookups for "who is …?": trigram search over normalised aliases (pg_trgm GIN index), role
 * search over the entities' search text (full-text GIN index with prefix terms), and the data of
 * an entity card. All matching happens in Postgres, not in JavaScript.
 */
import { and, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { articles, entities, entityAliases, mentions } from "../schema.js";

export interface EntityMatch {
  entityId: number;
  name: string;
  kind: string;
  /** 0..1: trigram similarity of the best alias (1 for an exact alias). */
  score: number;
  /** The alias that matched best, as stored. */
  alias: string;
  /** The best alias is a surname or short form. */
  isShort: boolean;
  /** How many article sentences mention the entity. */
  mentionCount: number;
}

export interface EntityDetails {
  id: number;
  slug: string;
  kind: string;
  name: string;
  descriptions: Partial<Record<string, string>>;
  source: string;
}

export interface EntityMention {
  articleId: number;
  title: string;
  url: string | null;
  publishedAt: Date;
  sentence: string;
  role: string | null;
}

/** How many nearest aliases are ranked per name search: enough for every spelling of a few entities. */
const NEAREST_ALIASES = 48;
/** Aliases less similar than this (trigram similarity, 0..1) are no match at all. */
export const MIN_SIMILARITY = 0.25;

/** Creates the entity lookup repository. */
export function createEntityRepository({ db }: { db: Db }) {
  return {
    /**
     * Entities whose aliases are close to `normalized` (already normalised), best first; exact
     * aliases score 1. The nearest aliases come from the GiST trigram index by distance (`<->`,
     * a KNN scan that stops after a few dozen rows), so the cost does not grow with the number of
     * names sharing trigrams with the query ("Dmitriy …" × thousands).
     */
    async searchByName(normalized: string, limit = 8): Promise<EntityMatch[]> {
      if (!normalized) return [];
      const distance = sql<number>`${entityAliases.normalized} <-> ${normalized}`;
      const nearest = db.$with("nearest").as(
        db
          .select({
            entityId: entityAliases.entityId,
            alias: entityAliases.alias,
            isShort: entityAliases.isShort,
            distance: distance.as("distance"),
          })
          .from(entityAliases)
          .orderBy(distance)
          .limit(NEAREST_ALIASES),
      );
      const best = db.$with("best").as(
        db
          .with(nearest)
          .selectDistinctOn([nearest.entityId], {
            entityId: nearest.entityId,
            alias: nearest.alias,
            isShort: nearest.isShort,
            score: sql<number>`1 - ${nearest.distance}`.as("score"),
          })
          .from(nearest)
          .where(sql`${nearest.distance} <= ${1 - MIN_SIMILARITY}`)
          .orderBy(nearest.entityId, nearest.distance),
      );
      const rows = await db
        .with(nearest, best)
        .select({
          entityId: best.entityId,
          alias: best.alias,
          isShort: best.isShort,
          score: best.score,
          name: entities.name,
          kind: entities.kind,
          mentionCount: sql<number>`(select count(*)::int from ${mentions} where ${mentions.entityId} = ${best.entityId})`,
        })
        .from(best)
        .innerJoin(entities, eq(entities.id, best.entityId))
        .orderBy(desc(best.score), entities.id)
        .limit(limit);
      return rows.map((r) => ({ ...r, score: Number(r.score) }));
    },

    /**
     * Entities whose names, descriptions or roles contain every word of `words` (normalised) as a
     * word prefix ("germa" matches "german" and "germany"), most mentioned first.
     */
    async searchByWords(words: string[], limit = 8): Promise<EntityMatch[]> {
      const query = prefixQuery(words);
      if (!query) return [];
      const rows = await db
        .select({
          entityId: entities.id,
          name: entities.name,
          kind: entities.kind,
          // Cover density: words close together ("secrétaire de l'armée américaine") rank higher.
          score: sql<number>`ts_rank_cd(to_tsvector('simple', ${entities.searchText}), to_tsquery('simple', ${query}))`,
          mentionCount: sql<number>`(select count(*)::int from ${mentions} where ${mentions.entityId} = ${entities.id})`,
        })
        .from(entities)
        .where(sql`to_tsvector('simple', ${entities.searchText}) @@ to_tsquery('simple', ${query})`)
        // Role questions are about people first; then the closest wording, then the most mentioned.
        .orderBy(sql`case when ${entities.kind} = 'person' then 0 else 1 end`, sql`3 desc`, sql`5 desc`, entities.id)
        .limit(limit);
      return rows.map((r) => ({ ...r, score: Number(r.score), alias: r.name, isShort: false }));
    },

    /** Entities the news gives a role containing every word of `words` as a prefix, people first. */
    async searchByRole(words: string[], limit = 8): Promise<EntityMatch[]> {
      const query = prefixQuery(words);
      if (!query) return [];
      const rows = await db
        .select({
          entityId: entities.id,
          name: entities.name,
          kind: entities.kind,
          score: sql<number>`max(ts_rank_cd(to_tsvector('simple', ${mentions.roleNormalized}), to_tsquery('simple', ${query})))`,
          mentionCount: sql<number>`count(*)::int`,
        })
        .from(mentions)
        .innerJoin(entities, eq(entities.id, mentions.entityId))
        .where(sql`to_tsvector('simple', coalesce(${mentions.roleNormalized}, '')) @@ to_tsquery('simple', ${query})`)
        .groupBy(entities.id, entities.name, entities.kind)
        .orderBy(sql`case when ${entities.kind} = 'person' then 0 else 1 end`, sql`4 desc`, sql`5 desc`, entities.id)
        .limit(limit);
      return rows.map((r) => ({ ...r, score: Number(r.score), alias: r.name, isShort: false }));
    },

    async details(entityId: number): Promise<EntityDetails | undefined> {
      const [row] = await db
        .select({
          id: entities.id,
          slug: entities.slug,
          kind: entities.kind,
          name: entities.name,
          descriptions: entities.descriptions,
          source: entities.source,
        })
        .from(entities)
        .where(eq(entities.id, entityId));
      return row;
    },

    /** Sentences that mention the entity, newest article first. */
    async mentions(entityId: number, { limit, offset = 0 }: { limit: number; offset?: number }): Promise<EntityMention[]> {
      return db
        .select({
          articleId: articles.id,
          title: articles.title,
          url: articles.url,
          publishedAt: articles.publishedAt,
          sentence: mentions.sentence,
          role: mentions.role,
        })
        .from(mentions)
        .innerJoin(articles, eq(articles.id, mentions.articleId))
        .where(eq(mentions.entityId, entityId))
        .orderBy(desc(articles.publishedAt), desc(articles.id), mentions.position)
        .limit(limit)
        .offset(offset);
    },

    async mentionCount(entityId: number): Promise<number> {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(mentions).where(eq(mentions.entityId, entityId));
      return row?.n ?? 0;
    },

    /** Roles the news gives the entity, each with the sentence it comes from, newest first. */
    async roles(entityId: number, limit = 3): Promise<{ role: string; sentence: string; articleId: number }[]> {
      const rows = await db
        .select({ role: mentions.role, sentence: mentions.sentence, articleId: mentions.articleId })
        .from(mentions)
        .innerJoin(articles, eq(articles.id, mentions.articleId))
        .where(and(eq(mentions.entityId, entityId), sql`${mentions.role} is not null`))
        .orderBy(desc(articles.publishedAt), mentions.position)
        .limit(limit);
      return rows.map((r) => ({ role: r.role!, sentence: r.sentence, articleId: r.articleId }));
    },

    /** Other entities named in the same articles, most shared articles first. */
    async related(entityId: number, limit = 6): Promise<{ id: number; name: string; kind: string }[]> {
      const own = db.select({ articleId: mentions.articleId }).from(mentions).where(eq(mentions.entityId, entityId));
      return db
        .select({ id: entities.id, name: entities.name, kind: entities.kind })
        .from(mentions)
        .innerJoin(entities, eq(entities.id, mentions.entityId))
        .where(and(inArray(mentions.articleId, own), ne(mentions.entityId, entityId), ne(entities.kind, "place")))
        .groupBy(entities.id, entities.name, entities.kind)
        .orderBy(sql`count(distinct ${mentions.articleId}) desc`, sql`min(${mentions.position})`)
        .limit(limit);
    },
  };
}

export type EntityRepository = ReturnType<typeof createEntityRepository>;

/** A tsquery in which every word must appear as a word prefix ("minis:* & germa:*"); only [a-z0-9] words. */
function prefixQuery(words: string[]): string | undefined {
  const terms = words.filter((w) => /^[a-z0-9]+$/.test(w));
  return terms.length > 0 ? terms.map((w) => `${w}:*`).join(" & ") : undefined;
}
