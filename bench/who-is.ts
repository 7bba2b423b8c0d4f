/**
 * Who-is lookup: latency and top-1 accuracy of `answer()` (the bot's whole answer, card included)
 * and of the repository's `searchByName`, at a small and a large entity count, against the naive
 * `name % $1 order by similarity desc limit 1` over a plain normalised names table with its own
 * trigram index.
 */
import { createWhoIsService } from "../src/entities/who-is.js";
import { normalizeName } from "../src/text/normalize.js";
import type { BenchContext, BenchmarkResult } from "./support/context.js";
import type { Dataset } from "./support/dataset.js";
import { createRandom, type Random } from "./support/random.js";
import { now, round, row, summarize, type ResultRow } from "./support/stats.js";

export type QueryCategory = "exact" | "surname" | "typo" | "cyrillic";
export const CATEGORIES: QueryCategory[] = ["exact", "surname", "typo", "cyrillic"];

export interface WhoIsQuery {
  text: string;
  /** Slug of the one right answer. */
  expected: string;
  category: QueryCategory;
}

/** The typos the issue names, plus the full-name form of the first. */
const NAMED_TYPOS: [string, string][] = [
  ["Dmitriyev", "kirill-dmitriev"],
  ["Kirill Dmitriyev", "kirill-dmitriev"],
  ["Wadepul", "johann-wadephul"],
  ["Zelenskyy", "volodymyr-zelensky"],
];

/** One random single-letter edit: substitution, deletion, insertion or swap of neighbours. */
export function singleEdit(word: string, random: Random): string {
  const letters = "abcdefghijklmnopqrstuvwxyz";
  const i = 1 + random.int(Math.max(1, word.length - 1)); // keep the capital first letter
  switch (random.int(4)) {
    case 0:
      return word.slice(0, i) + random.pick([...letters]) + word.slice(i + 1);
    case 1:
      return word.slice(0, i) + word.slice(i + 1);
    case 2:
      return word.slice(0, i) + random.pick([...letters]) + word.slice(i);
    default:
      return i < word.length - 1 ? word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2) : word.slice(0, i) + word.slice(i + 1);
  }
}

/** Queries with known answers: catalog names in every form, and generated names stored so far. */
export async function buildQueries(dataset: Dataset, seed = 42): Promise<WhoIsQuery[]> {
  const random = createRandom(seed);
  const catalog = (await dataset.bench.repos.catalog.listEntities()).filter((e) => !e.slug.startsWith("gen-"));
  // The typos the issue names come first, so a sampled (quick) run keeps them.
  const queries: WhoIsQuery[] = NAMED_TYPOS.map(([text, expected]) => ({ text, expected, category: "typo" as const }));
  const people = catalog.filter((e) => e.kind === "person");
  const latinSurname = (aliases: string[]) => aliases.find((a) => !/\s/.test(a) && !/\p{Script=Cyrillic}/u.test(a));
  for (const person of people) {
    queries.push({ text: person.name, expected: person.slug, category: "exact" });
    const surname = latinSurname(person.aliases);
    if (surname) {
      queries.push({ text: surname, expected: person.slug, category: "surname" });
      for (let k = 0; k < 2; k++) {
        const typo = singleEdit(surname, random);
        if (normalizeName(typo) !== normalizeName(surname)) queries.push({ text: typo, expected: person.slug, category: "typo" });
      }
    }
    for (const alias of person.aliases.filter((a) => /\p{Script=Cyrillic}/u.test(a))) {
      queries.push({ text: alias, expected: person.slug, category: "cyrillic" });
    }
  }
  for (const org of catalog.filter((e) => e.kind !== "person")) queries.push({ text: org.name, expected: org.slug, category: "exact" });

  // Generated names: full names are unique by construction; Cyrillic spellings where stored.
  const generated = dataset.generated;
  const sample = random.shuffle([...generated]).slice(0, 40);
  for (const g of sample) queries.push({ text: g.seed.name, expected: g.seed.slug, category: "exact" });
  for (const g of random.shuffle(generated.filter((x) => x.cyrillic)).slice(0, 20)) {
    queries.push({ text: g.cyrillic!, expected: g.seed.slug, category: "cyrillic" });
  }
  return queries;
}

interface Outcome {
  answerMs: number[];
  searchMs: number[];
  naiveMs: number[];
  answerHits: Record<QueryCategory, [number, number]>;
  searchHits: Record<QueryCategory, [number, number]>;
  naiveHits: Record<QueryCategory, [number, number]>;
  misses: { text: string; expected: string; category: QueryCategory; answer: string; search?: string; naive?: string }[];
}

const tally = () => Object.fromEntries(CATEGORIES.map((c) => [c, [0, 0]])) as Record<QueryCategory, [number, number]>;

/** Runs every query `repeats` times through the three lookups; accuracy from the first pass. */
export async function measureWhoIs(dataset: Dataset, queries: WhoIsQuery[], repeats: number): Promise<Outcome> {
  const { repos } = dataset.bench;
  const whoIs = createWhoIsService({ entities: repos.entities });
  const ids = await dataset.idsOf([...new Set(queries.map((q) => q.expected))]);
  const slugOf = new Map([...ids].map(([slug, id]) => [id, slug]));
  const outcome: Outcome = { answerMs: [], searchMs: [], naiveMs: [], answerHits: tally(), searchHits: tally(), naiveHits: tally(), misses: [] };
  // Warm-up: plans cached, pages in memory, like a running bot.
  for (const q of queries.slice(0, 10)) await whoIs.answer(q.text);

  for (let pass = 0; pass < repeats; pass++) {
    for (const q of queries) {
      const expectedId = ids.get(q.expected);
      let t = now();
      const answer = await whoIs.answer(q.text);
      outcome.answerMs.push(now() - t);
      t = now();
      const matches = await repos.entities.searchByName(normalizeName(q.text));
      outcome.searchMs.push(now() - t);
      t = now();
      const naive = await dataset.naiveSearch(normalizeName(q.text));
      outcome.naiveMs.push(now() - t);
      if (pass > 0) continue;
      const answered = answer?.kind === "card" ? answer.card.entity.id : undefined;
      const hit = (tallyOf: Record<QueryCategory, [number, number]>, id: number | undefined) => {
        tallyOf[q.category][1]++;
        if (id !== undefined && id === expectedId) tallyOf[q.category][0]++;
        return id === expectedId;
      };
      const okAnswer = hit(outcome.answerHits, answered);
      const okSearch = hit(outcome.searchHits, matches[0]?.entityId);
      const okNaive = hit(outcome.naiveHits, naive);
      if (!okAnswer || !okSearch || !okNaive) {
        outcome.misses.push({
          text: q.text,
          expected: q.expected,
          category: q.category,
          answer: answer?.kind === "card" ? (slugOf.get(answered!) ?? answer.card.entity.slug) : `${answer?.kind}${answer?.kind === "choices" ? `(${answer.candidates.length})` : ""}`,
          search: matches[0] ? matches[0].name : undefined,
          naive: naive !== undefined ? String(naive) : undefined,
        });
      }
    }
  }
  return outcome;
}

/** Rows for one entity count. */
export function whoIsRows(label: string, outcome: Outcome): ResultRow[] {
  const benchmark = "who-is";
  const answer = summarize(outcome.answerMs);
  const search = summarize(outcome.searchMs);
  const naive = summarize(outcome.naiveMs);
  const naiveP50 = { name: "naive name % $1", value: round(naive.p50, 3) };
  const naiveP99 = { name: "naive name % $1", value: round(naive.p99, 3) };
  const rows: ResultRow[] = [
    row({ benchmark, case: `${label}: answer()`, metric: "p50", unit: "ms", value: round(answer.p50, 3), baseline: naiveP50 }),
    row({ benchmark, case: `${label}: answer()`, metric: "p99", unit: "ms", value: round(answer.p99, 3), baseline: naiveP99, target: "< 5 ms", met: answer.p99 < 5 }),
    row({ benchmark, case: `${label}: searchByName`, metric: "p50", unit: "ms", value: round(search.p50, 3), baseline: naiveP50 }),
    row({ benchmark, case: `${label}: searchByName`, metric: "p99", unit: "ms", value: round(search.p99, 3), baseline: naiveP99, target: "< 5 ms", met: search.p99 < 5 }),
  ];
  for (const category of CATEGORIES) {
    const [hitA, totalA] = outcome.answerHits[category];
    const [hitS] = outcome.searchHits[category];
    const [hitN] = outcome.naiveHits[category];
    if (totalA === 0) continue;
    const pct = (n: number) => round((100 * n) / totalA, 1);
    const strict = category === "typo" || category === "surname";
    rows.push(
      row({
        benchmark,
        case: `${label}: ${category} (${totalA} queries)`,
        metric: "top-1 answer()",
        unit: "%",
        value: pct(hitA),
        baseline: { name: "naive name % $1", value: pct(hitN) },
        target: strict ? "≥ 95%" : undefined,
        met: strict ? pct(hitA) >= 95 : undefined,
        note: `searchByName first: ${pct(hitS)}%`,
      }),
    );
  }
  return rows;
}

/** At most `max` queries, taken evenly from each category (every query when `max` is 0). */
export function sampleQueries(queries: WhoIsQuery[], max: number): WhoIsQuery[] {
  if (max <= 0 || queries.length <= max) return queries;
  const per = Math.max(1, Math.floor(max / CATEGORIES.length));
  return CATEGORIES.flatMap((c) => {
    const of = queries.filter((q) => q.category === c);
    if (of.length <= per) return of;
    // The first query of each category (the named typos for "typo") and an even spread after it.
    const step = (of.length - 1) / (per - 1 || 1);
    return Array.from({ length: per }, (_, i) => of[Math.round(i * step)]!);
  });
}

/** The benchmark: small entity count, then large. */
export async function run(ctx: BenchContext): Promise<BenchmarkResult> {
  const rows: ResultRow[] = [];
  const details: Record<string, unknown> = {};
  for (const stage of ["small", "large"] as const) {
    const dataset = await ctx.dataset(stage);
    const count = await dataset.entityCount();
    const label = count >= 1000 ? `${Math.round(count / 1000)}k entities` : `${count} entities`;
    const queries = sampleQueries(await buildQueries(dataset), ctx.sizes.whoIsQueries);
    ctx.log(`  who-is at ${count} entities: ${queries.length} queries × ${ctx.sizes.whoIsRepeats}`);
    const outcome = await measureWhoIs(dataset, queries, ctx.sizes.whoIsRepeats);
    rows.push(...whoIsRows(label, outcome));
    details[label] = { entities: count, queries: queries.length, repeats: ctx.sizes.whoIsRepeats, misses: outcome.misses };
  }
  return {
    name: "who-is",
    rows,
    details,
    notes: ["who-is: accuracy = the expected entity is the card answer() returns; naive = first row of `name % $1 order by similarity desc limit 1` over normalised entity names, through its own GIN trigram index (built without fast update, so no pending list to scan); naive column in the misses list is an entity id."],
  };
}
