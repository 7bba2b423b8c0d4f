/**
 * Entity lookups for "who is …?": name search over normalised aliases (btree for the exact key, a
 * GIN index over word variants for words and typos), role search over the entities' search text
 * (full-text GIN index with prefix terms), and the data of an entity card.
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

/** A match of {@link EntityRepository.searchByName}: also the normalised key of the alias. */
export interface NameMatch extends EntityMatch {
  normalized: string;
}

export interface EntityDetails {
  id: number;
  slug: string;
  kind: string;
  name: string;
  descriptions: Partial<Record<string, string>>;
  source: string;
  /** Every spelling of the name (the card shows the one in the reader's script). */
  aliases?: string[];
}

/** A role the news gives an entity, and the sentence that says so. */
export interface CardRole {
  role: string;
  sentence: string;
  articleId: number;
  title: string;
  publishedAt: string;
}

export interface RelatedEntity {
  id: number;
  name: string;
  kind: string;
}

/** The stored data of an entity card. */
export interface EntityCardData {
  entity: EntityDetails;
  mentionCount: number;
  roles: CardRole[];
  mentions: EntityMention[];
  related: RelatedEntity[];
}

const detailColumns = {
  id: entities.id,
  slug: entities.slug,
  kind: entities.kind,
  name: entities.name,
  descriptions: entities.descriptions,
  source: entities.source,
};

export interface EntityMention {
  articleId: number;
  title: string;
  url: string | null;
  publishedAt: Date;
  sentence: string;
  role: string | null;
}

/** At most this many aliases are scored per name search: bounds the work for "Dmitry" × thousands. */
const CANDIDATE_ALIASES = 200;
/** A query of more words than this names no stored alias word for word (one prepared statement per count). */
const MAX_QUERY_WORDS = 8;

/**
 * The words of a normalised query that a name must contain (each exactly or one edit away): those
 * of three letters or more, so "Putin's" ("putin s") still finds "putin"; all words if none is.
 */
export function searchWords(normalized: string): string[] {
  const words = normalized.split(" ").filter(Boolean);
  const long = words.filter((w) => w.length >= 3);
  return long.length > 0 ? long : words;
}

/** Creates the entity lookup repository. */
export function createEntityRepository({ db }: { db: Db }) {
  /**
   * The name search for queries of `wordCount` words, built and prepared once: drizzle then does
   * not rebuild the SQL on every call (a few milliseconds for five CTEs), and postgres.js keeps it
   * prepared on the server (no planning per call). Placeholders: key, w0…w{n-1}, limit.
   */
  function buildNameSearch(wordCount: number) {
    const columns = {
      entityId: entityAliases.entityId,
      alias: entityAliases.alias,
      normalized: entityAliases.normalized,
      isShort: entityAliases.isShort,
    };
    const key = sql.placeholder("key");
    const exact = db.$with("exact").as(
      db.select(columns).from(entityAliases).where(eq(entityAliases.normalized, key)).limit(CANDIDATE_ALIASES),
    );
    // Every word must share a key with one of the alias's words (see 0005): one edit apart, or
    // for long words with `name_word_variants_2`, up to two.
    const eachWord = (keys: "name_word_variants" | "name_word_variants_2") =>
      Array.from(
        { length: wordCount },
        (_, i) => sql`name_word_variants(${entityAliases.normalized}) && ${sql.raw(keys)}(${sql.placeholder(`w${i}`)}::text)`,
      );
    const near = db.$with("near").as(
      db
        .select(columns)
        .from(entityAliases)
        .where(wordCount > 0 ? and(sql`not exists (select 1 from exact)`, ...eachWord("name_word_variants")) : sql`false`)
        .limit(CANDIDATE_ALIASES),
    );
    const far = db.$with("far").as(
      db
        .select(columns)
        .from(entityAliases)
        .where(
          wordCount > 0
            ? and(sql`not exists (select 1 from exact)`, sql`not exists (select 1 from near)`, ...eachWord("name_word_variants_2"))
            : sql`false`,
        )
        .limit(CANDIDATE_ALIASES),
    );
    const found = db.$with("found").as(
      db.select().from(exact).unionAll(db.select().from(near)).unionAll(db.select().from(far)),
    );
    const score = sql<number>`similarity(${found.normalized}, ${key}::text)`;
    // The best alias of each entity, and whether the news mentions it (an index probe).
    const best = db.$with("best").as(
      db
        .selectDistinctOn([found.entityId], {
          entityId: found.entityId,
          alias: found.alias,
          normalized: found.normalized,
          isShort: found.isShort,
          score: score.as("score"),
          // Spelled out: a lone CTE's columns are rendered unqualified, which would bind to mentions.
          inNews: sql<boolean>`exists (select 1 from ${mentions} where ${mentions.entityId} = "found"."entity_id")`.as("in_news"),
        })
        .from(found)
        .orderBy(found.entityId, desc(score), found.isShort),
    );
    const top = db.$with("top").as(
      db.select().from(best).orderBy(desc(best.score), desc(best.inNews), best.entityId).limit(sql.placeholder("limit")),
    );
    return db
      .with(exact, near, far, found, best, top)
      .select({
        entityId: top.entityId,
        alias: top.alias,
        normalized: top.normalized,
        isShort: top.isShort,
        score: top.score,
        name: entities.name,
        kind: entities.kind,
        mentionCount: sql<number>`(select count(*)::int from ${mentions} where ${mentions.entityId} = ${top.entityId})`,
      })
      .from(top)
      .innerJoin(entities, eq(entities.id, top.entityId))
      .orderBy(desc(top.score), desc(top.inNews), top.entityId)
      .prepare(`entity_name_search_${wordCount}`);
  }
  const nameSearches = new Map<number, ReturnType<typeof buildNameSearch>>();

  const id = sql.placeholder("id");
  const prepared = {
    details: once(() => db.select(detailColumns).from(entities).where(eq(entities.id, id)).prepare("entity_details")),
    /**
     * A whole card in one statement (one round trip, one backend): the entity, how often the news
     * mentions it, its latest roles and mentions, and who shares its articles, each list as JSON.
     * json_agg keeps the order of its sorted subquery (no join at the aggregating level).
     */
    card: once(() =>
      db
        .select({
          ...detailColumns,
          mentionCount: sql<number>`(select count(*)::int from ${mentions} m where m.entity_id = ${id})`,
          aliases: entities.spellings,
          roles: sql<CardRole[]>`(select coalesce(json_agg(r), '[]') from (
            select m.role, m.sentence, m.article_id as "articleId", a.title, a.published_at as "publishedAt"
            from ${mentions} m join ${articles} a on a.id = m.article_id
            where m.entity_id = ${id} and m.role is not null
            order by a.published_at desc, m.position limit ${sql.placeholder("roles")}) r)`,
          mentions: sql<(Omit<EntityMention, "publishedAt"> & { publishedAt: string })[]>`(select coalesce(json_agg(x), '[]') from (
            select a.id as "articleId", a.title, a.url, a.published_at as "publishedAt", m.sentence, m.role
            from ${mentions} m join ${articles} a on a.id = m.article_id
            where m.entity_id = ${id}
            order by a.published_at desc, a.id desc, m.position limit ${sql.placeholder("mentions")}) x)`,
          related: sql<RelatedEntity[]>`(select coalesce(json_agg(y), '[]') from (
            select o.id, o.name, o.kind
            from ${mentions} m join ${entities} o on o.id = m.entity_id
            where m.article_id in (select article_id from ${mentions} where entity_id = ${id})
              and m.entity_id <> ${id} and o.kind <> 'place'
            group by o.id, o.name, o.kind
            order by count(distinct m.article_id) desc, min(m.position) limit ${sql.placeholder("related")}) y)`,
        })
        .from(entities)
        .where(eq(entities.id, id))
        .prepare("entity_card"),
    ),
    mentions: once(() =>
      db
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
        .where(eq(mentions.entityId, id))
        .orderBy(desc(articles.publishedAt), desc(articles.id), mentions.position)
        .limit(sql.placeholder("limit"))
        .offset(sql.placeholder("offset"))
        .prepare("entity_mentions"),
    ),
    mentionCount: once(() =>
      db.select({ n: sql<number>`count(*)::int` }).from(mentions).where(eq(mentions.entityId, id)).prepare("entity_mention_count"),
    ),
  };

  return {
    /**
     * Entities with an alias equal to `normalized` (already normalised), or else aliases that
     * contain every word of it exactly or one edit away ("vdaefhul" → "yohan vadefhul"), or else
     * two edits away for words of eight letters or more; best first. One statement, three tiers,
     * each run only when the one before found nothing: a btree lookup of the exact key, then the
     * GIN index over word variants (migration 0005) AND-ed per word, at most
     * {@link CANDIDATE_ALIASES} rows. Score: trigram similarity of the alias to the query (1 for
     * the exact key); the caller ranks by edits.
     */
    async searchByName(normalized: string, limit = 8): Promise<NameMatch[]> {
      if (!normalized) return [];
      const found = searchWords(normalized);
      // Longer queries name no stored alias word for word: only the exact key is tried.
      const words = found.length <= MAX_QUERY_WORDS ? found : [];
      let search = nameSearches.get(words.length);
      if (!search) nameSearches.set(words.length, (search = buildNameSearch(words.length)));
      const rows = await search.execute({ key: normalized, limit, ...Object.fromEntries(words.map((w, i) => [`w${i}`, w])) });
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
      const [row] = await prepared.details().execute({ id: entityId });
      return row;
    },

    /**
     * Everything an entity card shows, in one statement: the entity, its mention count, its latest
     * `roles` roles and `mentions` mentions (newest article first), and up to `related` other
     * entities named in the same articles, most shared articles first.
     */
    async card(entityId: number, sizes: { roles: number; mentions: number; related: number }): Promise<EntityCardData | undefined> {
      const [row] = await prepared.card().execute({ id: entityId, ...sizes });
      if (!row) return undefined;
      const { mentionCount, roles, mentions: found, related, ...entity } = row;
      return { entity, mentionCount, roles, related, mentions: found.map((m) => ({ ...m, publishedAt: new Date(m.publishedAt) })) };
    },

    /** Sentences that mention the entity, newest article first. */
    async mentions(entityId: number, { limit, offset = 0 }: { limit: number; offset?: number }): Promise<EntityMention[]> {
      return prepared.mentions().execute({ id: entityId, limit, offset });
    },

    async mentionCount(entityId: number): Promise<number> {
      const [row] = await prepared.mentionCount().execute({ id: entityId });
      return row?.n ?? 0;
    },
  };
}

export type EntityRepository = ReturnType<typeof createEntityRepository>;

/** A value built on first use and kept (a prepared statement). */
function once<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}

/** A tsquery in which every word must appear as a word prefix ("minis:* & germa:*"); only [a-z0-9] words. */
function prefixQuery(words: string[]): string | undefined {
  const terms = words.filter((w) => /^[a-z0-9]+$/.test(w));
  return terms.length > 0 ? terms.map((w) => `${w}:*`).join(" & ") : undefined;
}
