/**
 * Per-language word lists (src/text/lexicon/*.json): role nouns, verbs of saying, attribution cues,
 * media nouns, given names and boilerplate markers, for English, French, Russian and Ukrainian.
 * Lists are data; this module turns them into lookups on folded words or stems, built once.
 */
import attributionJson from "./lexicon/attribution.json" with { type: "json" };
import boilerplateJson from "./lexicon/boilerplate.json" with { type: "json" };
import givenNamesJson from "./lexicon/given-names.json" with { type: "json" };
import rolesJson from "./lexicon/roles.json" with { type: "json" };
import speechVerbsJson from "./lexicon/speech-verbs.json" with { type: "json" };
import { foldCase } from "./normalize.js";
import { stem } from "./stem.js";

export const LANGUAGES = ["en", "fr", "ru", "uk", "de"] as const;
export type Language = (typeof LANGUAGES)[number];

type PerLanguage<T> = Partial<Record<string, T>>;
const roles = rolesJson as PerLanguage<string[]>;
const speechVerbs = speechVerbsJson as PerLanguage<string[]>;
const attribution = attributionJson as PerLanguage<{ before: string[]; media_nouns: string[] }>;
const givenNames = givenNamesJson as PerLanguage<string[]>;
const boilerplate = boilerplateJson as PerLanguage<{ line_starts: string[]; credit_words: string[] }>;

/** The languages whose lists apply to a text: its own, or all four when it is unknown. */
export function languagesOf(language: string | undefined): readonly string[] {
  return language && (LANGUAGES as readonly string[]).includes(language) ? [language] : LANGUAGES;
}

function memo<T>(build: (language: string) => T): (language: string | undefined) => T {
  const cache = new Map<string, T>();
  return (language) => {
    const key = language && (LANGUAGES as readonly string[]).includes(language) ? language : "und";
    let value = cache.get(key);
    if (value === undefined) cache.set(key, (value = build(key)));
    return value;
  };
}

const wordsOf = (phrase: string) => phrase.match(/[\p{L}\p{N}]+/gu) ?? [];

/** A role, as a sequence of stems ("prime minister" → ["prime", "minist"]). */
export interface RolePhrase {
  stems: string[];
}

/**
 * Role nouns of a language by the stem of their LAST word ("coach" of "head coach"), each with the
 * stems of the words before it: a role head is matched at its last word, then extended leftwards.
 */
export const roleHeads = memo((language) => {
  const out = new Map<string, RolePhrase[]>();
  for (const lang of languagesOf(language === "und" ? undefined : language)) {
    for (const phrase of roles[lang] ?? []) {
      const stems = wordsOf(phrase).map((w) => stem(w, lang));
      const last = stems[stems.length - 1];
      if (!last) continue;
      const list = out.get(last) ?? [];
      if (!list.some((p) => p.stems.join(" ") === stems.join(" "))) list.push({ stems });
      out.set(last, list);
    }
  }
  return out;
});

/** Folded verbs of saying ("said", "déclaré", "заявил", "заявив"). */
export const speechVerbSet = memo((language) => {
  const out = new Set<string>();
  for (const lang of languagesOf(language === "und" ? undefined : language)) for (const verb of speechVerbs[lang] ?? []) out.add(foldCase(verb));
  return out;
});

/** Cue phrases that introduce a source right before its name, as folded word sequences. */
export const attributionCues = memo((language) => {
  const out: string[][] = [];
  for (const lang of languagesOf(language === "und" ? undefined : language)) {
    for (const phrase of attribution[lang]?.before ?? []) out.push(wordsOf(foldCase(phrase)));
  }
  return out.filter((words) => words.length > 0);
});

/** Nouns that name a kind of outlet ("newspaper", "газета", "видання"), folded and as stems (any case form). */
export const mediaNouns = memo((language) => {
  const out = new Set<string>();
  for (const lang of languagesOf(language === "und" ? undefined : language)) {
    for (const noun of attribution[lang]?.media_nouns ?? []) for (const w of wordsOf(noun)) out.add(foldCase(w)).add(stem(w, lang));
  }
  return out;
});

/** Whether a word is a media noun in `language` ("телеканалу" is "телеканал"). */
export function isMediaNoun(word: string, language: string | undefined): boolean {
  const nouns = mediaNouns(language);
  return nouns.has(foldCase(word)) || nouns.has(stem(word, language));
}

/** Folded given names of every language (a Russian text names Ukrainians and the French too). */
export const givenNameSet = memo(() => {
  const out = new Set<string>();
  for (const list of Object.values(givenNames)) for (const name of list ?? []) out.add(foldCase(name));
  return out;
});

let markers: { starts: string[]; credits: ReadonlySet<string> } | undefined;

/**
 * Boilerplate markers, folded: line beginnings and credit words of every language (a French
 * article quotes an English credit line as it is).
 */
export function boilerplateMarkers(): { starts: string[]; credits: ReadonlySet<string> } {
  if (markers) return markers;
  const starts: string[] = [];
  const credits = new Set<string>();
  for (const lang of LANGUAGES) {
    for (const s of boilerplate[lang]?.line_starts ?? []) starts.push(foldCase(s));
    for (const c of boilerplate[lang]?.credit_words ?? []) credits.add(foldCase(c));
  }
  return (markers = { starts, credits });
}
