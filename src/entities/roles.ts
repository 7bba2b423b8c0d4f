/**
 * The role a text gives a person, in the forms news writes it, in English, French, Russian and
 * Ukrainian: an apposition before the name ("US special envoy Steve Witkoff", "le ministre allemand
 * des Affaires étrangères Johann Wadephul", "министр иностранных дел России Сергей Лавров"), set off
 * by commas ("le maire, Eric Adams,"), or after it ("Eric Adams, the mayor of New York,"). A role
 * needs a role noun from the lexicon (office, business, sport, culture…) and is never a verb phrase:
 * "The Chinese president welcomed Steve Witkoff" gives Witkoff no role.
 */
import { englishTags } from "../text/english-lexicon.js";
import { roleHeads, speechVerbSet } from "../text/lexicon.js";
import type { RussianMorphology } from "../text/morph-ru.js";
import { stem } from "../text/stem.js";
import { PHRASE_BREAK, anyStopword, gapBetween, type Token } from "../text/tokens.js";
import type { NameSpan } from "./catalog-index.js";

export interface RoleContext {
  language: string | undefined;
  ru?: RussianMorphology;
}

/** Words that end a noun phrase: relatives, auxiliaries, conjunctions of clauses. */
const CLAUSE_WORDS = new Set([
  "qui", "que", "qu", "a", "ont", "est", "sont", "etait", "etaient", "dont", "avait", "sera", "mais",
  "who", "that", "which", "is", "was", "were", "has", "have", "had", "will", "but", "when", "while", "after", "before",
  "который", "которая", "которые", "что", "это", "был", "была", "было", "были", "но", "когда",
  "який", "яка", "які", "що", "це", "був", "була", "було", "були", "але", "коли",
]);

const AUXILIARIES = new Set(["a", "ont", "est", "sont", "avait", "has", "have", "had", "was", "is", "were", "avoir"]);

/** Whether a lower-case word reads as a verb form here (the end of a role phrase). */
function verbLike(tok: Token, prev: Token | undefined, context: RoleContext): boolean {
  if (tok.upper) return false;
  const w = tok.fold;
  if (CLAUSE_WORDS.has(w) || speechVerbSet(context.language).has(w)) return true;
  switch (context.language) {
    case "en": {
      const tags = englishTags(w);
      if (tags.has("verb") && !tags.has("person-noun")) return true;
      return w.length > 4 && /(?:ed|ing)$/.test(w) && !tags.has("adjective");
    }
    case "fr":
      return (/(?:e|ee|es|ees|i|ie|is|u|ue)$/.test(w) && prev !== undefined && AUXILIARIES.has(prev.fold)) || /(?:ait|aient|erent)$/.test(w);
    case "ru": {
      if (!context.ru || w.length < 3) return false;
      const tags = context.ru.analyze(tok.text).tags;
      return (tags.has("VERB") || tags.has("INFN") || tags.has("GRND")) && !tags.has("NOUN") && !tags.has("ADJF");
    }
    case "uk":
      return w.length > 3 && /(?:ив|ала|яла|ила|или|али|ило|ало|ять|ють|ать|ить|ться|вся|лася|лися|ує|ює|ати|яти|ити|іти)$/.test(w);
    default:
      return false;
  }
}

/** The role head ending at token `k`, as [first, last] token indexes, if the lexicon has one there. */
function headEndingAt(tokens: Token[], k: number, sentence: string, language: string | undefined): [number, number] | undefined {
  const tok = tokens[k];
  if (!tok || /^\p{N}/u.test(tok.text)) return undefined;
  const heads = roleHeads(language).get(stem(tok.text, language));
  if (!heads) return undefined;
  let best: [number, number] | undefined;
  for (const head of heads) {
    const n = head.stems.length;
    if (k - n + 1 < 0) continue;
    let ok = true;
    for (let i = 0; i < n - 1 && ok; i++) {
      const t = tokens[k - n + 1 + i] as Token;
      ok = stem(t.text, language) === head.stems[i];
      if (ok && PHRASE_BREAK.test(gapBetween(sentence, t, tokens[k - n + 2 + i]))) ok = false;
    }
    if (ok && (!best || k - n + 1 < best[0])) best = [k - n + 1, k];
  }
  return best;
}

/** The role head starting at token `k`: the longest phrase of the lexicon beginning there. */
function headStartingAt(tokens: Token[], k: number, sentence: string, language: string | undefined): [number, number] | undefined {
  for (let end = Math.min(tokens.length - 1, k + 3); end >= k; end--) {
    const found = headEndingAt(tokens, end, sentence, language);
    if (found && found[0] === k) return found;
  }
  return undefined;
}

const MAX_BEFORE = 20;
/** Ukrainian adjective endings (no morphology library covers Ukrainian). */
const UK_ADJECTIVE = /(?:ий|ій|ого|ього|ому|ьому|ої|ьої|ою|ьою|их|іх|им|ім|ими|іми|ська|цька|зька|ний|на|не|ні)$/u;
const MAX_AFTER = 14;

/** Role words right before a name (with its modifiers and complement), or undefined. */
export function roleBefore(sentence: string, tokens: Token[], span: NameSpan, spans: NameSpan[], context: RoleContext): string | undefined {
  const taken = new Set<number>();
  for (const s of spans) if (s !== span && s.kind === "person") for (let k = s.first; k <= s.last; k++) taken.add(k);
  // The words before the name, up to a break: "le maire, [Eric Adams]" allows one comma right before it.
  let from = span.first;
  for (let k = span.first - 1; k >= 0 && span.first - k <= MAX_BEFORE; k--) {
    const tok = tokens[k] as Token;
    const gap = gapBetween(sentence, tok, tokens[k + 1]);
    const commaBeforeName = k === span.first - 1 && /^\s*,\s*$/.test(gap);
    if (PHRASE_BREAK.test(gap) && !commaBeforeName) break;
    if (taken.has(k) || verbLike(tok, tokens[k - 1], context)) break;
    from = k;
  }
  // The head farthest from the name within the phrase ("[envoyé] spécial du président des
  // États-Unis"), then its modifiers ("US special", "former", "Nissan").
  let head: [number, number] | undefined;
  for (let k = from; k < span.first; k++) {
    const found = headEndingAt(tokens, k, sentence, context.language);
    if (found && found[0] >= from) {
      head = found;
      break;
    }
  }
  if (!head) return undefined;
  let start = head[0];
  for (let k = head[0] - 1; k >= from && head[0] - k <= 3; k--) {
    const tok = tokens[k] as Token;
    if (tok.text === "s" && /^['’]$/.test(gapBetween(sentence, tokens[k - 1], tok))) continue;
    if (tok.text.length === 1 && !/^\p{Lu}$/u.test(tok.text)) break;
    const acronym = /^\p{Lu}{2,}$/u.test(tok.text);
    if (anyStopword(tok.fold) && !acronym) break;
    // Russian and Ukrainian modifiers agree with the head: adjectives and participles
    // ("российский", "бывший", "заслуженого"), not nouns ("в блоге", "посаду").
    if (context.language === "ru" && context.ru && !acronym) {
      const tags = context.ru.analyze(tok.text).tags;
      if (!tags.has("ADJF") && !tags.has("PRTF") && !tags.has("NUMR")) break;
    }
    if (context.language === "uk" && !acronym && !UK_ADJECTIVE.test(tok.text.toLowerCase())) break;
    // An earlier head ("former prime minister") or a modifier; an auxiliary before it means a verb phrase.
    start = k;
  }
  if (start > 0 && start === from && AUXILIARIES.has((tokens[start - 1] as Token).fold)) return undefined;
  const end = tokens[span.first - 1] as Token;
  const role = sentence.slice((tokens[start] as Token).start, end.end).replace(/[\s,]+$/u, "").trim();
  return role.length > 1 ? role : undefined;
}

const ARTICLES = new Set(["the", "a", "an", "le", "la", "les", "l", "un", "une", "its", "his", "her", "son", "sa", "ses"]);

/** Role after a name, set off by a comma or a bracket: "Eric Adams, the mayor of New York," / "(CEO)". */
export function roleAfter(sentence: string, tokens: Token[], span: NameSpan, context: RoleContext): string | undefined {
  const next = tokens[span.last + 1];
  if (!next || !/^\s*[,(]\s*$/.test(gapBetween(sentence, tokens[span.last], next))) return undefined;
  let first = span.last + 1;
  while (first < tokens.length && ARTICLES.has((tokens[first] as Token).fold)) first++;
  let head: [number, number] | undefined;
  for (let k = first; k < tokens.length && k - first <= 3 && !head; k++) {
    const tok = tokens[k] as Token;
    if (k > first && PHRASE_BREAK.test(gapBetween(sentence, tokens[k - 1], tok))) break;
    if (verbLike(tok, tokens[k - 1], context)) break;
    head = headStartingAt(tokens, k, sentence, context.language) ?? headEndingAt(tokens, k, sentence, context.language);
  }
  if (!head) return undefined;
  let end = head[1];
  for (let k = head[1] + 1; k < tokens.length && k - span.last <= MAX_AFTER; k++) {
    if (PHRASE_BREAK.test(gapBetween(sentence, tokens[k - 1], tokens[k]))) break;
    if (verbLike(tokens[k] as Token, tokens[k - 1], context)) break;
    end = k;
  }
  // Trailing function words ("of the") belong to a phrase cut short.
  while (end > head[1] && anyStopword((tokens[end] as Token).fold)) end--;
  return sentence.slice((tokens[first] as Token).start, (tokens[end] as Token).end).trim();
}

/** Whether token `k` is (the last word of) a role noun: candidates drop such words from names. */
export function isRoleWord(tokens: Token[], k: number, sentence: string, language: string | undefined): boolean {
  return headEndingAt(tokens, k, sentence, language) !== undefined;
}
