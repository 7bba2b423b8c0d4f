/**
 * News concepts shared across languages (src/text/lexicon/news-concepts.json): "incendie", "пожар"
 * and "fire" are one concept, so that articles about one event in different languages share words.
 * Matched on stems of single words and of two-word phrases; longer phrases are left out.
 */
import conceptsJson from "./lexicon/news-concepts.json" with { type: "json" };
import { stem } from "./stem.js";

type ConceptLists = Record<string, Partial<Record<string, string[]>> | string>;

let index: Map<string, string[]> | undefined;

const wordsOf = (phrase: string) => phrase.match(/[\p{L}\p{N}]+/gu) ?? [];

function conceptIndex(): Map<string, string[]> {
  if (index) return index;
  index = new Map();
  for (const [concept, lists] of Object.entries(conceptsJson as ConceptLists)) {
    if (typeof lists === "string") continue; // "_about"
    for (const [language, phrases] of Object.entries(lists)) {
      for (const phrase of phrases ?? []) {
        const words = wordsOf(phrase);
        if (words.length === 0 || words.length > 2) continue;
        const key = `${language}:${words.map((w) => stem(w, language)).join(" ")}`;
        const list = index.get(key) ?? [];
        if (!list.includes(concept)) list.push(concept);
        index.set(key, list);
      }
    }
  }
  return index;
}

/**
 * The concepts named by a word (its stem) or by a two-word phrase (two stems joined by a space) in
 * `language`; empty when it names none.
 */
export function conceptsOf(stems: string, language: string): readonly string[] {
  return conceptIndex().get(`${language}:${stems}`) ?? [];
}
