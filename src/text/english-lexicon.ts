/**
 * The word lexicon that ships inside `compromise` (English): given names, surnames, cities,
 * countries, regions, organisations, and which words are verbs or adjectives. Read as data, once;
 * no sentence is parsed with it (that costs far more per article). The only module that imports
 * `compromise`.
 */
import nlp from "compromise";

export type EnglishTag = "given" | "surname" | "place" | "organization" | "verb" | "adjective" | "person-noun";

let lexicon: Map<string, Set<EnglishTag>> | undefined;

const TAGS: Record<string, EnglishTag> = {
  FemaleName: "given",
  MaleName: "given",
  FirstName: "given",
  LastName: "surname",
  City: "place",
  Country: "place",
  Region: "place",
  Place: "place",
  Organization: "organization",
  SportsTeam: "organization",
  Company: "organization",
  PastTense: "verb",
  PresentTense: "verb",
  Infinitive: "verb",
  Gerund: "verb",
  Participle: "verb",
  Adjective: "adjective",
  Actor: "person-noun",
};

function load(): Map<string, Set<EnglishTag>> {
  if (lexicon) return lexicon;
  lexicon = new Map();
  const words = (nlp as unknown as { model(): { one: { lexicon: Record<string, string | string[]> } } }).model().one.lexicon;
  for (const [word, tag] of Object.entries(words)) {
    const tags = new Set<EnglishTag>();
    for (const t of Array.isArray(tag) ? tag : [tag]) {
      const mapped = TAGS[t];
      if (mapped) tags.add(mapped);
    }
    if (tags.size > 0) lexicon.set(word, tags);
  }
  return lexicon;
}

/** What the lexicon knows of a lower-case word (empty when nothing). */
export function englishTags(word: string): ReadonlySet<EnglishTag> {
  return load().get(word.toLowerCase()) ?? EMPTY;
}
const EMPTY: ReadonlySet<EnglishTag> = new Set();
