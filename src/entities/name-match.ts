/**
 * How close a stored name is to what was typed, word by word: each typed word is paired with the
 * alias word it is fewest edits from (Damerau–Levenshtein: a letter inserted, deleted, replaced, or
 * two neighbours swapped). Typos are allowed per word, by its length, so "Wdaephul" is Wadephul
 * and "Trum" is Trump, while "Pupkin" (two edits from "Putin") stays unknown.
 */
import damerauLevenshtein from "damerau-levenshtein";
import { searchWords, type NameMatch } from "../db/repositories/entities.js";

/** A name match with how far the typed words are from the alias's words. */
export interface RankedMatch extends NameMatch {
  /** Edits summed over the typed words (0: every word is in the alias as typed). */
  edits: number;
  /** Every typed word is within its allowed typos ({@link allowedEdits}). */
  fits: boolean;
  /** The same with the strict allowance (no typo under five letters), for bare names. */
  fitsStrictly: boolean;
  /** The alias has as many words as the query: the whole name was typed, not a part of it. */
  whole: boolean;
}

/**
 * How many edits a typed word may be from a stored word: two from eight letters, one from five,
 * one for four letters unless `strict` ("Trum" → Trump when asked, not in chatter), none below.
 */
export function allowedEdits(word: string, strict: boolean): number {
  if (word.length >= 8) return 2;
  if (word.length >= 5) return 1;
  return word.length === 4 && !strict ? 1 : 0;
}

/** Damerau–Levenshtein distance between two words. */
export function wordDistance(a: string, b: string): number {
  return a === b ? 0 : damerauLevenshtein(a, b).steps;
}

/** Compares the normalised `query` with a match's normalised alias, word by word. */
export function rankMatch(query: string, match: NameMatch): RankedMatch {
  const aliasWords = match.normalized.split(" ");
  let edits = 0;
  let fits = true;
  let fitsStrictly = true;
  for (const word of searchWords(query)) {
    const distance = Math.min(...aliasWords.map((a) => wordDistance(word, a)));
    edits += distance;
    if (distance > allowedEdits(word, false)) fits = false;
    if (distance > allowedEdits(word, true)) fitsStrictly = false;
  }
  return { ...match, edits, fits, fitsStrictly, whole: aliasWords.length === query.split(" ").length };
}

/**
 * The matches compared with `query`, fitting ones first, then fewest edits; otherwise in the
 * search's order (trigram similarity, then names in the news).
 */
export function rankMatches(query: string, matches: NameMatch[]): RankedMatch[] {
  const ranked = matches.map((m) => rankMatch(query, m));
  // Array.prototype.sort is stable: equal matches keep the search's order.
  return ranked.sort((a, b) => Number(b.fits) - Number(a.fits) || a.edits - b.edits);
}
