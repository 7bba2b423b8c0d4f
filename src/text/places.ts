/**
 * Place names and place words: every country in English, French, Russian and Ukrainian from
 * `i18n-iso-countries` (matched on stems, so "Греции" is Greece and "України" Ukraine), and the
 * common nouns that make a name a place ("City", "Republic", "Nord", "область"). The only module
 * that imports `i18n-iso-countries`.
 */
import countries from "i18n-iso-countries";
import en from "i18n-iso-countries/langs/en.json" with { type: "json" };
import fr from "i18n-iso-countries/langs/fr.json" with { type: "json" };
import ru from "i18n-iso-countries/langs/ru.json" with { type: "json" };
import uk from "i18n-iso-countries/langs/uk.json" with { type: "json" };
import { foldCase } from "./normalize.js";
import { stemPhrase } from "./stem.js";

const LOCALES = { en, fr, ru, uk } as const;
for (const locale of Object.values(LOCALES)) countries.registerLocale(locale);

export interface Country {
  code: string;
  /** The country's name per language ({ en: "Greece", ru: "Греция", … }). */
  names: Record<string, string>;
}

let byStem: Map<string, Country> | undefined;

/** Country names by the stems of their words, per language, built once. */
function countryIndex(): Map<string, Country> {
  if (byStem) return byStem;
  byStem = new Map();
  for (const code of Object.keys(countries.getAlpha2Codes())) {
    const names: Record<string, string> = {};
    for (const language of Object.keys(LOCALES)) {
      const name = countries.getName(code, language);
      if (name) names[language] = name;
    }
    const country = { code, names };
    for (const language of Object.keys(LOCALES)) {
      for (const name of countries.getName(code, language, { select: "all" }) ?? []) {
        if (name.length < 3) continue; // "US", "UK": acronyms are the catalog's job (exact case)
        byStem.set(`${language}:${stemPhrase(name, language)}`, country);
      }
    }
  }
  return byStem;
}

/** The country a name is (in `language`, or any of the four), if it is one. */
export function countryNamed(name: string, language: string | undefined): Country | undefined {
  const index = countryIndex();
  for (const lang of language && language in LOCALES ? [language] : Object.keys(LOCALES)) {
    const found = index.get(`${lang}:${stemPhrase(name, lang)}`);
    if (found) return found;
  }
  return undefined;
}

/** Nouns and adjectives that mark a name as a place (folded, any language). */
const PLACE_WORDS = new Set(
  [
    "city", "republic", "kingdom", "island", "islands", "county", "state", "states", "province", "region", "district",
    "street", "avenue", "square", "river", "lake", "mountain", "mountains", "valley", "bay", "sea", "ocean", "coast",
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "new", "saint", "port", "fort", "mount",
    "ville", "republique", "royaume", "ile", "iles", "comte", "etat", "etats", "province", "region", "departement",
    "rue", "place", "boulevard", "fleuve", "riviere", "lac", "mont", "vallee", "baie", "mer", "ocean", "cote",
    "nord", "sud", "est", "ouest", "nouvelle", "nouveau", "saint", "sainte", "haute", "haut", "basse", "bas", "grand", "grande",
    "angleterre", "bretagne", "normandie", "provence", "alsace", "lorraine", "aquitaine", "occitanie", "bourgogne",
    "город", "республика", "область", "край", "район", "округ", "улица", "площадь", "река", "озеро", "море", "остров",
    "місто", "республіка", "область", "край", "район", "округ", "вулиця", "площа", "річка", "озеро", "море", "острів",
  ].map(foldCase),
);

/** Whether a folded word marks a place ("City", "Nord", "область"). */
export function isPlaceWord(fold: string): boolean {
  return PLACE_WORDS.has(fold);
}
