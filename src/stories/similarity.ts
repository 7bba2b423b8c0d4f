/**
 * How alike two articles are, and which story a new article joins. Pure and deterministic: the
 * repository reads the candidates and the document counts, this module decides, and the decision
 * is stored with its score and what matched, so that it can be explained.
 *
 * The score mixes four signals, each in [0, 1]:
 * - content: cosine of tf-idf stem vectors when both articles share a language, mixed with the
 *   cosine of their news concepts (the only content signal across languages);
 * - names: cosine of tf-idf name vectors (people weigh more than places, and a name every article
 *   carries weighs little);
 * - figures: the distinctive numbers they share (12,000 evacuated; 3.4 billion);
 * - a near-copy (SimHash within a few bits, same language): wire copy, always the same story.
 * Time lowers the score: an article three days apart needs a stronger match than one an hour apart.
 */
import { conceptKey, hammingDistance, nameKeyOf, termKey, type StoryFeatures } from "./features.js";

/** An article's features with each vector weighted by inverse document frequency and of unit length (stored as is). */
export type WeightedFeatures = StoryFeatures;

/** Counts of stored articles per key ("t:fr:incend", "c:fire", "n:makron"), and the total. */
export interface DocumentCounts {
  total: number;
  of(key: string): number;
}

export const STORY_WINDOW_HOURS = 72;

/** Tuned on the development set (`npm run eval -- --stories`); see eval/stories/README.md. */
export const SIMILARITY = {
  threshold: 0.3,
  /** One language: its words say much. */
  weights: { content: 0.5, names: 0.35, figures: 0.15 },
  /** Across languages only the coarse concepts compare content: names and figures weigh more. */
  crossLanguageWeights: { content: 0.35, names: 0.45, figures: 0.2 },
  /** A story scores as a mix of its best-matching article and the mean of its candidates. */
  storyBestShare: 0.5,
  sameLanguageTermShare: 0.7,
  nearCopyBits: 12,
  nearCopyScore: 0.95,
  timeDecay: 0.6,
};

/** Every key an article adds to the document counts. */
export function countedKeys(features: StoryFeatures): string[] {
  return [
    ...Object.keys(features.terms).map((t) => termKey(features.language, t)),
    ...Object.keys(features.concepts).map(conceptKey),
    ...Object.keys(features.names).map(nameKeyOf),
  ];
}

function idf(counts: DocumentCounts, key: string): number {
  return Math.log((counts.total + 1) / (counts.of(key) + 1)) + 1;
}

function weighVector(raw: Record<string, number>, key: (entry: string) => string, counts: DocumentCounts): Record<string, number> {
  // Sublinear above one mention; a name counted as a share of a mention (a place, each word of an
  // organisation) keeps its share: 1 + ln(tf) would turn a third of a mention negative.
  const weighted = Object.entries(raw).map(([entry, tf]) => [entry, (tf > 1 ? 1 + Math.log(tf) : tf) * idf(counts, key(entry))] as const);
  const norm = Math.sqrt(weighted.reduce((sum, [, w]) => sum + w * w, 0)) || 1;
  return Object.fromEntries(weighted.map(([entry, w]) => [entry, Math.round((w / norm) * 1e4) / 1e4]));
}

/** Weighs an article's features with the document counts as they are when it is stored. */
export function weigh(features: StoryFeatures, counts: DocumentCounts): WeightedFeatures {
  return {
    language: features.language,
    terms: weighVector(features.terms, (t) => termKey(features.language, t), counts),
    concepts: weighVector(features.concepts, conceptKey, counts),
    names: weighVector(features.names, nameKeyOf, counts),
    figures: features.figures,
    simhash: features.simhash,
    topics: features.topics,
  };
}

function cosine(a: Record<string, number>, b: Record<string, number>): { value: number; shared: string[] } {
  let value = 0;
  const shared: { key: string; product: number }[] = [];
  for (const [key, weight] of Object.entries(a)) {
    const other = b[key];
    if (other === undefined) continue;
    value += weight * other;
    shared.push({ key, product: weight * other });
  }
  shared.sort((x, y) => y.product - x.product || (x.key < y.key ? -1 : 1));
  return { value: Math.min(1, value), shared: shared.map((s) => s.key) };
}

/** What two articles have in common, and the score that decides whether they are one story. */
export interface Comparison {
  score: number;
  content: number;
  names: number;
  figures: number;
  nearCopy: boolean;
  hoursApart: number;
  shared: { terms: string[]; concepts: string[]; names: string[]; figures: string[] };
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/** Compares two weighted articles published `hoursApart` hours apart. */
export function compare(a: WeightedFeatures, b: WeightedFeatures, hoursApart: number): Comparison {
  const sameLanguage = a.language === b.language && a.language !== "und";
  const terms = sameLanguage ? cosine(a.terms, b.terms) : { value: 0, shared: [] };
  const concepts = cosine(a.concepts, b.concepts);
  const names = cosine(a.names, b.names);
  const figureSet = new Set(b.figures);
  const sharedFigures = a.figures.filter((f) => figureSet.has(f));
  const figures = Math.min(1, sharedFigures.length / 2);
  const share = SIMILARITY.sameLanguageTermShare;
  const content = sameLanguage ? share * terms.value + (1 - share) * concepts.value : concepts.value;
  const weights = sameLanguage ? SIMILARITY.weights : SIMILARITY.crossLanguageWeights;
  let score = weights.content * content + weights.names * names.value + weights.figures * figures;
  const nearCopy = sameLanguage && hammingDistance(a.simhash, b.simhash) <= SIMILARITY.nearCopyBits;
  if (nearCopy) score = Math.max(score, SIMILARITY.nearCopyScore);
  score *= 1 - SIMILARITY.timeDecay * Math.min(1, Math.abs(hoursApart) / STORY_WINDOW_HOURS);
  return {
    score: round(score),
    content: round(content),
    names: round(names.value),
    figures: round(figures),
    nearCopy,
    hoursApart: Math.round(Math.abs(hoursApart) * 10) / 10,
    shared: { terms: terms.shared.slice(0, 8), concepts: concepts.shared.slice(0, 6), names: names.shared.slice(0, 8), figures: sharedFigures.slice(0, 6) },
  };
}

/** A stored article of a recent story, as the candidate query returns it. */
export interface Candidate {
  articleId: number;
  storyId: number;
  publishedAt: Date;
  features: WeightedFeatures;
}

/** Which story an article joins: the best-matching one above the threshold, or none (a new story). */
export interface StoryChoice {
  storyId: number | null;
  /**
   * The best story's comparison with its best-matching article (`articleScore`), and `score`, the
   * story's score; also when it was too weak.
   */
  best?: Comparison & { articleId: number; articleScore: number };
}

/**
 * Chooses the story. A story scores as a mix of its best-matching article and the mean over its
 * candidate articles, so that one article that happens to share names with a story does not pull
 * a different event in by itself (a near copy still decides alone). Ties go to the older story,
 * so the choice does not depend on query order.
 */
export function chooseStory(article: WeightedFeatures, publishedAt: Date, candidates: readonly Candidate[]): StoryChoice {
  const perStory = new Map<number, { best: Comparison & { articleId: number }; sum: number; count: number }>();
  for (const candidate of candidates) {
    const hours = (publishedAt.getTime() - candidate.publishedAt.getTime()) / 3_600_000;
    if (Math.abs(hours) > STORY_WINDOW_HOURS) continue;
    const comparison = { ...compare(article, candidate.features, hours), articleId: candidate.articleId };
    const entry = perStory.get(candidate.storyId);
    if (!entry) perStory.set(candidate.storyId, { best: comparison, sum: comparison.score, count: 1 });
    else {
      entry.sum += comparison.score;
      entry.count++;
      if (comparison.score > entry.best.score || (comparison.score === entry.best.score && comparison.articleId < entry.best.articleId)) entry.best = comparison;
    }
  }
  let chosen: { storyId: number; score: number; best: Comparison & { articleId: number } } | undefined;
  const share = SIMILARITY.storyBestShare;
  for (const [storyId, entry] of [...perStory].sort((a, b) => a[0] - b[0])) {
    const score = entry.best.nearCopy ? entry.best.score : round(share * entry.best.score + (1 - share) * (entry.sum / entry.count));
    if (!chosen || score > chosen.score) chosen = { storyId, score, best: entry.best };
  }
  if (!chosen) return { storyId: null };
  return { storyId: chosen.score >= SIMILARITY.threshold ? chosen.storyId : null, best: { ...chosen.best, score: chosen.score, articleScore: chosen.best.score } };
}
