/**
 * Russian morphology with `az` (OpenCorpora dictionaries, shipped inside the package): what a word
 * can be (a first name, surname, patronymic, place, organisation, verb…) and its dictionary form
 * ("Мицотакиса" → "мицотакис"). The only module that imports `az`. Loading takes about 0.6 s and
 * 100 MB, so it happens once per process, on first use.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import Az from "az";

export interface RussianWord {
  /** Grammemes and parts of speech over the likely parses ("Name", "Surn", "Geox", "VERB"…). */
  tags: ReadonlySet<string>;
  /** Dictionary form of the most likely parse, lower case. */
  lemma: string;
  /** Dictionary form of the most likely name parse (first name, surname, patronymic), if any. */
  nameLemma?: string;
  /** Case and gender of that parse ("nomn", "gent"…; "masc", "femn"). */
  nameCase?: string;
  nameGender?: string;
  /** The dictionary knows the word (not a guess from its ending). */
  known: boolean;
}

export interface RussianMorphology {
  analyze(word: string): RussianWord;
}

let loading: Promise<RussianMorphology> | undefined;

/** Loads the dictionaries once per process. */
export function loadRussianMorphology(): Promise<RussianMorphology> {
  loading ??= new Promise<RussianMorphology>((resolve, reject) => {
    const require = createRequire(import.meta.url);
    const dicts = join(dirname(require.resolve("az/package.json")), "dicts");
    Az.Morph.init(dicts, (error) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(create())));
  });
  return loading;
}

const NAME_TAGS = ["Name", "Surn", "Patr"];
const KEPT = ["Name", "Surn", "Patr", "Geox", "Orgn", "Abbr", "Trad"];

function create(): RussianMorphology {
  const cache = new Map<string, RussianWord>();
  return {
    analyze(word: string): RussianWord {
      const key = word.toLowerCase().replace(/ё/g, "е");
      const hit = cache.get(key);
      if (hit) return hit;
      const parses = Az.Morph(word);
      const best = parses[0];
      // Parses within a factor of the best are "likely" (az's scores are probabilities).
      const likely = parses.filter((p) => p.score >= (best?.score ?? 0) * 0.3).slice(0, 4);
      const tags = new Set<string>();
      for (const parse of likely) {
        if (parse.tag.POST) tags.add(String(parse.tag.POST));
        const text = parse.tag.toString();
        for (const grammeme of KEPT) if (new RegExp(`\\b${grammeme}\\b`).test(text)) tags.add(grammeme);
      }
      const named = parses.find((p) => NAME_TAGS.some((g) => new RegExp(`\\b${g}\\b`).test(p.tag.toString())));
      const namedTag = named?.tag.toString() ?? "";
      const result: RussianWord = {
        tags,
        lemma: (best?.normalize().word ?? key).replace(/ё/g, "е"),
        nameLemma: named?.normalize().word.replace(/ё/g, "е"),
        nameCase: /\b(nomn|gent|datv|accs|ablt|loct|voct|gen2|acc2|loc2)\b/.exec(namedTag)?.[1],
        nameGender: /\b(masc|femn)\b/.exec(namedTag)?.[1],
        known: parses.some((p) => !/Infr|UNKN/.test(p.tag.toString()) && (p as unknown as { stutter?: number }).stutter === undefined && p.score > 0.05),
      };
      if (cache.size > 100_000) cache.clear();
      cache.set(key, result);
      return result;
    },
  };
}
