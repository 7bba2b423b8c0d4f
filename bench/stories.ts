/**
 * Story clustering at scale (issue: one story, every source): `stored` articles (100,000 in the
 * full profile) spread over a year, each with features like a real article's (people and places
 * from a pool of surnames, Zipf-distributed stems, four languages), then `probes` new articles,
 * half of them another outlet's report of a stored event. Reported: the cost of assigning one
 * article to its story (the real `assignStory`: document counts, one indexed candidate query,
 * scoring, the writes), p50 and p99, beside a brute-force assignment in the same run that reads
 * and scores every article of the 72-hour window, and how many candidates each read.
 */
import { sql } from "drizzle-orm";
import { assignStory, candidateQuery, selectiveKeys, storedKeys, toCandidates } from "../src/db/repositories/stories.js";
import { rowsOf } from "../src/db/repositories/rows.js";
import { lookupKeys, type StoryFeatures } from "../src/stories/features.js";
import { chooseStory, countedKeys, STORY_WINDOW_HOURS, weigh } from "../src/stories/similarity.js";
import type { BenchContext, BenchmarkResult } from "./support/context.js";
import { openBenchDatabase } from "./support/database.js";
import { createRandom, type Random } from "./support/random.js";
import { now, round, row, summarize } from "./support/stats.js";

const SIZES: Record<BenchContext["profile"], { stored: number; probes: number }> = {
  full: { stored: 100_000, probes: 200 },
  quick: { stored: 20_000, probes: 100 },
  tiny: { stored: 3_000, probes: 40 },
};

const LANGUAGES = ["en", "fr", "ru", "uk"];
const VOCABULARY = 20_000;
const NAMES = 6_000;
const DAYS = 365;

/** A Zipf-like pick: low ranks are common words. */
function zipf(random: Random, n: number): number {
  return Math.min(n - 1, Math.floor(Math.exp(random.next() * Math.log(n)) - 1));
}

function syntheticFeatures(random: Random): StoryFeatures {
  const language = random.pick(LANGUAGES);
  const terms: Record<string, number> = {};
  for (let i = 0; i < 40; i++) terms[`w${zipf(random, VOCABULARY)}`] = 1 + Math.floor(random.next() * 3);
  const names: Record<string, number> = {};
  for (let i = 0; i < 5; i++) names[`nm${zipf(random, NAMES)}`] = 1;
  const concepts: Record<string, number> = { [`c${Math.floor(random.next() * 60)}`]: 1, [`c${Math.floor(random.next() * 60)}`]: 1 };
  const hash = BigInt.asIntN(64, (BigInt(Math.floor(random.next() * 2 ** 32)) << 32n) | BigInt(Math.floor(random.next() * 2 ** 32)));
  return { language, terms, concepts, names, figures: [String(10 + Math.floor(random.next() * 5000))], simhash: hash.toString(), topics: [] };
}

/** Another outlet's report of `of`: most names and a good share of its words, in its language or another. */
function reportOf(of: StoryFeatures, random: Random): StoryFeatures {
  const fresh = syntheticFeatures(random);
  const sameLanguage = random.chance(0.5);
  const terms = sameLanguage ? Object.fromEntries([...Object.entries(of.terms).slice(0, 24), ...Object.entries(fresh.terms).slice(0, 16)]) : fresh.terms;
  return { ...fresh, language: sameLanguage ? of.language : fresh.language, terms, names: { ...of.names }, concepts: of.concepts, figures: of.figures };
}

export async function run(ctx: BenchContext): Promise<BenchmarkResult> {
  const sizes = SIZES[ctx.profile];
  const bench = await openBenchDatabase({ databaseUrl: ctx.databaseUrl });
  const random = createRandom(17);
  ctx.log(`  stories: ${sizes.stored} stored articles over ${DAYS} days, ${sizes.probes} new ones (${bench.label})`);
  try {
    const db = bench.database.db;
    const end = Date.UTC(2026, 5, 30);
    const start = end - DAYS * 86_400_000;
    // The archive, written directly: article rows, one story each, their features and key counts.
    const stored: { id: number; at: Date; features: StoryFeatures }[] = [];
    const counts = new Map<string, number>();
    const fillStart = now();
    const batch = 1000;
    for (let done = 0; done < sizes.stored; done += batch) {
      const rows = Array.from({ length: Math.min(batch, sizes.stored - done) }, () => ({ at: new Date(start + random.next() * (end - start)), features: syntheticFeatures(random) }));
      const values = JSON.stringify(rows.map((r, i) => ({ n: done + i, at: r.at.toISOString(), language: r.features.language })));
      const ids = await rowsOf<{ id: number }>(
        db,
        sql`insert into articles (title, body, body_hash, language, summary, origin, published_at)
            select 'Stored article ' || v.n, 'body ' || v.n, 'bench-story-' || v.n, v.language, 'summary', 'api', v.at
              from jsonb_to_recordset(${values}::jsonb) as v(n int, at timestamptz, language text) order by v.n
            returning id`,
      );
      const storyIds = await rowsOf<{ id: number }>(
        db,
        sql`insert into stories (article_count, first_published_at, last_published_at)
            select 1, v.at, v.at from jsonb_to_recordset(${values}::jsonb) as v(n int, at timestamptz) order by v.n returning id`,
      );
      const placed = rows.map((r, i) => ({
        article_id: Number(ids[i]!.id),
        story_id: Number(storyIds[i]!.id),
        at: r.at.toISOString(),
        language: r.features.language,
        keys: storedKeys(lookupKeys(r.features), r.at),
        features: weigh(r.features, { total: done, of: (key) => counts.get(key) ?? 0 }),
      }));
      await db.execute(
        sql`insert into story_articles (article_id, story_id, published_at, language, joined_by, keys, features)
            select v.article_id, v.story_id, v.at, v.language, 'first', array(select jsonb_array_elements_text(v.keys)), v.features
              from jsonb_to_recordset(${JSON.stringify(placed)}::jsonb) as v(article_id int, story_id int, at timestamptz, language text, keys jsonb, features jsonb)`,
      );
      rows.forEach((r, i) => {
        stored.push({ id: Number(ids[i]!.id), at: r.at, features: r.features });
        for (const key of countedKeys(r.features)) counts.set(key, (counts.get(key) ?? 0) + 1);
      });
    }
    counts.set("", sizes.stored);
    const countRows = [...counts].map(([key, articles]) => ({ key, articles }));
    for (let i = 0; i < countRows.length; i += 5000) {
      await db.execute(sql`insert into story_key_counts (key, articles) select v.key, v.articles from jsonb_to_recordset(${JSON.stringify(countRows.slice(i, i + 5000))}::jsonb) as v(key text, articles int) on conflict (key) do update set articles = story_key_counts.articles + excluded.articles`);
    }
    await db.execute(sql`analyze`);
    const fillMs = now() - fillStart;

    // New articles: half report a stored event a few hours after it, half are new events.
    const probes = Array.from({ length: sizes.probes }, (_, i) => {
      if (i % 2 === 0) {
        const event = random.pick(stored);
        return { at: new Date(event.at.getTime() + random.next() * 12 * 3_600_000), features: reportOf(event.features, random), event: event.id };
      }
      return { at: new Date(start + random.next() * (end - start)), features: syntheticFeatures(random), event: undefined };
    });

    const indexedMs: number[] = [];
    const candidates: number[] = [];
    let joined = 0;
    for (const [i, probe] of probes.entries()) {
      const [article] = await rowsOf<{ id: number }>(
        db,
        sql`insert into articles (title, body, body_hash, language, summary, origin, published_at)
            values (${`Probe ${i}`}, ${`probe ${i}`}, ${`bench-story-probe-${i}`}, ${probe.features.language}, 'summary', 'api', ${probe.at.toISOString()}::timestamptz) returning id`,
      );
      const t = now();
      const placed = await db.transaction((tx) => assignStory(tx, { id: Number(article!.id), publishedAt: probe.at, features: probe.features }));
      indexedMs.push(now() - t);
      if (probe.event !== undefined && !placed.created) joined++;
    }
    // Brute force: every article of the window, read and scored, for the same new articles.
    const bruteMs: number[] = [];
    const windowSizes: number[] = [];
    const total = { total: sizes.stored, of: (key: string) => counts.get(key) ?? 0 };
    for (const probe of probes) {
      const t = now();
      const at = probe.at.toISOString();
      const rows = await rowsOf<{ articleId: number; storyId: number; publishedAt: string; features: unknown }>(
        db,
        sql`select article_id as "articleId", story_id as "storyId", published_at as "publishedAt", features from story_articles
             where published_at between ${at}::timestamptz - ${`${STORY_WINDOW_HOURS} hours`}::interval and ${at}::timestamptz + ${`${STORY_WINDOW_HOURS} hours`}::interval`,
      );
      chooseStory(weigh(probe.features, total), probe.at, toCandidates(rows));
      bruteMs.push(now() - t);
      windowSizes.push(rows.length);
    }
    // The same choice through the indexed query (one query, at most 200 candidates), read-only.
    const chooseMs: number[] = [];
    for (const [i, probe] of probes.entries()) {
      const t = now();
      const rows = await rowsOf<{ articleId: number; storyId: number; publishedAt: string; features: unknown }>(db, candidateQuery(selectiveKeys(lookupKeys(probe.features), total), probe.at, -1 - i));
      chooseStory(weigh(probe.features, total), probe.at, toCandidates(rows));
      chooseMs.push(now() - t);
      candidates.push(rows.length);
    }

    const assigned = summarize(indexedMs);
    const indexed = summarize(chooseMs);
    const brute = summarize(bruteMs);
    const mean = (values: number[]) => round(values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1), 0);
    const label = `${sizes.stored.toLocaleString("en")} stored articles, ${sizes.probes} new`;
    const base = { name: "brute force: every article of the 72 h window (same run)" };
    return {
      name: "stories",
      rows: [
        row({ benchmark: "stories", case: label, metric: "choosing the story (read candidates, score), p50", unit: "ms", value: round(indexed.p50, 2), baseline: { ...base, value: round(brute.p50, 2) } }),
        row({ benchmark: "stories", case: label, metric: "choosing the story (read candidates, score), p99", unit: "ms", value: round(indexed.p99, 2), baseline: { ...base, value: round(brute.p99, 2) } }),
        row({ benchmark: "stories", case: label, metric: "assigning one article in its transaction (counts, choice, writes), p50", unit: "ms", value: round(assigned.p50, 2), baseline: null }),
        row({ benchmark: "stories", case: label, metric: "assigning one article in its transaction (counts, choice, writes), p99", unit: "ms", value: round(assigned.p99, 2), baseline: null }),
        row({ benchmark: "stories", case: label, metric: "articles compared per new article (mean)", unit: "articles", value: mean(candidates), baseline: { ...base, value: mean(windowSizes) } }),
      ],
      notes: [
        `stories: archive written in ${round(fillMs / 1000, 1)} s; ${joined} of ${probes.filter((p) => p.event !== undefined).length} synthetic second reports joined their event's story.`,
      ],
    };
  } finally {
    await bench.close();
  }
}
