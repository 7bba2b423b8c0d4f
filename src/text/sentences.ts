/**
 * Sentence splitting for news text in French, English, Russian, Ukrainian and German.
 *
 * ICU's sentence segmenter (Intl.Segmenter) breaks after "M." and inside « … » quotes, so this is a
 * small rule-based splitter instead. A boundary is a run of . ! ? … followed by optional closing
 * quotes or brackets, whitespace, and then an upper-case letter, an opening quote or a dash. It is
 * not a boundary when:
 * - the period ends a known abbreviation ("M.", "Dr.", "nov.", "т.е.", "z.B.") or a single initial;
 * - it sits inside guillemets « … » (or paired “ ” / " ") that close later in the paragraph;
 * - there is no whitespace after it (decimals "3.5", dates "20.11.2025", URLs, "U.S.").
 * Line breaks end a sentence unless the line ends with , ; : or a dash (a sentence wrapped over
 * paragraphs) or the next line starts in lower case.
 */

/** Abbreviations that end with a period but rarely end a sentence, lower case, without the period. */
const ABBREVIATIONS: Record<string, readonly string[]> = {
  fr: [
    "m", "mm", "mme", "mmes", "mlle", "dr", "pr", "me", "st", "ste", "cf", "env", "av", "apr", "etc",
    "janv", "févr", "fév", "avr", "juil", "sept", "oct", "nov", "déc", "n°", "no", "p", "vol", "art",
    "éd", "coll", "gén", "col", "lt", "cap", "sgt", "adj", "cdt", "j.-c", "ex",
  ],
  en: [
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "col", "lt", "sgt", "capt", "cmdr",
    "adm", "gov", "sen", "rep", "rev", "inc", "ltd", "co", "corp", "vs", "etc", "e.g", "i.e", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "u.s", "u.k",
    "a.m", "p.m", "approx", "est", "dept", "fig",
  ],
  ru: [
    "г", "гг", "т", "т.е", "т.д", "т.п", "т.к", "им", "ул", "д", "стр", "млн", "млрд", "тыс", "трлн",
    "руб", "долл", "см", "янв", "февр", "фев", "апр", "авг", "сент", "окт", "нояб", "дек", "ген",
    "полк", "др", "пр", "ст", "н.э", "вв", "проф", "акад", "рис", "напр",
  ],
  uk: [
    "р", "рр", "грн", "млн", "млрд", "тис", "трлн", "дол", "т.д", "т.ч", "ім", "вул", "січ", "лют",
    "бер", "квіт", "трав", "черв", "лип", "серп", "вер", "жовт", "лист", "груд", "ген", "проф", "напр",
  ],
  de: [
    "z.b", "bzw", "usw", "ca", "dr", "hr", "fr", "nr", "str", "vgl", "u.a", "d.h", "jan", "feb", "mär",
    "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dez", "prof", "st", "bspw", "evtl",
  ],
};

const ALL_ABBREVIATIONS = new Set(Object.values(ABBREVIATIONS).flat());

const TERMINAL = /[.!?…]/;
const CLOSING = /[»"”’')\]]/;
const OPENING_AFTER = /[«"“„(\[—–-]/;

/** The abbreviation set for a language; unknown languages use the union of all of them. */
function abbreviationsFor(language?: string): ReadonlySet<string> {
  const list = language ? ABBREVIATIONS[language] : undefined;
  return list ? new Set(list) : ALL_ABBREVIATIONS;
}

/** The word (letters, digits, inner periods, °) that ends right before position `end`. */
function wordBefore(text: string, end: number): string {
  let start = end;
  while (start > 0 && /[\p{L}\p{N}.°-]/u.test(text[start - 1] ?? "")) start--;
  return text.slice(start, end).replace(/^[.-]+/, "");
}

/** Whether a period at `dot` (after `word`) ends an abbreviation rather than a sentence. */
function isAbbreviation(word: string, abbreviations: ReadonlySet<string>, language?: string): boolean {
  if (word.length === 0) return false;
  const lower = word.toLowerCase();
  if (abbreviations.has(lower) || ALL_ABBREVIATIONS.has(lower) && lower.length <= 2 && /\p{Lu}/u.test(word[0] ?? "")) {
    return true;
  }
  // A single capital letter is an initial ("J. Smith"); "U.S" style dotted acronyms too.
  if (/^\p{Lu}$/u.test(word)) return true;
  if (/^(?:\p{Lu}\.)+\p{Lu}$/u.test(word)) return true;
  // German ordinals: "20. November".
  if (language === "de" && /^\d{1,2}$/.test(word)) return true;
  return false;
}

/** Whether the period at `dot` ends a URL or an e-mail address (then it can end a sentence). */
function isUrlEnd(text: string, dot: number): boolean {
  const tokenStart = text.lastIndexOf(" ", dot) + 1;
  const token = text.slice(tokenStart, dot);
  return /^(?:[a-z]+:\/\/|www\.)|@\S+\./i.test(token) || /\/\S*$/.test(token);
}

/** Splits one paragraph (no line breaks) into sentences. */
function splitParagraph(text: string, abbreviations: ReadonlySet<string>, language?: string): string[] {
  const out: string[] = [];
  let start = 0;
  let guillemets = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? "";
    if (ch === "«") guillemets++;
    else if (ch === "»") guillemets = Math.max(0, guillemets - 1);
    if (!TERMINAL.test(ch)) {
      i++;
      continue;
    }
    let j = i;
    while (j < text.length && TERMINAL.test(text[j] ?? "")) j++;
    // Closing quotes and brackets belong to the sentence, French style with a space before "»" too.
    let depth = guillemets;
    for (;;) {
      let m = j;
      while (m < text.length && text[m] === " ") m++;
      if (m >= text.length || !CLOSING.test(text[m] ?? "")) break;
      if (text[m] === "»") depth = Math.max(0, depth - 1);
      j = m + 1;
    }
    guillemets = depth;
    let k = j;
    while (k < text.length && /\s/u.test(text[k] ?? "")) k++;
    const hasSpace = k > j;
    const next = text[k] ?? "";
    let boundary = k >= text.length || (hasSpace && (/\p{Lu}/u.test(next) || OPENING_AFTER.test(next)));
    if (boundary && k < text.length) {
      if (ch === "." && j === i + 1 && !isUrlEnd(text, i) && isAbbreviation(wordBefore(text, i), abbreviations, language)) boundary = false;
      // Inside « … » that closes later in this paragraph: the quote is one sentence of the whole.
      if (depth > 0 && text.indexOf("»", k) !== -1) boundary = false;
      if (depth === 0 && insideQuotes(text, start, j, k)) boundary = false;
    }
    if (boundary) {
      const sentence = text.slice(start, j).trim();
      if (sentence.length > 0) out.push(sentence);
      start = k;
    }
    i = j;
  }
  const rest = text.slice(start).trim();
  if (rest.length > 0) {
    if (out.length > 0 && !/[\p{L}\p{N}]/u.test(rest)) out[out.length - 1] += ` ${rest}`;
    else out.push(rest);
  }
  return out;
}

/** Whether position `end` is inside a “ ” pair (or an ASCII " pair) that closes later on. */
function insideQuotes(text: string, start: number, end: number, from: number): boolean {
  const before = text.slice(start, end);
  const opened = (before.match(/“/g) ?? []).length - (before.match(/”/g) ?? []).length;
  if (opened > 0 && text.indexOf("”", from) !== -1) return true;
  const straight = (before.match(/"/g) ?? []).length;
  return straight % 2 === 1 && text.indexOf('"', from) !== -1;
}

/**
 * Splits a text into sentences (trimmed, inner whitespace collapsed). `language` (ISO 639-1) picks
 * the abbreviation list; without it all lists are used.
 */
export function splitSentences(text: string, language?: string): string[] {
  const abbreviations = abbreviationsFor(language);
  const lines = text
    .replace(/\r\n?/g, "\n")
    .split(/\n+/)
    .map((l) => l.replace(/\s+/g, " ").trim())
    .filter((l) => l.length > 0);
  // Re-join lines that break a sentence: the line ends with , ; : or a dash, or the next starts lower case.
  const paragraphs: string[] = [];
  for (const line of lines) {
    const prev = paragraphs[paragraphs.length - 1];
    if (prev !== undefined && (/[,;:—–-]$/.test(prev) || /^\p{Ll}/u.test(line))) {
      paragraphs[paragraphs.length - 1] = `${prev} ${line}`;
    } else {
      paragraphs.push(line);
    }
  }
  return paragraphs.flatMap((p) => splitParagraph(p, abbreviations, language));
}
