/**
 * Names the catalog does not know: runs of capitalised words ("Jane Doe", "Banque de France",
 * "ФСБ"), cleaned of the words around a name (sentence openers, role nouns, a place in the
 * genitive: "Премьер-министр Греции Кириакос Мицотакис" gives "Кириакос Мицотакис"), then told
 * apart as a person, an organisation or a place from the evidence the text gives:
 * - a person has a known given name, Russian name morphology (`az`), an honorific or a role; places
 *   ("Nouvelle-Angleterre", "York City"), outlets and photo agencies, groups ("Tory MPs") never are;
 * - an organisation has an organisation word ("Ministry", "Banque", "комитет") or is an acronym;
 * - a place is a country (any of the four languages) or has a place word.
 * `confident` candidates may become entities; the others stay text in the article's Who's who.
 */
import { englishTags } from "../text/english-lexicon.js";
import { givenNameSet } from "../text/lexicon.js";
import type { RussianMorphology } from "../text/morph-ru.js";
import { foldCase } from "../text/normalize.js";
import { countryNamed, isPlaceWord } from "../text/places.js";
import { anyStopword, gapBetween, type Token } from "../text/tokens.js";
import type { NameSpan } from "./catalog-index.js";
import { isRoleWord } from "./roles.js";

export interface CandidateContext {
  language: string | undefined;
  ru?: RussianMorphology;
  /** Folded words written in lower case somewhere in the article: capitalised only as openers. */
  lowercaseWords: ReadonlySet<string>;
}

/** Words that mark an organisation's name (folded prefixes). */
const ORG_WORDS = [
  "ministry", "ministere", "министерств", "міністерств", "fund", "fonds", "фонд", "bank", "banque", "банк",
  "council", "conseil", "совет", "рада", "committee", "comite", "комитет", "комітет", "agency", "agence", "агентств",
  "агенці", "union", "союз", "спілк", "party", "parti", "партия", "партія", "company", "compagnie", "corporation",
  "inc", "ltd", "llc", "plc", "group", "groupe", "группа", "група", "university", "universite", "университет",
  "університет", "institute", "institut", "институт", "інститут", "commission", "комисси", "комісі", "office",
  "bureau", "department", "departement", "департамент", "service", "служб", "forces", "army", "armee", "арми",
  "армі", "court", "cour", "tribunal", "суд", "parliament", "parlement", "парламент", "assembly", "assemblee",
  "дума", "organization", "organisation", "организаци", "організаці", "association", "federation", "федераци",
  "федераці", "foundation", "fondation", "authority", "autorite", "command", "forum", "club", "league", "ligue",
  "лига", "ліга", "cup", "coupe", "кубок", "championship", "championnat", "чемпионат", "чемпіонат", "school",
  "ecole", "школ", "college", "academy", "academie", "академи", "академі", "hospital", "hopital", "больниц",
  "лікарн", "police", "полици", "поліці", "government", "gouvernement", "правительств", "уряд", "administration",
  "администраци", "адміністраці", "church", "eglise", "церк", "museum", "musee", "музе", "theatre", "театр",
  "festival", "фестивал", "airlines", "airways", "motors", "energy", "oil", "gas", "group", "holding", "systems",
  "technologies", "media", "news", "times", "post", "press", "journal", "daily", "images", "photo", "tv", "radio",
  "channel", "network", "studio", "studios", "records", "pictures", "entertainment", "prize", "prix", "award",
  "премия", "премія", "summit", "sommet", "саммит", "саміт", "olympics", "games", "jeux", "игр", "ігр",
  "democrats", "republicans", "conservatives", "labour", "greens", "tories", "завод", "комбинат", "компани",
  "компані", "корпораци", "корпораці", "концерн", "управлени", "управлін", "отдел", "відділ", "прокуратур",
  "мвд", "мзс", "мид", "сбу", "фсб", "депутат", "фракци", "фракці", "движени", "рух", "центр", "center", "centre",
].map(foldCase);

function isOrgWord(fold: string): boolean {
  return ORG_WORDS.some((w) => fold === w || (w.length >= 4 && fold.startsWith(w) && fold.length - w.length <= 4));
}

const PARTICLES = new Set(["von", "van", "der", "den", "de", "da", "di", "del", "dos", "du", "bin", "ibn", "al", "el", "ter", "la", "le"]);
const HONORIFICS = new Set(["m", "mme", "mlle", "mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady", "pan", "pani", "пан", "пані", "г-н", "г-жа", "господин", "госпожа"]);
/** Days and months, capitalised in English: never names. */
const CALENDAR = new Set([
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
  "april", "may", "june", "july", "august", "september", "october", "november", "december",
]);
/** Group nouns that end a name of several people ("Tory MPs", "Democrats"): never one person. */
const GROUP_ENDINGS = /^(?:mps|mp|democrats|republicans|members|supporters|fans|leaders|officials|ministers|députés|deputes|militants|депутаты|депутати|члены|члени)$/u;

/** Whether a token is a candidate name word: capitalised, not a number, not taken by the catalog. */
function nameWord(tokens: Token[], k: number, covered: ReadonlySet<number>): boolean {
  const t = tokens[k] as Token;
  return t.upper && !covered.has(k) && !/^\p{N}/u.test(t.text) && !CALENDAR.has(t.fold);
}

/** A word of a name as the dictionary writes it (nominative), for Russian and Ukrainian names. */
function lemmaOf(word: string, context: CandidateContext, gender: string | undefined): string {
  if (context.language === "ru" && context.ru) {
    const analysis = context.ru.analyze(word);
    // Dictionaries give a surname's masculine form ("Колпаковой" → "колпаков"): a woman's takes -а/-ая.
    let lemma = analysis.nameLemma ?? (analysis.tags.has("ADJF") ? analysis.lemma : undefined);
    if (!lemma) return russianNominative(word);
    if (gender === "femn" && analysis.tags.has("Surn")) lemma = lemma.replace(/(ов|ев|ёв|ин|ын)$/u, "$1а").replace(/(ий|ой)$/u, "ая");
    return capitalise(lemma, word);
  }
  if (context.language === "uk") return ukrainianNominative(word);
  return word;
}

function capitalise(lemma: string, like: string): string {
  return lemma.replace(/(^|-)(\p{L})/gu, (_, sep: string, letter: string) => sep + letter.toUpperCase()) || like;
}

/** Nominative of an inflected Russian surname the dictionary does not know ("Хаффманом" → "Хаффман"). */
function russianNominative(word: string): string {
  return word
    .replace(/(ов|ев|ин|ын)(а|у|ым|ом|е)$/u, "$1")
    .replace(/([бвгджзклмнпрстфхцчшщ])(а|у|ом|ым|е)$/u, "$1");
}

/** Nominative of an inflected Ukrainian name or surname (the common genitive/dative endings). */
function ukrainianNominative(word: string): string {
  const rules: Array<[RegExp, string]> = [
    [/(ськ|цьк|зьк)(ого|ому|им)$/u, "$1ий"],
    [/([бвгґджзклмнпрстфхцчшщ])(ого|ому)$/u, "$1ий"],
    [/(енк)(а|у|ові|ом)$/u, "$1о"],
    [/([кгх])(ою|и|і)$/u, "$1а"],
    [/(р)(я|ю|ем|еві)$/u, "$1"],
    [/([бвгґджзклмнпрстфхцчшщ])(а|у|ові|ом|еві|ем)$/u, "$1"],
    [/ія$/u, "ій"],
  ];
  for (const [pattern, replacement] of rules) if (pattern.test(word)) return word.replace(pattern, replacement);
  return word;
}

/** Whether a first word is a given name in any of the four languages (inflected ones too). */
function isGivenName(token: Token, context: CandidateContext): { known: boolean; inflected: boolean } {
  const names = givenNameSet(context.language);
  if (names.has(token.fold)) return { known: true, inflected: false };
  if (!token.cyrillic && englishTags(token.fold).has("given")) return { known: true, inflected: false };
  if (context.language === "ru" && context.ru) {
    const analysis = context.ru.analyze(token.text);
    if (analysis.tags.has("Name")) return { known: true, inflected: analysis.nameLemma !== undefined && analysis.nameLemma !== token.text.toLowerCase().replace(/ё/g, "е") };
  }
  if (token.cyrillic) {
    const nominative = foldCase(ukrainianNominative(token.text));
    if (nominative !== token.fold && names.has(nominative.replace(/ій$/u, "ий"))) return { known: true, inflected: true };
    if (nominative !== token.fold && names.has(nominative)) return { known: true, inflected: true };
    for (const ending of ["а", "я", "у", "ю", "ом", "ем", "ым", "ой", "ей", "ові", "еві"]) {
      if (!token.fold.endsWith(ending)) continue;
      const base = token.fold.slice(0, -ending.length);
      // "Дмитру", "Петра": names in -о (Дмитро, Петро, Павло) lose it when inflected.
      if (names.has(base) || names.has(`${base}о`)) return { known: true, inflected: true };
    }
  }
  return { known: false, inflected: false };
}

/**
 * Capitalised name sequences not covered by the catalog, classified. `covered` marks tokens the
 * catalog already named.
 */
export function findCandidates(sentence: string, tokens: Token[], covered: ReadonlySet<number>, context: CandidateContext): NameSpan[] {
  const out: NameSpan[] = [];
  let k = 0;
  while (k < tokens.length) {
    if (!nameWord(tokens, k, covered)) {
      k++;
      continue;
    }
    const run = [k];
    let m = k + 1;
    while (m < tokens.length) {
      const gap = gapBetween(sentence, tokens[m - 1], tokens[m]);
      if (!/^[\s-]+$/.test(gap) && !(gap === "'" || gap === "’")) break;
      if (nameWord(tokens, m, covered)) {
        run.push(m);
        m++;
      } else if (PARTICLES.has((tokens[m] as Token).text) && m + 1 < tokens.length && nameWord(tokens, m + 1, covered) &&
        /^[\s-]+$/.test(gapBetween(sentence, tokens[m], tokens[m + 1]))) {
        run.push(m, m + 1);
        m += 2;
      } else break;
    }
    k = m;
    const span = classify(sentence, tokens, run, context);
    if (span) out.push(span);
  }
  return out;
}

function classify(sentence: string, tokens: Token[], run: number[], context: CandidateContext): NameSpan | undefined {
  // Drop everything up to the last role word ("Премьер-министр", "CEO"), then openers and stop words.
  let from = 0;
  run.forEach((idx, pos) => {
    if (isRoleWord(tokens, idx, sentence, context.language)) from = pos + 1;
  });
  const roleInRun = from > 0;
  while (from < run.length) {
    const idx = run[from] as number;
    const t = tokens[idx] as Token;
    const opener = idx === 0 || /[«"“„(.!?:]\s*$/.test(gapBetween(sentence, tokens[idx - 1], t));
    const ruCommon = opener && context.language === "ru" && context.ru !== undefined && (() => {
      const w = context.ru!.analyze(t.text);
      return w.known && !["Name", "Surn", "Patr", "Geox", "Orgn", "Abbr"].some((g) => w.tags.has(g));
    })();
    const common = anyStopword(t.fold) || t.text.length === 1 || (opener && context.lowercaseWords.has(t.fold)) || PARTICLES.has(t.text) || ruCommon;
    if (!common) break;
    from++;
  }
  let names = run.slice(from);
  while (names.length > 0 && PARTICLES.has((tokens[names[names.length - 1] as number] as Token).text)) names.pop();
  if (names.length === 0) return undefined;
  const word = (pos: number) => tokens[names[pos] as number] as Token;
  // A place in the genitive between a role and a name: "[министр] Греции Кириакос Мицотакис".
  if (names.length >= 3 && roleInRun && countryNamed(word(0).text, context.language)) names = names.slice(1);
  if (names.length >= 3 && context.ru && context.language === "ru" && context.ru.analyze(word(0).text).tags.has("Geox") &&
    !context.ru.analyze(word(0).text).tags.has("Name")) names = names.slice(1);

  // "[PSG] Luis Enrique", "[Nissan] Makoto Uchida": a given name inside the run starts the person.
  for (let p = 1; p < names.length - 1; p++) {
    // Not inside a hyphenated name ("Франк-Вальтер", "Jean-Luc").
    if (gapBetween(sentence, word(p - 1), word(p)) === "-") continue;
    if (isGivenName(word(p), context).known && !isGivenName(word(0), context).known) {
      names = names.slice(p);
      break;
    }
  }
  const first = word(0);
  const last = word(names.length - 1);
  const text = sentence.slice(first.start, last.end);
  const folds = names.map((i) => (tokens[i] as Token).fold);
  const acronym = names.length === 1 && /^\p{Lu}{2,6}$/u.test(first.text) && !anyStopword(first.fold);
  const span = (kind: NameSpan["kind"], confident: boolean, lemma?: string): NameSpan => ({
    source: "candidate",
    kind,
    text,
    first: names[0] as number,
    last: names[names.length - 1] as number,
    confident,
    ...(lemma && lemma !== text ? { lemma } : {}),
  });

  if (countryNamed(text, context.language)) return span("place", true);
  if (folds.some(isPlaceWord) && !folds.some(isOrgWord)) return span("place", false);
  if (acronym) return span("organization", false);
  if (folds.some(isOrgWord) || names.some((i) => /^\p{Lu}{2,}$/u.test((tokens[i] as Token).text))) {
    return names.length >= 2 || acronym ? span("organization", names.length >= 2) : undefined;
  }
  if (GROUP_ENDINGS.test(last.fold)) return undefined;
  if (names.length > 4) return undefined;

  // People: the evidence of a name.
  const given = isGivenName(first, context);
  const before = tokens[(names[0] as number) - 1];
  const honorific = before !== undefined && HONORIFICS.has(before.fold);
  const ruTags = context.language === "ru" && context.ru ? names.map((i) => context.ru!.analyze((tokens[i] as Token).text).tags) : [];
  const ruPerson = ruTags.some((t) => t.has("Surn") || t.has("Name") || t.has("Patr"));
  const ruPlace = ruTags.length > 0 && ruTags.every((t) => t.has("Geox") && !t.has("Name") && !t.has("Surn"));
  const ruOrg = ruTags.some((t) => t.has("Orgn"));
  if (ruPlace) return span("place", false);
  if (ruOrg && !ruPerson) return span("organization", false);
  // An inflected first name ("Сергея", "Володимира") means the whole name is: give its nominative.
  const gender = context.ru && context.language === "ru" ? context.ru.analyze(first.text).nameGender : undefined;
  // A Russian surname the dictionary reads as inflected ("Хасэгавой") after an unknown first name.
  const ruInflected = context.language === "ru" && context.ru !== undefined && !given.known &&
    names.slice(1).some((i) => { const w = context.ru!.analyze((tokens[i] as Token).text); return w.tags.has("Surn") && w.nameCase !== undefined && w.nameCase !== "nomn"; });
  const lemma = names.length >= 2 && (given.inflected || ruInflected)
    ? names.map((i, n) => (n === 0 && ruInflected ? (tokens[i] as Token).text : lemmaOf((tokens[i] as Token).text, context, context.ru?.analyze((tokens[names[names.length - 1] as number] as Token).text).nameGender ?? gender))).join(" ")
    : undefined;
  if (names.length >= 2) {
    const latin = names.every((i) => !(tokens[i] as Token).cyrillic);
    const english = latin ? folds.map((f) => englishTags(f)) : [];
    // Places and organisations the English lexicon knows ("Detroit Pistons", "Banda Aceh").
    if (english.some((t) => t.has("place")) && !given.known) return span("place", false);
    if (english.some((t) => t.has("organization"))) return span("organization", false);
    const surname = english.length > 0 && english[english.length - 1]!.has("surname");
    const evidence = given.known || honorific || roleInRun || (ruPerson && ruTags.length >= 2);
    // Without a given name, an honorific, a role or name morphology, two capitalised words are a
    // person only when the last is a known surname and no word is a common word of the article.
    if (!evidence && folds.some((f) => context.lowercaseWords.has(f) || englishTags(f).has("adjective") || englishTags(f).has("verb"))) return undefined;
    if (!evidence && !(surname || ruPerson)) return { ...span("person", false, lemma), tentative: true };
    return span("person", evidence, lemma);
  }
  // One word: a person with an honorific or a role before it ("President Macron", "M. Macron"), or
  // when the sentence confirms it ("Hollande a déclaré"); never a word the article writes in lower case.
  const single = context.language === "ru" ? lemmaOf(first.text, context, undefined) : context.language === "uk" ? ukrainianNominative(first.text) : undefined;
  // "ministre des [Affaires] étrangères": a capitalised word inside a role's complement is no name.
  if (before && /^(?:de|des|du|d|of|la|l|the)$/.test(before.fold) && !honorific) return undefined;
  if (honorific || roleInRun) return span("person", false, single);
  const opener = (names[0] as number) === 0 || /[«"“„(.!?:]\s*$/.test(gapBetween(sentence, before, first));
  if (!opener && first.text.length >= 4 && !context.lowercaseWords.has(first.fold) && (ruPerson || !first.cyrillic)) {
    const tags = first.cyrillic ? new Set<string>() : englishTags(first.fold);
    if (!tags.has("place") && !tags.has("organization") && !tags.has("adjective") && !givenNameSet(context.language).has(first.fold)) {
      return { ...span("person", false, single), tentative: true };
    }
  }
  return undefined;
}
