import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { loadSeeds } from "../../src/news/seeds.js";
import { createNewsService } from "../../src/news/service.js";
import { BACKENDS, createSeededApp } from "../support/database.js";

const TABLES = ["topics", "outlets", "entities", "entity_aliases", "articles", "article_topics", "citations", "mentions"];

describe.each(BACKENDS)("seed data on %s", (backend) => {
  let app: Awaited<ReturnType<typeof createSeededApp>>;

  async function counts() {
    const result: Record<string, number> = {};
    for (const table of TABLES) {
      const [row] = await app.database.db
        .select({ n: sql<number>`count(*)::int` })
        .from(sql.raw(`"${table}"`));
      result[table] = row!.n;
    }
    return result;
  }

  beforeAll(async () => {
    app = await createSeededApp(backend);
  });
  afterAll(() => app?.database.close());

  it("stores the seed article with its link, tags, date and topics", async () => {
    const [latest] = await app.news.latest();
    expect(latest).toBeDefined();
    const article = (await app.news.byId(latest!.id))!;
    expect(article.title).toBe("Le plan de paix américain discuté par Witkoff et Dmitriev alarme l’Europe");
    expect(article.url).toBe("https://www.kasparov.ru/material.php?id=691EC16CA4E10");
    expect(article.site).toBe("Samizdat 2");
    expect(article.language).toBe("fr");
    expect(article.tags).toEqual(["États-Unis", "Russie", "Ukraine"]);
    expect(article.publishedAt.toISOString().slice(0, 10)).toBe("2025-11-20");
    expect(article.topics).toEqual(expect.arrayContaining(["usa", "russia", "ukraine"]));
    expect(article.body).toContain("Kirill Dmitriev");
    expect(article.summary.length).toBeGreaterThan(20);
  });

  it("finds the outlets the seed article cites from the catalog", async () => {
    const [latest] = await app.news.latest();
    const citations = await app.news.citationsOf(latest!.id);
    const outlets = new Set(citations.flatMap((c) => (c.outlet ? [c.outlet.name] : [])));
    expect([...outlets].sort()).toEqual(["Axios", "Financial Times", "Politico", "RBC", "Reuters", "The Wall Street Journal"]);
  });

  it("loads idempotently: a second load changes nothing", async () => {
    const before = await counts();
    const report = await loadSeeds({ repos: app.repos, news: app.news });
    expect(report.articlesAdded).toBe(0);
    expect(report.articlesKept).toBe(1);
    expect(await counts()).toEqual(before);
  });

  it("does not load the entity catalog to find that the seed articles are already stored", async () => {
    // Analysing needs every entity in memory (100k in the benchmark): a restart must not pay for it.
    let catalogReads = 0;
    const listEntities = app.repos.catalog.listEntities;
    const repos = { ...app.repos, catalog: { ...app.repos.catalog, listEntities: () => (catalogReads++, listEntities()) } };
    const news = createNewsService({ repos });
    const report = await loadSeeds({ repos, news });
    expect(report.articlesKept).toBe(1);
    expect(catalogReads).toBe(0);
  });

  it("resolves topics by slug or any localized name, ignoring case and accents", async () => {
    for (const name of ["ukraine", "Україна", "etats-unis", "États-Unis", "RUSSIE", "OTAN"]) {
      expect((await app.news.resolveTopic(name))?.slug, name).toBeDefined();
    }
    expect((await app.news.resolveTopic("États-Unis"))?.slug).toBe("usa");
    expect(await app.news.resolveTopic("mars")).toBeUndefined();
  });
});

describe.each(BACKENDS)("catalog changes on %s", (backend) => {
  it("analyses stored articles again, once, when the catalog changed", async () => {
    const { mkdtemp, cp, writeFile, rm } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { createTestDatabase } = await import("../support/database.js");
    const { createRepositories } = await import("../../src/db/repositories/index.js");
    const { createNewsService } = await import("../../src/news/service.js");
    const { SEEDS_DIR } = await import("../../src/news/seeds.js");

    const dir = await mkdtemp(join(tmpdir(), "seeds-"));
    await cp(SEEDS_DIR, dir, { recursive: true });
    await writeFile(join(dir, "entities.json"), "[]");
    const database = await createTestDatabase(backend);
    try {
      const repos = createRepositories({ db: database.db });
      const news = createNewsService({ repos });
      const first = await loadSeeds({ repos, news, dir });
      expect(first.articlesAdded).toBe(1);
      const [article] = await news.latest();
      const before = await news.mentionsOf(article!.id);
      // Without the catalog, "Vladimir Poutine" is only an extracted name.
      expect(before.some((m) => m.slug === "vladimir-putin")).toBe(false);

      const second = await loadSeeds({ repos, news });
      expect(second.articlesReanalyzed).toBe(1);
      const after = await news.mentionsOf(article!.id);
      expect(after.some((m) => m.slug === "vladimir-putin")).toBe(true);
      expect(after.find((m) => m.slug === "steve-witkoff" && m.role)?.role).toContain("envoyé spécial");
      // The extracted duplicate gave way to the catalog entry.
      expect(after.some((m) => m.slug === "vladimir-poutine")).toBe(false);
      expect((await news.citationsOf(article!.id)).length).toBeGreaterThan(0);

      const third = await loadSeeds({ repos, news });
      expect(third.articlesReanalyzed).toBe(0);
    } finally {
      await database.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
