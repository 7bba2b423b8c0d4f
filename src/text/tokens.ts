/**
 * Word tokens with their character spans, shared by the summariser, the entity matcher and the
 * citation finder. Apostrophes and hyphens split words ("l’Ukraine" → "l", "Ukraine";
 * "États-Unis" → "États", "Unis") the same way in a text and in a catalog alias, so both meet.
 */
import { foldCase, isCyrillic, normalizeName } from "./normalize.js";
import stopwordsIso from "stopwords-iso" with { type: "json" };

export interface Token {
  /** The word as written. */
  text: string;
  start: number;
  end: number;
  /** Lower case, accents removed, script kept: for cue words and stop words. */
  fold: string;
  /** {@link normalizeName} of the word, spaces removed: for catalog matching. */
  norm: string;
  /** Starts with an upper-case letter. */
  upper: boolean;
  /** Written in Cyrillic. */
  cyrillic: boolean;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Splits a text into word tokens. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const word = m[0];
    const start = m.index ?? 0;
    out.push({
      text: word,
      start,
      end: start + word.length,
      fold: foldCase(word),
      norm: normalizeName(word).replace(/ /g, ""),
      upper: /^\p{Lu}/u.test(word),
      cyrillic: isCyrillic(word),
    });
  }
  return out;
}

/** The text between two tokens (punctuation, quotes, spaces). */
export function gapBetween(text: string, left: Token | undefined, right: Token | undefined): string {
  return text.slice(left ? left.end : 0, right ? right.start : text.length);
}

/** Punctuation that ends a phrase (apostrophes and hyphens do not). */
export const PHRASE_BREAK = /[,;:.!?()«»"“”„\[\]—–]/;

const SW = stopwordsIso as unknown as Record<string, string[]>;
/** The languages whose stop words are always considered, whatever the article's language. */
export const CORE_LANGUAGES = ["fr", "en", "ru", "uk", "de"] as const;
const cache = new Map<string, ReadonlySet<string>>();

/**
 * Stop words (folded) for a language from `stopwords-iso`; unknown or "und" gives the union of the
 * core languages. Ukrainian's list is short, so Russian's is added to it (closely related words).
 */
export function stopwordsFor(language?: string): ReadonlySet<string> {
  const key = language && SW[language] ? language : "und";
  let set = cache.get(key);
  if (!set) {
    const langs = key === "und" ? [...CORE_LANGUAGES] : key === "uk" ? ["uk", "ru"] : [key];
    set = new Set(langs.flatMap((l) => (SW[l] ?? []).map(foldCase)));
    cache.set(key, set);
  }
  return set;
}

/** Stop words of all core languages: for filters that must not depend on a detection. */
export function anyStopword(fold: string): boolean {
  return stopwordsFor("und").has(fold);
}
