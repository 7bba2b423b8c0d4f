/**
 * The story clustering evaluation (`npm run eval -- --stories`, and part of `npm run eval`):
 * publishes hand-grouped events through the bot's real path (news service, real migrations and
 * seeds, in-memory PGlite) in time order, reads back each article's story, and prints B-cubed and
 * pairwise scores, cross-language joins and near-miss false merges beside two baselines measured
 * in the same run: every article alone, and articles joined when they share capitalised names.
 *
 * Inputs: `eval/stories/set-*.json` (events written for this project; `--stories-dir=DIR` reads
 * another folder of such files, e.g. a held-out set) and `eval/stories/corpus-events.json` (real
 * corpus articles by id under their own dates).
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { normalizeName } from "../src/text/normalize.js";
import { splitSentences } from "../src/text/sentences.js";
import { stopwordsFor, tokenize } from "../src/text/tokens.js";
import { headline, publicationDate, readCorpusArticle, readCorpusIndex } from "./corpus.js";
import { scoreStories, unionClusters, type NearMissPair, type Placement, type StoryScores } from "./story-score.js";

const articleSchema = z.object({
  id: z.string().min(1),
  language: z.string().min(2),
  site: z.string().nullable().optional(),
  url: z.string().nullable().optional(),
  publishedAt: z.iso.datetime({ offset: true }),
  title: z.string().min(1),
  body: z.string().min(1),
  wireCopyOf: z.string().nullable().optional(),
});
const setSchema = z.object({
  description: z.string().optional(),
  events: z.array(
    z.object({
      id: z.string().min(1),
      summary: z.string().optional(),
      nearMissOf: z.string().nullable().optional(),
      nearMissKind: z.string().nullable().optional(),
      articles: z.array(articleSchema).min(1),
    }),
  ),
});
const corpusEventsSchema = z.object({
  sources: z.array(z.string()),
  groups: z.array(z.object({ event: z.string(), ids: z.array(z.string()).min(2) })),
  exclude: z.object({ ids: z.array(z.string()) }).optional(),
  nearMisses: z.array(z.object({ event: z.string(), nearMissOf: z.string(), kind: z.string() })).default([]),
});

/** One article to publish, with its hand-made event. */
export interface EvalArticle {
  key: string;
  event: string;
  block: string;
  language: string;
  title: string;
  body: string;
  url?: string;
  site?: string;
  publishedAt: Date;
}

export interface StoryEvalInput {
  articles: EvalArticle[];
  nearMisses: (NearMissPair & { block: string })[];
}

/** Reads the hand-made sets of `dir` (every `set-*.json`, or every `*.json` of a held-out folder). */
export async function readStorySets(dir: string, block: string, pattern = /^set-.*\.json$/): Promise<StoryEvalInput> {
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => pattern.test(f)).sort();
  const out: StoryEvalInput = { articles: [], nearMisses: [] };
  for (const file of files) {
    const set = setSchema.parse(JSON.parse(await readFile(join(dir, file), "utf8")));
    for (const event of set.events) {
      if (event.nearMissOf) out.nearMisses.push({ event: event.id, nearMissOf: event.nearMissOf, kind: event.nearMissKind ?? "near-miss", block });
      for (const a of event.articles) {
        out.articles.push({
          key: a.id,
          event: event.id,
          block,
          language: a.language,
          title: a.title,
          body: a.body,
          url: a.url ?? undefined,
          site: a.site ?? undefined,
          publishedAt: new Date(a.publishedAt),
        });
      }
    }
  }
  return out;
}

/** The dated corpus articles of the listed sources, each its own event unless grouped. */
export async function readCorpusEvents(corpusDir: string, file: string): Promise<StoryEvalInput> {
  const spec = corpusEventsSchema.parse(JSON.parse(await readFile(file, "utf8")));
  const index = await readCorpusIndex(corpusDir);
  if (!index) return { articles: [], nearMisses: [] };
  const eventOf = new Map(spec.groups.flatMap((g) => g.ids.map((id) => [id, g.event] as const)));
  const excluded = new Set(spec.exclude?.ids ?? []);
  const articles: EvalArticle[] = [];
  for (const entry of index) {
    if (!spec.sources.includes(entry.source) || excluded.has(entry.id)) continue;
    const publishedAt = entry.date && /^\d{4}-\d{2}-\d{2}$/.test(entry.date) ? publicationDate(entry.date) : undefined;
    if (!publishedAt) continue;
    const article = await readCorpusArticle(corpusDir, entry);
    articles.push({ key: entry.id, event: eventOf.get(entry.id) ?? entry.id, block: "corpus", language: entry.language, title: headline(article), body: article.text, publishedAt });
  }
  return { articles, nearMisses: spec.nearMisses.map((n) => ({ ...n, block: "corpus" })) };
}

/** Capitalised words that are not a sentence's first word: the names baseline compares these. */
function capitalisedNames(article: EvalArticle): Set<string> {
  const stop = stopwordsFor(article.language);
  const names = new Set<string>();
  for (const sentence of [article.title, ...splitSentences(article.body, article.language)]) {
    tokenize(sentence).forEach((token, i) => {
      if (i === 0 || !token.upper || token.text.length < 3 || stop.has(token.fold)) return;
      names.add(normalizeName(token.text));
    });
  }
  return names;
}

/** The baseline: articles within 72 hours that share at least two capitalised names are one story. */
export function namesBaseline(articles: readonly EvalArticle[]): string[] {
  const names = articles.map(capitalisedNames);
  const clusters = unionClusters(articles.length, (i, j) => {
    if (Math.abs(articles[i]!.publishedAt.getTime() - articles[j]!.publishedAt.getTime()) > 72 * 3_600_000) return false;
    let shared = 0;
    for (const name of names[i]!) if (names[j]!.has(name) && ++shared >= 2) return true;
    return false;
  });
  return clusters.map(String);
}

export interface StoryEvalRun {
  block: string;
  system: StoryScores;
  alone: StoryScores;
  names: StoryScores;
}

/** Scores one block of placements against its baselines. */
export function scoreBlock(block: string, articles: EvalArticle[], clusters: string[], nearMisses: NearMissPair[]): StoryEvalRun {
  const placements = (cluster: (i: number) => string): Placement[] =>
    articles.map((a, i) => ({ article: a.key, event: a.event, cluster: cluster(i), language: a.language }));
  const baseline = namesBaseline(articles);
  return {
    block,
    system: scoreStories(placements((i) => clusters[i]!), nearMisses),
    alone: scoreStories(placements((i) => articles[i]!.key), nearMisses),
    names: scoreStories(placements((i) => baseline[i]!), nearMisses),
  };
}

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

/** The results as one table per block: the system beside both baselines, with the targets. */
export function renderStoryTable(run: StoryEvalRun): string {
  const rows: [string, (s: StoryScores) => string, string][] = [
    ["B-cubed precision", (s) => pct(s.bcubed.precision), ""],
    ["B-cubed recall", (s) => pct(s.bcubed.recall), ""],
    ["B-cubed F1", (s) => pct(s.bcubed.f1), "≥ 85%"],
    ["pairwise precision", (s) => pct(s.pairwise.precision), ""],
    ["pairwise recall", (s) => pct(s.pairwise.recall), ""],
    ["cross-language events joined", (s) => `${s.crossLanguage.joined} of ${s.crossLanguage.events}`, "≥ 3 of 4"],
    ["near-miss false merges (article pairs)", (s) => `${pct(s.nearMiss.rate)} (${s.nearMiss.mergedArticlePairs}/${s.nearMiss.articlePairs})`, "≤ 5%"],
    ["near-miss events merged", (s) => `${s.nearMiss.mergedPairs} of ${s.nearMiss.pairs}`, ""],
    ["stories", (s) => `${s.clusters} for ${s.events} events`, ""],
  ];
  const header = ["measure", "stories", "baseline: alone", "baseline: shared names", "target"];
  const body = rows.map(([label, value, target]) => [label, value(run.system), value(run.alone), value(run.names), target]);
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((r) => r[c]!.length)));
  const line = (cells: string[]) => cells.map((cell, c) => cell.padEnd(widths[c]!)).join("  ").trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}
