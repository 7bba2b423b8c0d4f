/**
 * Article analysis (issue: real articles): one ~3,000-character article against a catalog of
 * `largeEntities` entities (100,000 in the full profile) held in memory as the news service holds
 * it: p50/p99 ms and articles/s, beside sentence splitting alone over the same texts in the same
 * run; and the memory the language tools add (az's Russian dictionaries, compromise's lexicon,
 * the stemmers), read as RSS before and after loading them.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { analyzeArticle } from "../src/news/analyze.js";
import { loadSeedCatalog } from "../src/news/catalog.js";
import { SEEDS_DIR } from "../src/news/seeds.js";
import { englishTags } from "../src/text/english-lexicon.js";
import { loadRussianMorphology } from "../src/text/morph-ru.js";
import { normalizeName } from "../src/text/normalize.js";
import { splitSentences } from "../src/text/sentences.js";
import { stem } from "../src/text/stem.js";
import type { BenchContext, BenchmarkResult } from "./support/context.js";
import { createEntityGenerator } from "./support/names.js";
import { createRandom } from "./support/random.js";
import { now, round, row, summarize } from "./support/stats.js";

const ARTICLE_CHARS = 3_000;
const CORPUS = join(process.cwd(), "..", "shared", "corpus");

/** Texts of about 3,000 characters: corpus articles of each language when the corpus is here, else the seed article. */
function articles(): { title: string; body: string; language?: string }[] {
  const cut = (text: string) => {
    let body = "";
    for (const paragraph of text.split(/\n\s*\n/)) {
      if (body.length + paragraph.length > ARTICLE_CHARS && body.length > 0) break;
      body += `${paragraph}\n\n`;
    }
    return body.trim();
  };
  if (existsSync(join(CORPUS, "index.json"))) {
    const index = JSON.parse(readFileSync(join(CORPUS, "index.json"), "utf8")) as { path: string; language: string }[];
    const picked = index.filter((_, i) => i % 7 === 0).slice(0, 40);
    return picked.map((entry) => {
      const doc = JSON.parse(readFileSync(join(CORPUS, entry.path), "utf8")) as { title: string | null; text: string; language: string };
      return { title: doc.title ?? "", body: cut(doc.text), language: doc.language };
    }).filter((a) => a.body.length >= 1_500);
  }
  const seed = JSON.parse(readFileSync(join(SEEDS_DIR, "articles/2025-11-20-witkoff-dmitriev-peace-plan.json"), "utf8")) as { title: string; paragraphs: string[] };
  return [{ title: seed.title, body: cut(seed.paragraphs.join("\n\n")), language: "fr" }];
}

export async function run(ctx: BenchContext): Promise<BenchmarkResult> {
  const texts = articles();
  const rssBefore = process.memoryUsage().rss;
  const loadStart = now();
  const ru = await loadRussianMorphology();
  englishTags("warm");
  for (const language of ["en", "fr", "ru", "uk"]) stem("warm", language);
  const loadMs = now() - loadStart;
  const toolsMb = (process.memoryUsage().rss - rssBefore) / 1e6;

  const catalog = loadSeedCatalog(SEEDS_DIR);
  const reserved = new Set(catalog.entities.flatMap((e) => [e.name, ...e.aliases].map(normalizeName)));
  const generated = createEntityGenerator(createRandom(14), reserved).take(ctx.sizes.largeEntities - catalog.entities.length);
  catalog.entities.push(...generated.map((g) => ({ ...g.seed, aliases: g.seed.aliases ?? [], topics: g.seed.topics ?? [], descriptions: {} })));
  ctx.log(`  analysis: ${texts.length} articles of ~${ARTICLE_CHARS} characters, ${catalog.entities.length} entities in memory`);

  // The first analysis builds the catalog's alias index (once per catalog, as the service does).
  const indexStart = now();
  analyzeArticle(texts[0]!, catalog, { ru });
  const indexMs = now() - indexStart;

  const rounds = ctx.profile === "full" ? 10 : 2;
  const analysis: number[] = [];
  const split: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const text of texts) {
      let t = now();
      splitSentences(text.body, text.language);
      split.push(now() - t);
      t = now();
      analyzeArticle(text, catalog, { ru });
      analysis.push(now() - t);
    }
  }
  const a = summarize(analysis);
  const s = summarize(split);
  const perSecond = 1000 / (analysis.reduce((x, y) => x + y, 0) / analysis.length);
  const label = `${round(catalog.entities.length / 1000, 0)}k entities`;
  return {
    name: "analysis",
    rows: [
      row({ benchmark: "analysis", case: `one ~3,000-char article, ${label}`, metric: "p50", unit: "ms", value: round(a.p50), baseline: { name: "sentence splitting alone", value: round(s.p50, 3) } }),
      row({ benchmark: "analysis", case: `one ~3,000-char article, ${label}`, metric: "p99", unit: "ms", value: round(a.p99), baseline: { name: "sentence splitting alone", value: round(s.p99, 3) } }),
      row({ benchmark: "analysis", case: `articles analysed per second, ${label}`, metric: "rate", unit: "articles/s", value: round(perSecond, 1), baseline: null, target: "≥ 20/s (feeds)", met: perSecond >= 20 }),
      row({ benchmark: "analysis", case: "language tools loaded (az, compromise lexicon, stemmers)", metric: "RSS added", unit: "MB", value: round(toolsMb, 0), baseline: null, note: `loaded in ${round(loadMs, 0)} ms` }),
      row({ benchmark: "analysis", case: `alias index built once, ${label}`, metric: "time", unit: "ms", value: round(indexMs, 0), baseline: null }),
    ],
    details: { articles: texts.length, rounds, entities: catalog.entities.length },
  };
}
