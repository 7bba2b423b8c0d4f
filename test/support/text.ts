/**
 * Made-up words for test articles that must be told apart: articles sharing most of their words
 * are one story (and a chat gets one message per story), so tests about separate articles give
 * each its own words. Deterministic: the same seed gives the same words.
 */
export function madeUpWords(seed: string, count: number): string {
  const words: string[] = [];
  for (let i = 0; i < count; i++) {
    let hash = 2166136261;
    for (const char of `${seed}:${i}`) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
    words.push(`zq${hash.toString(36)}`);
  }
  return words.join(" ");
}

/** Paragraphs of made-up words (long enough for the full-text extractor). */
export function madeUpParagraphs(seed: string, paragraphs = 3, words = 24): string[] {
  return Array.from({ length: paragraphs }, (_, i) => `${madeUpWords(`${seed}/${i}`, words)}.`);
}
