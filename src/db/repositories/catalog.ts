/**
 * Reference data: topics, outlets and the entity catalog. Seeds upsert them by slug, so loading the
 * same files twice changes nothing.
 */
import { asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { entities, entityAliases, entityTopics, outlets, topics, type LocalizedText } from "../schema.js";

export interface TopicRecord {
  id: number;
  slug: string;
  names: LocalizedText;
  aliases: string[];
  keywords: Record<string, string[]>;
  kind: "subject" | "region" | "theme" | "all";
  parent: string | null;
}

export interface OutletRecord {
  id: number;
  slug: string;
  name: string;
  aliases: string[];
  homepage: string | null;
  kind: string | null;
  domains: string[];
}

export interface EntityRecord {
  id: number;
  slug: string;
  kind: "person" | "organization" | "place";
  name: string;
  aliases: string[];
  topics: string[];
}

export interface TopicSeed {
  slug: string;
  names: LocalizedText;
  aliases?: string[];
  keywords?: Record<string, string[]>;
  kind?: TopicRecord["kind"];
  parent?: string;
}

export interface OutletSeed {
  slug: string;
  name: string;
  aliases?: string[];
  homepage?: string;
  domains?: string[];
  kind?: string;
}

export interface EntitySeed {
  slug: string;
  kind: "person" | "organization" | "place";
  name: string;
  aliases?: string[];
  descriptions?: Partial<Record<string, string>>;
  topics?: string[];
}

/** An alias with its search key; `isShort` marks a surname or short form. */
export interface AliasKey {
  alias: string;
  normalized: string;
  isShort: boolean;
}

/** Creates the repository for topics, outlets and catalog entities. */
export function createCatalogRepository({ db }: { db: Db }) {
  return {
    async listTopics(): Promise<TopicRecord[]> {
      const rows = await db.select().from(topics).orderBy(asc(topics.position), asc(topics.id));
      return rows.map(({ id, slug, names, aliases, keywords, kind, parent }) => ({ id, slug, names, aliases, keywords, kind, parent }));
    },

    /** Adds one topic after the others; false when the slug is taken (the unique key decides). */
    async addTopic(seed: TopicSeed): Promise<boolean> {
      const [last] = await db.select({ position: sql<number>`coalesce(max(${topics.position}), 0)::int` }).from(topics);
      const rows = await db
        .insert(topics)
        .values({ slug: seed.slug, names: seed.names, aliases: seed.aliases ?? [], keywords: seed.keywords ?? {}, kind: seed.kind ?? "theme", parent: seed.parent ?? null, position: (last?.position ?? 0) + 1 })
        .onConflictDoNothing()
        .returning({ id: topics.id });
      return rows.length > 0;
    },

    async upsertTopics(seeds: TopicSeed[]): Promise<void> {
      if (seeds.length === 0) return;
      const values = seeds.map((seed, position) => ({
        slug: seed.slug,
        names: seed.names,
        aliases: seed.aliases ?? [],
        keywords: seed.keywords ?? {},
        kind: seed.kind ?? "subject",
        parent: seed.parent ?? null,
        position,
      }));
      await db
        .insert(topics)
        .values(values)
        .onConflictDoUpdate({
          target: topics.slug,
          set: { names: sql`excluded.names`, aliases: sql`excluded.aliases`, keywords: sql`excluded.keywords`, kind: sql`excluded.kind`, parent: sql`excluded.parent`, position: sql`excluded.position` },
        });
    },

    /** Catalog outlets (those extracted from articles are matched by the catalog's names only). */
    async listOutlets(): Promise<OutletRecord[]> {
      return db
        .select({ id: outlets.id, slug: outlets.slug, name: outlets.name, aliases: outlets.aliases, homepage: outlets.homepage, kind: outlets.kind, domains: outlets.domains })
        .from(outlets)
        .where(eq(outlets.source, "catalog"))
        .orderBy(asc(outlets.id));
    },

    async upsertOutlets(seeds: OutletSeed[]): Promise<void> {
      if (seeds.length === 0) return;
      await db
        .insert(outlets)
        .values(seeds.map((s) => ({ slug: s.slug, name: s.name, aliases: s.aliases ?? [], homepage: s.homepage ?? null, domains: s.domains ?? [], kind: s.kind ?? null, source: "catalog" as const })))
        .onConflictDoUpdate({
          target: outlets.slug,
          set: { name: sql`excluded.name`, aliases: sql`excluded.aliases`, homepage: sql`excluded.homepage`, domains: sql`excluded.domains`, kind: sql`excluded.kind`, source: sql`excluded.source` },
        });
    },

    /** Every entity with its aliases and topic slugs, for the analyser's catalog. */
    async listEntities(): Promise<EntityRecord[]> {
      // Catalog entries first: where an extracted name is the same, the analyser takes the first.
      const rows = await db
        .select({ id: entities.id, slug: entities.slug, kind: entities.kind, name: entities.name })
        .from(entities)
        .orderBy(sql`${entities.source} = 'catalog' desc`, asc(entities.id));
      const aliasRows = await db.select({ entityId: entityAliases.entityId, alias: entityAliases.alias }).from(entityAliases);
      const topicRows = await db
        .select({ entityId: entityTopics.entityId, slug: topics.slug })
        .from(entityTopics)
        .innerJoin(topics, eq(topics.id, entityTopics.topicId));
      const aliasesOf = groupBy(aliasRows, (r) => r.entityId, (r) => r.alias);
      const topicsOf = groupBy(topicRows, (r) => r.entityId, (r) => r.slug);
      return rows.map((row) => ({ ...row, aliases: aliasesOf.get(row.id) ?? [], topics: topicsOf.get(row.id) ?? [] }));
    },

    /**
     * Inserts or updates catalog entities with their aliases and topics. The caller gives each
     * entity's search keys (the normaliser lives outside the database layer).
     */
    async upsertEntities(entries: { seed: EntitySeed; aliases: AliasKey[]; searchText: string }[]): Promise<void> {
      if (entries.length === 0) return;
      const seeds = entries.map((e) => e.seed);
      await db.transaction(async (tx) => {
        const idOf = new Map<string, number>();
        for (const chunk of chunks(entries, 1000)) {
          const saved = await tx
            .insert(entities)
            .values(
              chunk.map(({ seed, searchText }) => ({
                slug: seed.slug,
                kind: seed.kind,
                name: seed.name,
                descriptions: seed.descriptions ?? {},
                spellings: [seed.name, ...(seed.aliases ?? [])],
                source: "catalog" as const,
                searchText,
              })),
            )
            .onConflictDoUpdate({
              target: entities.slug,
              set: {
                kind: sql`excluded.kind`,
                name: sql`excluded.name`,
                descriptions: sql`excluded.descriptions`,
                spellings: sql`excluded.spellings`,
                source: sql`excluded.source`,
                // Roles learnt from articles stay searchable after the catalog is reloaded.
                searchText: sql`case when strpos(${entities.searchText}, excluded.search_text) = 1 then ${entities.searchText} else excluded.search_text end`,
              },
            })
            .returning({ id: entities.id, slug: entities.slug });
          for (const row of saved) idOf.set(row.slug, row.id);
        }
        const aliasValues = entries.flatMap(({ seed, aliases }) =>
          dedupeKeys(aliases).map((key) => ({ entityId: idOf.get(seed.slug)!, ...key })),
        );
        for (const chunk of chunks(aliasValues, 1000)) {
          await tx.insert(entityAliases).values(chunk).onConflictDoNothing();
        }
        // A name first extracted from an article and now in the catalog: the catalog entry wins
        // (its mentions are found again when the articles are re-analysed).
        await tx.execute(sql`
          delete from ${entities} x
          where x.source = 'extracted' and exists (
            select 1 from ${entityAliases} xa
            join ${entityAliases} ca on ca.normalized = xa.normalized
            join ${entities} c on c.id = ca.entity_id and c.source = 'catalog'
            where xa.entity_id = x.id and not xa.is_short)`);
        const topicRows = await tx.select({ id: topics.id, slug: topics.slug }).from(topics);
        const topicId = new Map(topicRows.map((t) => [t.slug, t.id]));
        const links = seeds.flatMap((seed) =>
          (seed.topics ?? [])
            .filter((slug) => topicId.has(slug))
            .map((slug) => ({ entityId: idOf.get(seed.slug)!, topicId: topicId.get(slug)! })),
        );
        for (const chunk of chunks(links, 1000)) {
          await tx.insert(entityTopics).values(chunk).onConflictDoNothing();
        }
      });
    },

    async topicIdsBySlug(slugs: string[]): Promise<Map<string, number>> {
      if (slugs.length === 0) return new Map();
      const rows = await db.select({ id: topics.id, slug: topics.slug }).from(topics).where(inArray(topics.slug, slugs));
      return new Map(rows.map((r) => [r.slug, r.id]));
    },
  };
}

export type CatalogRepository = ReturnType<typeof createCatalogRepository>;

function dedupeKeys(keys: AliasKey[]): AliasKey[] {
  const seen = new Map<string, AliasKey>();
  for (const key of keys) if (key.normalized && !seen.has(key.normalized)) seen.set(key.normalized, key);
  return [...seen.values()];
}

function groupBy<T, K, V>(rows: T[], key: (row: T) => K, value: (row: T) => V): Map<K, V[]> {
  const map = new Map<K, V[]>();
  for (const row of rows) {
    const list = map.get(key(row));
    if (list) list.push(value(row));
    else map.set(key(row), [value(row)]);
  }
  return map;
}

/** Splits rows into slices so one INSERT stays under PostgreSQL's parameter limit. */
export function chunks<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
