/**
 * A story's one-paragraph summary, picked across its articles: each article's lead and bullets in
 * time order, the reader's language first, and no sentence said twice (a sentence that shares most
 * of its words with one already picked, in the same language, is left out).
 */
import { stem } from "../text/stem.js";
import { stopwordsFor, tokenize } from "../text/tokens.js";

export interface StorySentenceSource {
  language: string;
  /** The article's lead, then its bullets. */
  sentences: string[];
}

function contentStems(sentence: string, language: string): Set<string> {
  const stop = stopwordsFor(language);
  return new Set(tokenize(sentence).filter((t) => t.fold.length > 2 && !stop.has(t.fold)).map((t) => stem(t.fold, language)));
}

/** True when `a` and `b` share at least `threshold` of the smaller one's content words. */
function overlaps(a: Set<string>, b: Set<string>, threshold = 0.6): boolean {
  if (a.size === 0 || b.size === 0) return false;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return shared / Math.min(a.size, b.size) >= threshold;
}

/**
 * Picks up to `maxSentences` sentences (and at most `maxChars`) for the story's summary. Articles
 * in `preferred` language come first; the others fill in when they say something new.
 */
export function storySummary(articles: readonly StorySentenceSource[], preferred: string, options: { maxSentences?: number; maxChars?: number } = {}): string[] {
  const maxSentences = options.maxSentences ?? 3;
  const maxChars = options.maxChars ?? 700;
  const ordered = [...articles.filter((a) => a.language === preferred), ...articles.filter((a) => a.language !== preferred)];
  // Only one language's sentences go into a paragraph: the reader's when there are any.
  const language = ordered[0]?.language;
  const picked: { text: string; stems: Set<string> }[] = [];
  let length = 0;
  const seen = new Set<string>();
  // Leads first (one per article), then bullets: the paragraph opens with what each report leads on.
  const rounds = [ordered.map((a) => a.sentences.slice(0, 1)), ordered.map((a) => a.sentences.slice(1))];
  for (const round of rounds) {
    for (const [i, sentences] of round.entries()) {
      if (ordered[i]!.language !== language) continue;
      for (const sentence of sentences) {
        const text = sentence.trim();
        if (!text || seen.has(text) || picked.length >= maxSentences || length + text.length > maxChars) continue;
        seen.add(text);
        const stems = contentStems(text, ordered[i]!.language);
        if (picked.some((p) => overlaps(p.stems, stems))) continue;
        picked.push({ text, stems });
        length += text.length + 1;
      }
    }
  }
  return picked.map((p) => p.text);
}
