/**
 * Extractive summary: a one-sentence lead and three to five bullets, in the article's own words.
 *
 * Sentences are ranked with TextRank (PageRank over a graph whose edges are content-word overlap,
 * normalised by sentence length as in Mihalcea & Tarau 2004), using the language's stop words from
 * `stopwords-iso` and a crude language-independent stem (the first six letters of a folded word).
 * The rank is blended with similarity to the title (news titles name the story) and a mild
 * lead-position prior. Selection is greedy by score times novelty, the share of a sentence's content
 * stems not yet covered by the title (shown above the summary), the lead and the bullets already
 * chosen: first the lead (under 600 characters), then the bullets. Novelty multiplies the score with
 * no floor: a central sentence that only restates the title or an earlier pick is worth nothing, and
 * a near-duplicate of an earlier pick is worth only the share it adds.
 * Bullets complement the lead (they never repeat it) and come in text order; a text of three
 * sentences or fewer gets them all as bullets. Only if every sentence is 600 characters or longer
 * is the lead cut, at a clause break.
 */
import { stopwordsFor, tokenize } from "../text/tokens.js";

export interface Summary {
  lead: string;
  bullets: string[];
}

export const MAX_LEAD_CHARS = 600;
const STEM = 6;
const DAMPING = 0.85;
const TITLE_W = 0.5;

function contentStems(text: string, stop: ReadonlySet<string>): string[] {
  return tokenize(text)
    .filter((t) => !stop.has(t.fold) && (t.fold.length > 1 || /\p{N}/u.test(t.fold)))
    .map((t) => t.fold.slice(0, STEM));
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

/** How many bullets a text of `n` sentences gets (3 to 5; all of them if fewer). */
function bulletCount(n: number): number {
  if (n <= 3) return n;
  return Math.min(5, Math.max(3, Math.round(n / 3)));
}

/** Per-sentence content stems and blended scores (TextRank + title + position). */
export function scoreSentences(sentences: string[], title: string, language?: string): { stems: Set<string>[]; score: number[]; titleStems: Set<string> } {
  const n = sentences.length;
  const stop = stopwordsFor(language);
  const stems = sentences.map((s) => new Set(contentStems(s, stop)));
  const rank = textRank(stems);
  const titleStems = new Set(contentStems(title, stop));
  const titleSim = stems.map((s) => {
    if (titleStems.size === 0 || s.size === 0) return 0;
    let common = 0;
    for (const t of s) if (titleStems.has(t)) common++;
    return common / titleStems.size;
  });
  const score = sentences.map((s, i) => {
    const position = 1 / (1 + i / Math.max(3, n / 3));
    // Very short sentences (datelines, fragments) carry little; very long ones are hard to read.
    const lengthFactor = s.length < 40 ? 0.5 : 1;
    return ((rank[i] as number) + TITLE_W * (titleSim[i] as number) + 0.3 * position) * lengthFactor;
  });

  return { stems, score, titleStems };
}

/**
 * Summarises sentences (already split). `title` guides the ranking and counts as already read;
 * `language` picks stop words. Returns the lead and the bullets; a text of three sentences or fewer
 * gets all of them as bullets.
 */
export function summarize(sentences: string[], title: string, language?: string): Summary {
  const n = sentences.length;
  if (n === 0) return { lead: "", bullets: [] };
  const { stems, score, titleStems } = scoreSentences(sentences, title, language);
  // The title is shown above the summary: what it already says counts as covered.
  const covered = new Set<string>(titleStems);
  const pick = (pool: Iterable<number>): number => {
    let best = -1;
    let bestValue = -Infinity;
    for (const i of pool) {
      const s = stems[i] as Set<string>;
      let fresh = 0;
      for (const t of s) if (!covered.has(t)) fresh++;
      const novelty = s.size === 0 ? 0 : fresh / s.size;
      const value = (score[i] as number) * novelty;
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    }
    return best;
  };
  const leadPool = sentences.map((_, i) => i).filter((i) => (sentences[i] as string).length < MAX_LEAD_CHARS);
  const leadIndex = leadPool.length > 0 ? pick(leadPool) : -1;
  const lead = leadIndex >= 0 ? (sentences[leadIndex] as string) : truncateAtClause(sentences[0] as string);
  if (leadIndex >= 0) for (const t of stems[leadIndex] as Set<string>) covered.add(t);

  if (n <= 3) return { lead, bullets: [...sentences] };
  const want = bulletCount(n - (leadIndex >= 0 ? 1 : 0));
  const chosen: number[] = [];
  const pool = new Set(sentences.map((_, i) => i).filter((i) => i !== leadIndex));
  while (chosen.length < want && pool.size > 0) {
    const best = pick(pool);
    pool.delete(best);
    chosen.push(best);
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
