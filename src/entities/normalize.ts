/**
 * The search key of a name: lower case, accents removed, punctuation to spaces.
 * (The news-understanding work extends this with Cyrillic transliteration.)
 */
export function normalizeName(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}
