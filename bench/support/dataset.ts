/**
 * The realistic dataset the benchmarks share: the seed catalog plus generated entities (bulk upsert
 * through the catalog repository), a naive names table for the baseline search, and generated
 * articles published through the news service. Grows in place: 1k entities, then 100k.
 */
import { inArray, sql } from "drizzle-orm";
import { entities } from "../../src/db/schema.js";
import { normalizeName } from "../../src/text/normalize.js";
import { aliasKeys, entitySearchText } from "../../src/news/service.js";
import type { BenchDatabase } from "./database.js";
import { createEntityGenerator, type GeneratedEntity } from "./names.js";
import { createRandom } from "./random.js";
import { now } from "./stats.js";

/** Rows of a raw `execute()` on either driver (PGlite returns `{ rows }`, postgres.js an array). */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

export interface Dataset {
  bench: BenchDatabase;
  /** Generated entities stored so far, in insertion order. */
  generated: GeneratedEntity[];
  /** Total entities stored (catalog + generated). */
  entityCount(): Promise<number>;
  /** Grows the stored entities to `total` (catalog included); returns seconds spent. */
  growEntities(total: number): Promise<number>;
  /** Publishes generated articles until `count` exist besides the seeds; returns seconds spent. */
  ensureArticles(count: number): Promise<number>;
  /** Entity ids by slug. */
  idsOf(slugs: string[]): Promise<Map<string, number>>;
  /** The naive baseline: `name % $1 order by similarity desc limit 1` over normalised names. */
  naiveSearch(normalized: string): Promise<number | undefined>;
}

/** Wraps a seeded scratch database with the dataset operations. */
export async function createDataset(bench: BenchDatabase, options: { seed?: number } = {}): Promise<Dataset> {
  const db = bench.database.db;
  const catalog = await bench.repos.catalog.listEntities();
  const reserved = new Set<string>();
  for (const entity of catalog) for (const name of [entity.name, ...entity.aliases]) reserved.add(normalizeName(name));
  // One sequence for every size, so the 1k set is a prefix of the 100k set.
  const generator = createEntityGenerator(createRandom(options.seed ?? 20251120), reserved);
  const generated: GeneratedEntity[] = [];
  let articles = 0;

  await db.execute(sql.raw(`create table if not exists bench_names (id integer primary key, name text not null)`));
  // No fast update: rows go straight into the index. With it, the 100k names would wait in the GIN
  // pending list (autovacuum merges it, when it runs at all; PGlite has none), every search would
  // scan that list, and the planner, pricing it in, reads all names instead (about 350 ms at 100k).
  await db.execute(sql.raw(`create index if not exists bench_names_trgm on bench_names using gin (name gin_trgm_ops) with (fastupdate = off)`));

  async function entityCount(): Promise<number> {
    const [row] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from entities`));
    return Number(row?.n ?? 0);
  }

  async function idsOf(slugs: string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (let i = 0; i < slugs.length; i += 1000) {
      const rows = await db.select({ id: entities.id, slug: entities.slug }).from(entities).where(inArray(entities.slug, slugs.slice(i, i + 1000)));
      for (const r of rows) out.set(r.slug, r.id);
    }
    return out;
  }

  async function fillNaiveNames(): Promise<void> {
    // Every entity's display name, normalised like the aliases are, keyed by the entity id.
    const rows = await db.select({ id: entities.id, name: entities.name }).from(entities);
    for (let i = 0; i < rows.length; i += 2000) {
      const values = rows.slice(i, i + 2000).map((r) => sql`(${r.id}, ${normalizeName(r.name)})`);
      await db.execute(sql`insert into bench_names (id, name) values ${sql.join(values, sql`, `)} on conflict (id) do nothing`);
    }
    await db.execute(sql.raw(`analyze bench_names`));
  }

  return {
    bench,
    generated,
    entityCount,
    idsOf,

    async growEntities(total: number): Promise<number> {
      const start = now();
      const missing = total - (await entityCount());
      if (missing > 0) {
        const batch = generator.take(missing);
        for (let i = 0; i < batch.length; i += 5000) {
          await bench.repos.catalog.upsertEntities(
            batch.slice(i, i + 5000).map(({ seed }) => ({ seed, aliases: aliasKeys(seed), searchText: entitySearchText(seed) })),
          );
        }
        generated.push(...batch);
        await db.execute(sql.raw(`analyze entities`));
        await db.execute(sql.raw(`analyze entity_aliases`));
        await fillNaiveNames();
        // The analyser's catalog cache must see the new entities.
        bench.news.invalidate();
      }
      return (now() - start) / 1000;
    },

    async ensureArticles(count: number): Promise<number> {
      const start = now();
      const random = createRandom(7 + articles);
      const people = generated.filter((g) => g.seed.kind === "person");
      const places = generated.filter((g) => g.seed.kind === "place");
      const orgs = generated.filter((g) => g.seed.kind === "organization");
      const catalogPeople = catalog.filter((c) => c.kind === "person");
      while (articles < count) {
        const n = articles + 1;
        const a = people.length > 0 ? random.pick(people).seed.name : "Anna Petrova";
        const b = people.length > 0 ? random.pick(people).seed.name : "John Miller";
        const c = random.pick(catalogPeople).name;
        const where = places.length > 0 ? random.pick(places).seed.name : "Geneva";
        const org = orgs.length > 0 ? random.pick(orgs).seed.name : "the Baltic Energy Group";
        const body = [
          `${a}, a senior official, met ${b} in ${where} on Tuesday to discuss the proposal number ${n}, according to Reuters.`,
          `"We are ready to continue the talks," ${a} said after the meeting, adding that ${org} would take part.`,
          `${c} welcomed the talks in a statement, while critics warned that the plan leaves key questions open.`,
          `The next round is expected in ${where} next month, Politico reported, citing two people familiar with the matter.`,
        ].join("\n\n");
        await bench.news.publish({
          title: `${a} and ${b} discuss proposal ${n} in ${where}`,
          body,
          url: `https://news.example/bench/${n}`,
          site: "news.example",
          language: "en",
          tags: ["Russia", "Ukraine"],
          publishedAt: new Date(Date.UTC(2025, 10, 1) + n * 3_600_000),
          origin: "api",
        });
        articles++;
      }
      return (now() - start) / 1000;
    },

    async naiveSearch(normalized: string): Promise<number | undefined> {
      const rows = rowsOf<{ id: number }>(
        await db.execute(sql`select id from bench_names where name % ${normalized} order by similarity(name, ${normalized}) desc limit 1`),
      );
      return rows[0] ? Number(rows[0].id) : undefined;
    },
  };
}
