/**
 * Keyword filters as data, so that the database matches them at enqueue time with one array
 * overlap (`variants && terms`) per chat instead of JavaScript per message.
 *
 * An article's terms are its words folded (lower case, no accents, script kept) and their stems in
 * the article's language; the names of the entities it mentions are added by the enqueue query
 * itself (every alias, every script, as `n:` + the normalised name and each of its words). A
 * filter word's variants are the same forms computed for every language the bot reads, so
 * "+élections" meets "élection", "-футбол" meets "футбола", and "+Witkoff" meets a Russian
 * article that names Уиткофф. No user pattern is ever run: filters are plain words.
 */
import { LANGUAGES } from "../text/lexicon.js";
import { foldCase, normalizeName } from "../text/normalize.js";
import { stem } from "../text/stem.js";

/** Longest filter word or phrase, and most filters per chat. */
export const FILTER_MAX_LENGTH = 40;
export const FILTERS_PER_CHAT = 30;

/** Words shorter than this are not filters (stems of "a", "le", "в" match everything). */
const MIN_WORD = 2;
/** Terms kept per article: a long article's distinct words and stems fit well under this. */
const MAX_TERMS = 6000;

const WORD = /[\p{L}\p{N}]+(?:['’ʼ][\p{L}]+)?/gu;

function fold(word: string): string {
  return foldCase(word).replace(/ё/g, "е").replace(/['’ʼ]/g, "");
}

/** The filterable terms of an article's text (entity names are added in SQL). */
export function articleTerms(article: { title: string; summary?: string; body: string; language: string }): string[] {
  const terms = new Set<string>();
  const text = `${article.title}\n${article.summary ?? ""}\n${article.body}`;
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    if (word.length < MIN_WORD) continue;
    terms.add(`w:${fold(word)}`);
    terms.add(`s:${stem(word, article.language)}`);
    if (terms.size >= MAX_TERMS) break;
  }
  return [...terms];
}

export type FilterWord = { ok: true; word: string; variants: string[] } | { ok: false; reason: "empty" | "too-long" | "not-a-word" };

/**
 * A filter as typed ("Élections", "Белый дом") → its display form and the variants it is matched
 * by. One word matches the article's words and stems and entity names; a phrase of several words
 * matches entity names ("Белый дом", "White House").
 */
export function filterWord(input: string): FilterWord {
  const word = input.trim().replace(/\s+/g, " ");
  if (!word) return { ok: false, reason: "empty" };
  if (word.length > FILTER_MAX_LENGTH) return { ok: false, reason: "too-long" };
  const words = word.match(WORD) ?? [];
  if (words.length === 0 || words.join("").length < MIN_WORD) return { ok: false, reason: "not-a-word" };
  const variants = new Set<string>();
  const normalized = normalizeName(word);
  if (normalized) variants.add(`n:${normalized}`);
  if (words.length === 1) {
    variants.add(`w:${fold(words[0]!)}`);
    for (const language of LANGUAGES) variants.add(`s:${stem(words[0]!, language)}`);
  }
  return { ok: true, word, variants: [...variants] };
}
