/**
 * What the story clustering compares, computed once per article from its text and analysis (pure,
 * deterministic, offline):
 * - `terms`: stems of content words (title words count twice), within the article's language;
 * - `concepts`: the news concepts those words name, the same in every language (fire = пожар);
 * - `names`: the people, organisations and places named, by a key that is the same in every
 *   script and case ("Macron", "Макрона" → "makron");
 * - `figures`: distinctive numbers (not years, not small counts);
 * - `simhash`: a 64-bit fingerprint of word shingles: wire copies differ in a few bits.
 * `lookupKeys` are what the candidate query matches on (names, the leading terms, fingerprint bands).
 */
import { conceptsOf } from "../text/concepts.js";
import { normalizeName } from "../text/normalize.js";
import { stem } from "../text/stem.js";
import { stopwordsFor, tokenize } from "../text/tokens.js";

export type NameKind = "person" | "organization" | "place";

export interface StoryFeatures {
  language: string;
  terms: Record<string, number>;
  concepts: Record<string, number>;
  names: Record<string, number>;
  figures: string[];
  /** Signed 64-bit integer, as a decimal string (a PostgreSQL bigint). */
  simhash: string;
  topics: string[];
}

export interface FeatureInput {
  title: string;
  /** The body's sentences (boilerplate removed). */
  sentences: string[];
  language: string;
  /** Names as the analysis found them: an entity's canonical name, or the name as written. */
  names: { name: string; kind: NameKind }[];
  topics: string[];
}

const MAX_TERMS = 80;
const TITLE_WEIGHT = 2;
/** How much of the body is read: a long article's first part says what the event is. */
const MAX_BODY_CHARS = 8_000;

/**
 * The keys a name adds, each a word reduced to its consonant skeleton so that one name written in
 * Latin and Cyrillic meets ("Lavigne" and "Лавинь", "Garnier" and "Гарньє", "Lysenko", "Лысенко"
 * and "Лисенко", "Hnatyshyn" and "Гнатышин"): a person's surname; every word of an organisation or
 * a place, so that "BrightLine" and "BrightLine Communications" share one ("the" and the like
 * excluded).
 */
export function nameKeys(name: string, kind: NameKind): string[] {
  const words = normalizeName(name).split(" ");
  const chosen = kind === "person" ? words.filter((w) => w.length > 1).slice(-1) : words.filter((w) => w.length > 2 && !stopwordsFor(undefined).has(w));
  return chosen.map((w) => skeleton(nameStem(w)));
}

// Slavic case endings, compared on the transliterated, converged key ("makrona" → "makron",
// "dmitrievym" → "dmitriev", "zelenskogo" → "zelensk"); a key is never cut under four letters.
const CASE_ENDING = /(?:ogo|ego|omu|emu|ym|im|om|em|oi|ei|yi|ih|yh|u|a|e|i|y|o)$/;

function nameStem(word: string): string {
  const cut = word.replace(CASE_ENDING, "");
  return cut.length >= 4 ? cut : word;
}

/**
 * The first letter and the consonants after it, with the letters scripts render differently made
 * one: vowels (Cyrillic и/ы/і all come out as i or y) dropped; h, kh and g (Ukrainian Г is h,
 * Russian Г is g) one letter; c, k and q one; "ch" kept apart; French "-gne" and "-ier" as Cyrillic writes them.
 */
function skeleton(word: string): string {
  const w = word.replace(/gne?$/, "n").replace(/ier$/, "ie").replace(/ch/g, "C").replace(/[hg]/g, "g").replace(/[ckq]/g, "k");
  if (w.length === 0) return "";
  const head = /[aeiouy]/.test(w[0]!) ? "" : w[0]!;
  const rest = (head ? w.slice(1) : w).replace(/[aeiouyj]/g, "");
  const out = (head + rest).replace(/(.)\1+/g, "$1");
  // Too short a skeleton would join unrelated names: the word itself is kept instead.
  return out.length >= 3 ? out : word;
}

const YEAR = /^(19|20)\d\d$/;
const FIGURE = /\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?/g;

/** Numbers that can tell one event from another: at least 10 and not a year ("12 000" = "12000"). */
export function figuresOf(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(FIGURE)) {
    const raw = m[0].replace(/[ \u00a0\u202f]/g, "").replace(",", ".");
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 10 || YEAR.test(raw)) continue;
    out.add(String(value));
  }
  return [...out].sort();
}

/** Computes an article's features. */
export function storyFeatures(input: FeatureInput): StoryFeatures {
  const language = input.language;
  const stop = stopwordsFor(language === "und" ? undefined : language);
  const terms = new Map<string, number>();
  const concepts = new Map<string, number>();
  const shingleWords: string[] = [];
  const count = (map: Map<string, number>, key: string, weight: number) => map.set(key, (map.get(key) ?? 0) + weight);

  const body = input.sentences.join(" ").slice(0, MAX_BODY_CHARS);
  for (const [text, weight] of [[input.title, TITLE_WEIGHT], [body, 1]] as const) {
    let previous: string | undefined;
    for (const token of tokenize(text)) {
      if (weight === 1) shingleWords.push(token.fold);
      if (/^\d/.test(token.fold) || token.fold.length < 3 || stop.has(token.fold)) {
        previous = undefined;
        continue;
      }
      const stemmed = stem(token.fold, language);
      count(terms, stemmed, weight);
      for (const concept of conceptsOf(stemmed, language)) count(concepts, concept, weight);
      if (previous) for (const concept of conceptsOf(`${previous} ${stemmed}`, language)) count(concepts, concept, weight);
      previous = stemmed;
    }
  }

  const names = new Map<string, number>();
  for (const { name, kind } of input.names) {
    const keys = nameKeys(name, kind);
    for (const key of keys) count(names, key, (kind === "place" ? 0.5 : 1) / keys.length);
  }

  return {
    language,
    terms: Object.fromEntries([...terms].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, MAX_TERMS)),
    concepts: Object.fromEntries([...concepts].sort()),
    names: Object.fromEntries([...names].sort()),
    figures: figuresOf(`${input.title} ${body}`),
    simhash: simhash(shingleWords),
    topics: [...input.topics].sort(),
  };
}

/**
 * The key of each feature, the same in the document counts and in the candidate query (so that
 * the query can leave out keys the counts say are common).
 */
export const termKey = (language: string, term: string) => `t:${language}:${term}`;
export const conceptKey = (concept: string) => `c:${concept}`;
export const nameKeyOf = (name: string) => `n:${name}`;

/** The keys the candidate query matches on: names, the leading terms, the fingerprint's bands. */
export function lookupKeys(features: StoryFeatures, leadingTerms = 8): string[] {
  const keys = Object.keys(features.names).map(nameKeyOf);
  keys.push(...Object.keys(features.terms).slice(0, leadingTerms).map((t) => termKey(features.language, t)));
  const hash = BigInt.asUintN(64, BigInt(features.simhash));
  for (let band = 0; band < 4; band++) keys.push(`h${band}:${((hash >> BigInt(band * 16)) & 0xffffn).toString(16)}`);
  return keys;
}

// FNV-1a, 32 bits, with a seed: two of them give the 64 bits of a shingle.
function fnv1a(text: string, seed: number): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** SimHash over four-word shingles: near-copies of one text differ in few of the 64 bits. */
export function simhash(words: string[]): string {
  const weights = new Int32Array(64);
  const size = 4;
  const add = (shingle: string) => {
    const parts = [fnv1a(shingle, 0), fnv1a(shingle, 0x9e3779b9)];
    for (let half = 0; half < 2; half++) {
      const bits = parts[half]!;
      for (let bit = 0; bit < 32; bit++) weights[half * 32 + bit]! += (bits >>> bit) & 1 ? 1 : -1;
    }
  };
  if (words.length < size) add(words.join(" "));
  for (let i = 0; i + size <= words.length; i++) add(words.slice(i, i + size).join(" "));
  let value = 0n;
  for (let bit = 63; bit >= 0; bit--) value = (value << 1n) | (weights[bit]! > 0 ? 1n : 0n);
  return BigInt.asIntN(64, value).toString();
}

/** Bits in which two fingerprints differ. */
export function hammingDistance(a: string, b: string): number {
  let x = BigInt.asUintN(64, BigInt(a) ^ BigInt(b));
  let count = 0;
  while (x) {
    x &= x - 1n;
    count++;
  }
  return count;
}
