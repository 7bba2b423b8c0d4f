/**
 * Loads `seeds/`: topics, outlets, the entity catalog and the seed articles. Every row is keyed by
 * slug or link, so a second load changes nothing; seed articles are stored but never broadcast.
 */
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import type { Repositories } from "../db/repositories/index.js";
import { aliasKeys, entitySearchText, type NewsService } from "./service.js";

export const SEEDS_DIR = fileURLToPath(new URL("../../seeds", import.meta.url));

const localized = z.object({ en: z.string().min(1) }).catchall(z.string());

const topicSchema = z.object({
  slug: z.string().regex(/^[a-z0-9-]+$/),
  names: localized,
  aliases: z.array(z.string()).default([]),
  keywords: z.record(z.string(), z.array(z.string())).default({}),
  kind: z.enum(["subject", "region", "theme", "all"]).default("subject"),
  parent: z.string().optional(),
});

const outletSchema = z.object({
  slug: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  aliases: z.array(z.string()).default([]),
  homepage: z.url().optional(),
  domains: z.array(z.string()).default([]),
  kind: z.string().optional(),
  country: z.string().optional(),
});

const entitySchema = z.object({
  slug: z.string().regex(/^[a-z0-9-]+$/),
  kind: z.enum(["person", "organization", "place"]),
  name: z.string().min(1),
  aliases: z.array(z.string()).default([]),
  descriptions: z.record(z.string(), z.string()).default({}),
  topics: z.array(z.string()).default([]),
});

const articleSchema = z.object({
  title: z.string().min(1),
  site: z.string().optional(),
  siteTagline: z.string().optional(),
  language: z.string().optional(),
  tags: z.array(z.string()).default([]),
  date: z.iso.date(),
  comment: z.object({ author: z.string(), text: z.string() }).optional(),
  url: z.url().optional(),
  paragraphs: z.array(z.string().min(1)).min(1),
});

export type SeedArticle = z.infer<typeof articleSchema>;

async function readJson<T>(path: string, schema: z.ZodType<T>): Promise<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return schema.parse([]);
    throw new Error(`Seed file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  const result = schema.safeParse(raw);
  if (!result.success) throw new Error(`Seed file ${path} is invalid: ${z.prettifyError(result.error)}`);
  return result.data;
}

export interface SeedReport {
  topics: number;
  outlets: number;
  entities: number;
  articlesAdded: number;
  articlesKept: number;
  /** Articles analysed again because the catalog or the analyser changed since the last start. */
  articlesReanalyzed: number;
}

/**
 * Bump when the analyser finds different things, so stored articles are analysed again once.
 * 2: summary selection gives no weight to what the title or an earlier pick already says.
 * 3: real articles: boilerplate removed, stems, at most 3 bullets, roles from the lexicon, names
 *    classified with evidence, unknown outlets, IPTC subjects.
 */
export const ANALYSIS_VERSION = 3;
const FINGERPRINT_KEY = "catalog-fingerprint";

/** Loads every seed file in `dir` into the database. Idempotent. */
export async function loadSeeds({ repos, news, dir = SEEDS_DIR }: { repos: Repositories; news: NewsService; dir?: string }): Promise<SeedReport> {
  const fingerprint = createHash("sha256").update(`analysis:${ANALYSIS_VERSION}`);
  for (const file of ["topics.json", "outlets.json", "entities.json"]) {
    fingerprint.update(await readFile(join(dir, file)).catch(() => Buffer.alloc(0)));
  }
  const fingerprintHex = fingerprint.digest("hex");
  const catalogChanged = (await repos.settings.read(FINGERPRINT_KEY)) !== fingerprintHex;
  const topics = await readJson(join(dir, "topics.json"), z.array(topicSchema));
  const outlets = await readJson(join(dir, "outlets.json"), z.array(outletSchema));
  const entities = await readJson(join(dir, "entities.json"), z.array(entitySchema));
  await repos.catalog.upsertTopics(topics);
  await repos.catalog.upsertOutlets(outlets);
  await repos.catalog.upsertEntities(entities.map((seed) => ({ seed, aliases: aliasKeys(seed), searchText: entitySearchText(seed) })));
  news.invalidate();

  const report: SeedReport = {
    topics: topics.length,
    outlets: outlets.length,
    entities: entities.length,
    articlesAdded: 0,
    articlesKept: 0,
    articlesReanalyzed: 0,
  };
  // Articles stored before the catalog changed are analysed again, once, so they name new entities.
  if (catalogChanged) report.articlesReanalyzed = await news.reanalyzeAll();
  const articleDir = join(dir, "articles");
  const files = (await readdir(articleDir).catch(() => [] as string[])).filter((f) => f.endsWith(".json")).sort();
  for (const file of files) {
    const article = await readJson(join(articleDir, file), articleSchema);
    const result = await news.publish({
      title: article.title,
      body: article.paragraphs.join("\n\n"),
      url: article.url,
      site: article.site,
      comment: article.comment ? `${article.comment.author}: ${article.comment.text}` : null,
      language: article.language,
      tags: article.tags,
      publishedAt: new Date(`${article.date}T12:00:00Z`),
      origin: "seed",
    });
    if (result.created) report.articlesAdded++;
    else report.articlesKept++;
  }
  await repos.settings.write(FINGERPRINT_KEY, fingerprintHex);
  return report;
}
