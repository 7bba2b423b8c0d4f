/**
 * Extractive summary: a one-sentence lead and at most three bullets, in the article's own words,
 * together at most about a third of the article.
 *
 * Sentences are ranked with TextRank (PageRank over a graph whose edges are content-word overlap,
 * normalised by sentence length as in Mihalcea & Tarau 2004), over word stems in the article's
 * language (Snowball; the Ukrainian stemmer) without `stopwords-iso` stop words. The rank is blended
 * with similarity to the title (news titles name the story) and a lead-position prior (the inverted
 * pyramid). Selection is greedy by score times novelty, the share of a sentence's content stems not
 * yet covered by the title (shown above the summary), the lead and the bullets already chosen: first
 * the lead (under 600 characters), then bullets while they fit the length budget. A central sentence
 * that only restates the title or an earlier pick is worth nothing. Bullets come in text order. The
 * caller passes only sentences a summary may quote (no captions, credits or listings: boilerplate.ts).
 * Only if every sentence is 600 characters or longer is the lead cut, at a clause break.
 */
import { stem } from "../text/stem.js";
import { stopwordsFor, tokenize } from "../text/tokens.js";

export interface Summary {
  lead: string;
  bullets: string[];
}

export const MAX_LEAD_CHARS = 600;
/** A summary is the lead plus at most this many bullets. */
export const MAX_BULLETS = 3;
/** The lead and bullets together take at most this share of the article (the lead is always given). */
export const MAX_SHARE = 0.35;
/** An opening sentence leads unless it only restates the title (less than this share of new stems). */
const MIN_LEAD_NOVELTY = 0.3;
const DAMPING = 0.85;
const TITLE_W = 0.5;

function contentStems(text: string, stop: ReadonlySet<string>, language: string | undefined): string[] {
  return tokenize(text)
    .filter((t) => !stop.has(t.fold) && (t.fold.length > 1 || /\p{N}/u.test(t.fold)))
    .map((t) => stem(t.text, language));
}

/** TextRank scores (mean 1) for sentences given as stem sets. */
function textRank(stems: Set<string>[]): number[] {
  const n = stems.length;
  const w: number[][] = stems.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = stems[i] as Set<string>;
      const b = stems[j] as Set<string>;
      if (a.size < 2 || b.size < 2) continue;
      let common = 0;
      for (const s of a) if (b.has(s)) common++;
      const sim = common / (Math.log(a.size) + Math.log(b.size));
      (w[i] as number[])[j] = sim;
      (w[j] as number[])[i] = sim;
    }
  }
  const outSum = w.map((row) => row.reduce((x, y) => x + y, 0));
  let score = new Array<number>(n).fill(1);
  for (let iter = 0; iter < 60; iter++) {
    const next = new Array<number>(n).fill(1 - DAMPING);
    for (let j = 0; j < n; j++) {
      const sj = score[j] as number;
      const oj = outSum[j] as number;
      if (oj === 0) continue;
      for (let i = 0; i < n; i++) {
        const wji = (w[j] as number[])[i] as number;
        if (wji > 0) next[i] = (next[i] as number) + (DAMPING * wji * sj) / oj;
      }
    }
    score = next;
  }
  const mean = score.reduce((x, y) => x + y, 0) / Math.max(1, n);
  return score.map((s) => (mean > 0 ? s / mean : 1));
}


/** Per-sentence content stems and blended scores (TextRank + title + position). */
export function scoreSentences(sentences: string[], title: string, language?: string): { stems: Set<string>[]; score: number[]; titleStems: Set<string> } {
  const n = sentences.length;
  const stop = stopwordsFor(language);
  const stems = sentences.map((s) => new Set(contentStems(s, stop, language)));
  const rank = textRank(stems);
  const titleStems = new Set(contentStems(title, stop, language));
  const titleSim = stems.map((s) => {
    if (titleStems.size === 0 || s.size === 0) return 0;
    let common = 0;
    for (const t of s) if (titleStems.has(t)) common++;
    return common / titleStems.size;
  });
  const score = sentences.map((s, i) => {
    // News puts what matters first (the inverted pyramid).
    const position = 1 / (1 + i / Math.max(2, n / 4));
    // Very short sentences (datelines, fragments) carry little; very long ones are hard to read.
    const lengthFactor = s.length < 40 ? 0.5 : 1;
    return ((rank[i] as number) + TITLE_W * (titleSim[i] as number) + 0.6 * position) * lengthFactor;
  });

  return { stems, score, titleStems };
}

/**
 * Summarises sentences (already split). `title` guides the ranking and counts as already read;
 * `language` picks stop words and stems; `articleChars` (the whole article's length) sets the
 * budget: the lead and at most {@link MAX_BULLETS} bullets take at most {@link MAX_SHARE} of it.
 */
export function summarize(sentences: string[], title: string, language?: string, articleChars?: number): Summary {
  const n = sentences.length;
  if (n === 0) return { lead: "", bullets: [] };
  const budget = MAX_SHARE * (articleChars ?? sentences.reduce((sum, s) => sum + s.length + 1, 0));
  const { stems, score, titleStems } = scoreSentences(sentences, title, language);
  // The title is shown above the summary: what it already says counts as covered.
  const covered = new Set<string>(titleStems);
  /** The share of a sentence's content stems not yet covered. */
  const novelty = (i: number) => {
    const s = stems[i] as Set<string>;
    let fresh = 0;
    for (const t of s) if (!covered.has(t)) fresh++;
    return s.size === 0 ? 0 : fresh / s.size;
  };
  const pick = (pool: Iterable<number>): number => {
    let best = -1;
    let bestValue = -Infinity;
    for (const i of pool) {
      const value = (score[i] as number) * novelty(i);
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    }
    return best;
  };
  // News opens with what matters (the inverted pyramid): the lead is the first full sentence that
  // adds to the title; TextRank picks it only when none of the first three does.
  const leadPool = sentences.map((_, i) => i).filter((i) => (sentences[i] as string).length < MAX_LEAD_CHARS);
  const opening = leadPool.find((i) => i < 3 && (sentences[i] as string).length >= 60 && novelty(i) >= MIN_LEAD_NOVELTY);
  const leadIndex = opening ?? (leadPool.length > 0 ? pick(leadPool) : -1);
  const lead = leadIndex >= 0 ? (sentences[leadIndex] as string) : truncateAtClause(sentences[0] as string);
  if (leadIndex >= 0) for (const t of stems[leadIndex] as Set<string>) covered.add(t);

  let used = lead.length;
  const chosen: number[] = [];
  const pool = new Set(sentences.map((_, i) => i).filter((i) => i !== leadIndex && (sentences[i] as string).length >= 40));
  while (chosen.length < MAX_BULLETS && pool.size > 0) {
    const best = pick(pool);
    if (best < 0) break;
    pool.delete(best);
    const length = (sentences[best] as string).length;
    if (used + length > budget) continue;
    chosen.push(best);
    used += length;
    for (const t of stems[best] as Set<string>) covered.add(t);
  }
  chosen.sort((a, b) => a - b);
  return { lead, bullets: chosen.map((i) => sentences[i] as string) };
}

/** Last resort for a text whose every sentence is too long: cut at the last clause break, add "…". */
function truncateAtClause(sentence: string): string {
  const head = sentence.slice(0, MAX_LEAD_CHARS - 1);
  const cut = Math.max(head.lastIndexOf(", "), head.lastIndexOf("; "), head.lastIndexOf(" – "));
  return `${(cut > 100 ? head.slice(0, cut) : head.slice(0, head.lastIndexOf(" "))).trim()}…`;
}
