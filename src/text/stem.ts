/**
 * Word stems per language: Snowball (`snowball-stemmers`) for English, French, Russian and German,
 * the `@nlpjs/lang-uk` stemmer for Ukrainian (Snowball has none). Stems are computed on folded
 * words (lower case, accents removed), so "Économie" and "economie" meet; "und" gives the folded
 * word cut to six letters, the crude stem the summariser used before.
 */
import { StemmerUk } from "@nlpjs/lang-uk";
import { newStemmer, type Stemmer } from "snowball-stemmers";
import { foldCase } from "./normalize.js";

const SNOWBALL: Record<string, string> = { en: "english", fr: "french", ru: "russian", de: "german" };
const stemmers = new Map<string, Stemmer>();
let ukrainian: StemmerUk | undefined;
const MAX_CACHE = 50_000;
const cache = new Map<string, string>();

function stemmerFor(language: string): Stemmer | undefined {
  const algorithm = SNOWBALL[language];
  if (!algorithm) return undefined;
  let stemmer = stemmers.get(language);
  if (!stemmer) stemmers.set(language, (stemmer = newStemmer(algorithm)));
  return stemmer;
}

/** The stem of one word in `language` (ISO 639-1); words of other languages are cut to six letters. */
export function stem(word: string, language: string | undefined): string {
  const folded = foldCase(word);
  const key = `${language ?? "und"}:${folded}`;
  const known = cache.get(key);
  if (known !== undefined) return known;
  let result: string;
  if (language === "uk") result = (ukrainian ??= new StemmerUk()).stemWord(folded) || folded;
  else result = stemmerFor(language ?? "")?.stem(folded) ?? folded.slice(0, 6);
  // Russian "ё" and "е" are one letter for matching; apostrophes inside Ukrainian words are dropped.
  result = result.replace(/ё/g, "е").replace(/['’ʼ]/g, "");
  if (cache.size >= MAX_CACHE) cache.clear();
  cache.set(key, result);
  return result;
}

/** The stem of every word of a phrase, joined by spaces ("forces armées" → "forc arme"). */
export function stemPhrase(phrase: string, language: string | undefined): string {
  return (phrase.match(/[\p{L}\p{N}]+(?:['’ʼ][\p{L}]+)?/gu) ?? []).map((w) => stem(w, language)).join(" ");
}
