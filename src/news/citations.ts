/**
 * Cited sources: outlets an article attributes information to ("a écrit Politico", "selon Politico",
 * "according to Reuters", "сообщает РБК", "як повідомляє РБК-Україна") and quoted speakers
 * ("a confirmé le ministre … Johann Wadepul", "a souligné le Kremlin", "Песков заявил").
 * The claim is the whole sentence; the position is its index.
 */
import type { CatalogIndex, NameSpan } from "../entities/extract.js";
import { attributionCues, isMediaNoun, mediaNouns, speechVerbSet } from "../text/lexicon.js";
import { normalizeName } from "../text/normalize.js";
import { englishTags } from "../text/english-lexicon.js";
import { anyStopword, gapBetween, type Token } from "../text/tokens.js";
import { slugify } from "../text/slug.js";
import type { CitationFound } from "./types.js";

/**
 * Attribution cue stems (folded): a word matches when it starts with a stem and adds at most four
 * letters ("rapport" → "rapporté", "сообща" → "сообщает").
 */
const OUTLET_CUES = [
  // fr
  "ecri", "rapport", "selon", "apres", "information", "declar", "cite", "indiqu", "affirm", "note", "revel",
  "precis", "soulign", "annonc", "publi", "relai", "relay", "source",
  // en
  "accord", "report", "wrote", "write", "said", "say", "told", "citing", "cite", "quot", "reveal", "confirm",
  "publish", "learn",
  // ru
  "сообща", "сообщи", "сообщени", "пише", "пиш", "писал", "написал", "переда", "данн", "информаци", "ссылк", "утвержда",
  "отмеча", "заяви", "публику", "опублик", "узнал", "цитиру", "сведени", "интервью", "расследовани",
  // uk
  "повідомля", "повідоми", "повідомлен", "писа", "написа", "дани", "інформаці", "посилан", "зазнача", "публіку", "опублік", "дізнал",
  "цитує", "відомост", "інтерв", "розслідуван",
  // de
  "bericht", "schreib", "schrieb", "laut", "zufolge", "meld", "berufung", "angaben", "sagte", "erklar",
].map((s) => s.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase());

/** Words skipped when measuring the distance from an outlet to its cue. */
const TRANSPARENT = new Set([
  "et", "and", "и", "і", "та", "und", "ou", "or", "a", "ont", "has", "have", "had", "was", "were", "hat", "haben",
  "le", "la", "les", "the", "der", "die", "das", "journal", "newspaper", "agence", "agency", "газета", "издание",
  "агентство", "видання", "zeitung", "également", "egalement", "also", "aussi", "как", "як", "по", "за", "to", "d",
  "de", "par", "by", "со", "на", "von", "nach", "unter", "du", "des", "of", "a", "au", "aux", "to", "the", "told",
  "lui", "elle", "il", "ils", "elles", "meme", "même", "ему", "ей", "йому", "їй", "l", "sa", "son", "ses", "its", "s", "in",
  "в", "у", "телеканалу", "телеканал", "изданию", "виданню", "газете", "газеті", "агентству", "агентства", "агенції",
]);

const MAX_CUE_DISTANCE = 2;

function isCue(fold: string): boolean {
  return OUTLET_CUES.some((c) => fold === c || (fold.startsWith(c) && fold.length - c.length <= 4));
}

const SENTENCE_BREAK = /[.;!?]/;

/** Whether an attribution cue is within reach of the outlet span, before or after it. */
function hasCue(sentence: string, tokens: Token[], span: NameSpan, otherOutlet: ReadonlySet<number>, speech: ReadonlySet<string>, media: ReadonlySet<string> = new Set()): boolean {
  const walk = (from: number, step: 1 | -1): boolean => {
    let distance = 0;
    for (let k = from; k >= 0 && k < tokens.length; k += step) {
      const tok = tokens[k] as Token;
      const prev = step === 1 ? tokens[k - 1] : tokens[k + 1];
      const gap = step === 1 ? gapBetween(sentence, prev, tok) : gapBetween(sentence, tok, prev);
      if (SENTENCE_BREAK.test(gap)) return false;
      if (isCue(tok.fold) || speech.has(tok.fold)) return true;
      if (otherOutlet.has(k) || TRANSPARENT.has(tok.fold) || media.has(tok.fold)) continue;
      distance++;
      if (distance > MAX_CUE_DISTANCE) return false;
    }
    return false;
  };
  return walk(span.first - 1, -1) || walk(span.last + 1, 1);
}

const AUX = new Set(["a", "ont", "has", "have", "had", "hat", "haben", "est", "sont"]);
const SPEAKER_BREAK = /[;:.!?()«»"“”]/;
const KIND_RANK: Record<string, number> = { person: 3, organization: 2, place: 1 };

/** Words after which a name is no longer the subject of the verb: "a dit que l’UE …". */
const COMPLEMENTIZERS = new Set(["que", "qu", "that", "что", "що", "dass", "si", "whether", "ли"]);
/** Languages that put the speaker after the verb in an incise: "», a déclaré X", ", заявил X". */
const INVERTING = new Set(["fr", "ru", "uk", "und"]);

/**
 * The subject of a verb of saying. After the verb: the best-ranked name (person, then organisation,
 * then place) within twelve words, before any comma or "que"/"that". Before it: the best-ranked name
 * ending within twelve words, commas allowed ("Jane Doe, a fellow at X, said"). Which side is tried
 * first depends on the text: after a closing quote, or after a comma in French/Russian/Ukrainian,
 * the subject follows the verb.
 */
function speakerOf(sentence: string, tokens: Token[], verb: number, names: NameSpan[], language: string): NameSpan | undefined {
  const eligible = names.filter((n) => (n.source === "entity" || n.source === "candidate") && n.kind && n.kind !== "place");
  const rank = (n: NameSpan) => KIND_RANK[n.kind ?? ""] ?? 0;
  const after = (): NameSpan | undefined => {
    let best: NameSpan | undefined;
    for (const n of eligible) {
      if (n.first <= verb || n.first - verb > 12) continue;
      const between = sentence.slice((tokens[verb] as Token).end, (tokens[n.first] as Token).start);
      if (SPEAKER_BREAK.test(between) || /,/.test(between)) continue;
      if (tokens.slice(verb + 1, n.first).some((t) => COMPLEMENTIZERS.has(t.fold))) continue;
      if (!best || rank(n) > rank(best)) best = n;
    }
    return best;
  };
  let groupStart = verb;
  while (groupStart > 0 && AUX.has((tokens[groupStart - 1] as Token).fold)) groupStart--;
  const before = (): NameSpan | undefined => {
    let best: NameSpan | undefined;
    for (const n of eligible) {
      if (n.last >= groupStart || groupStart - n.last > 12) continue;
      const between = sentence.slice((tokens[n.last] as Token).end, (tokens[groupStart] as Token).start);
      if (SPEAKER_BREAK.test(between)) continue;
      if (tokens.slice(n.last + 1, groupStart).some((t) => COMPLEMENTIZERS.has(t.fold))) continue;
      if (!best || rank(n) >= rank(best)) best = n;
    }
    return best;
  };
  const lead = gapBetween(sentence, tokens[groupStart - 1], tokens[groupStart]);
  const afterFirst = groupStart === 0 || /[»”"]/.test(lead) || (/,/.test(lead) && INVERTING.has(language));
  return afterFirst ? (after() ?? before()) : (before() ?? after());
}

/** An agency dateline opening the article: "KYIV (Reuters) -", "PARIS (AFP) —". */
function dateline(sentence: string, tokens: Token[], span: NameSpan, position: number): boolean {
  if (position > 1 || span.first > 6) return false;
  return /\(\s*$/.test(gapBetween(sentence, tokens[span.first - 1], tokens[span.first])) &&
    /^\s*\)\s*[-–—]/.test(gapBetween(sentence, tokens[span.last], tokens[span.last + 1]));
}

/** Words that make a sentence about an outlet, not from it: ownership, a credit. */
const OWNERSHIP = new Set(
  ["owner", "owns", "owned", "proprietaire", "possede", "filiale", "subsidiary", "parent", "appartient", "владелец",
    "владеет", "принадлежит", "власник", "належить", "володіє", "photo", "photos", "фото", "credit", "credits"].map((w) =>
    w.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase()),
);
const RELATIVE = new Set(["qui", "which", "who", "который", "которая", "которое", "який", "яка", "яке"]);

/** Whether an outlet sits in a clause about it ("…, qui est propriétaire du Financial Times,"). */
function onlyMentioned(tokens: Token[], span: NameSpan): boolean {
  for (let k = span.first - 1; k >= 0 && span.first - k <= 6; k--) {
    const fold = (tokens[k] as Token).fold;
    if (span.first - k <= 4 && (OWNERSHIP.has(fold) || RELATIVE.has(fold))) return true;
    // "writes articles for the New York Times, the Washington Post…": a destination, not a source.
    if (DESTINATION.has(fold)) return true;
  }
  return false;
}
const DESTINATION = new Set(["для", "for", "pour"]);

/** Verbs of an outlet's own reporting (people "say"; outlets "report" and "write"). */
const REPORTING = new Set(["reports", "reported", "wrote", "writes", "reveals", "revealed", "ecrit", "rapporte", "revele", "пишет", "писал", "писала", "пише", "писав"]);
/** Words of an institution's name: it may report, but it is not an outlet. */
const INSTITUTIONS = /^(?:ministr|ministe|police|polic|government|gouvern|army|armee|court|cour|council|conseil|committee|comite|department|office|bureau|university|universit|institut|bank|banque|agency|party|parti|union|commission|service|forces|office|white|house|kremlin|мвд|мид|минист|міністер|полиц|поліц|прокурат|суд|уряд|правительств)/u;

/** Words of a name that make it a news outlet's ("Daily Mirror", "Kyiv Post", "Радио Свобода"). */
const MEDIA_NAME_WORDS = new Set(
  ["times", "post", "news", "journal", "herald", "gazette", "tribune", "telegraph", "mail", "express", "observer",
    "chronicle", "daily", "weekly", "radio", "tv", "channel", "press", "media", "magazine", "review", "monitor",
    "standard", "independent", "guardian", "insider", "today", "online", "info", "agency", "nouvelles", "journal",
    "matin", "soir", "presse", "hebdo", "радио", "радіо", "тв", "ньюз", "новости", "новини", "правда", "известия",
    "вести", "вісті", "газета", "ведомости", "онлайн", "инфо", "інфо"],
);

/**
 * An outlet the catalog does not know, named as a source: a media noun before a capitalised or
 * «quoted» name ("le quotidien El Punt Avui", "газета «Коммерсант»", "издание The Insider"), or a
 * name with a media word ("the Daily Mirror") after an attribution cue ("according to", "сообщает").
 */
function unknownOutlets(sentence: string, tokens: Token[], spans: NameSpan[], language: string): NameSpan[] {
  const cues = attributionCues(language);
  const taken = new Set<number>();
  for (const s of spans) if (s.source !== "candidate") for (let k = s.first; k <= s.last; k++) taken.add(k);
  const out: NameSpan[] = [];
  const nameRun = (from: number): NameSpan | undefined => {
    let last = -1;
    for (let k = from; k < tokens.length && k - from < 5; k++) {
      const tok = tokens[k] as Token;
      if (taken.has(k) || !(tok.upper || (k > from && /^\p{N}/u.test(tok.text)))) break;
      if (k > from && !/^(?:\s|\.|-|\s?[«"“]\s?)$/.test(gapBetween(sentence, tokens[k - 1], tok))) break;
      last = k;
    }
    if (last < 0 || !(tokens[from] as Token).upper) return undefined;
    const text = sentence.slice((tokens[from] as Token).start, (tokens[last] as Token).end);
    return { source: "candidate", kind: "organization", text, first: from, last };
  };
  for (let k = 0; k < tokens.length - 1; k++) {
    if (!isMediaNoun((tokens[k] as Token).text, language) || ((tokens[k] as Token).upper && k > 0)) continue;
    // "Издания Tolo и Pajhwok", "les quotidiens Le Monde et Libération": every name of the list.
    for (let run = nameRun(k + 1); run; ) {
      out.push(run);
      const and = tokens[run.last + 1];
      run = and && ["и", "and", "et", "і", "та", "й"].includes(and.fold) ? nameRun(run.last + 2) : undefined;
    }
  }
  // "NRC Handelsblad reports", "Indymedia reported": a name that is no person, place or institution,
  // as the subject of a verb only outlets use of their own reporting.
  for (let k = 0; k + 1 < tokens.length; k++) {
    const verb = tokens[k + 1] as Token;
    if (!REPORTING.has(verb.fold) || !/^\s+$/.test(gapBetween(sentence, tokens[k], verb))) continue;
    let first = k;
    while (first > 0 && (tokens[first - 1] as Token).upper && /^\s$/.test(gapBetween(sentence, tokens[first - 1], tokens[first]))) first--;
    while (first < k && anyStopword((tokens[first] as Token).fold)) first++;
    const words = tokens.slice(first, k + 1);
    if (words.length === 0 || !words.every((t) => t.upper) || [...taken].some((i) => i >= first && i <= k)) continue;
    // Two words or more ("NRC Handelsblad"), or an acronym ("NOS"): a lone capitalised word is more often a surname.
    if (words.length < 2 && !/^\p{Lu}{2,6}$/u.test(words[0]!.text)) continue;
    // A name taken for a person only because it "reports" is the outlet here.
    const person = spans.some((s) => s.kind === "person" && (s.confident || s.source === "entity") && s.first <= k && s.last >= first);
    const place = spans.some((s) => s.kind === "place" && s.first <= k && s.last >= first);
    if (person || place || words.some((t) => INSTITUTIONS.test(t.fold) || englishTags(t.fold).has("given") || englishTags(t.fold).has("place"))) continue;
    out.push({ source: "candidate", kind: "organization", text: sentence.slice(words[0]!.start, words[words.length - 1]!.end), first, last: k });
  }
  // A web address the catalog lacks, right after a cue: "передає depo.ua", "зазначає adm-pl.gov.ua".
  for (const match of sentence.matchAll(/(?<![\p{L}\p{N}@/.-])((?:[a-z0-9-]+\.)+(?:ua|ru|by|com|net|org|info|fr|uk|de|eu|tv|news|media))(?=$|[\s,;:!?)»"”]|\.(?:\s|$))/gu)) {
    const start = match.index ?? 0;
    const first = tokens.findIndex((t) => t.start === start);
    const last = tokens.findIndex((t) => t.end === start + (match[1] ?? "").length);
    if (first < 0 || last < first || [...taken].some((i) => i >= first && i <= last)) continue;
    out.push({ source: "candidate", kind: "organization", text: match[1] as string, first, last });
  }
  const cueBefore = (k: number) => cues.some((cue) => cue.every((w, i) => (tokens[k - cue.length + i] as Token | undefined)?.fold === w));
  for (const s of spans) {
    if (s.source !== "candidate" || s.kind === "person" || s.kind === "place" || out.some((o) => o.first === s.first)) continue;
    const mediaName = tokens.slice(s.first, s.last + 1).some((t) => MEDIA_NAME_WORDS.has(t.fold));
    let cued = false;
    for (let k = s.first; k >= Math.max(0, s.first - 3) && !cued; k--) cued = cueBefore(k);
    if (mediaName && cued) out.push(s);
  }
  return out;
}

/**
 * Citations in an article. `tokens[i]` and `names[i]` belong to `sentences[i]`; `language` (ISO
 * 639-1) decides on which side of a verb of saying the speaker is looked for first. Results are unique
 * per (sourceKey, position) and in text order.
 */
export function findCitations(
  sentences: string[],
  tokens: Token[][],
  names: NameSpan[][],
  language = "und",
  index?: CatalogIndex,
): CitationFound[] {
  const out: CitationFound[] = [];
  const seen = new Set<string>();
  const speech = speechVerbSet(language);
  const push = (c: CitationFound) => {
    const key = `${c.sourceKey}|${c.position}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(c);
  };
  sentences.forEach((sentence, position) => {
    const toks = tokens[position] ?? [];
    const spans = names[position] ?? [];
    const outlets = spans.filter((s) => s.source === "outlet" && s.slug && index?.outlets.get(s.slug)?.kind !== "photo");
    for (const o of outlets) {
      const others = new Set<number>();
      for (const x of outlets) if (x !== o) for (let k = x.first; k <= x.last; k++) others.add(k);
      if (onlyMentioned(toks, o) || !(hasCue(sentence, toks, o, others, speech, mediaNouns(language)) || dateline(sentence, toks, o, position))) continue;
      push({ sourceKey: `outlet:${o.slug}`, outletSlug: o.slug, claim: sentence, position });
    }
    const newOutlets = unknownOutlets(sentence, toks, spans, language);
    for (const o of newOutlets) {
      if (onlyMentioned(toks, o) || !hasCue(sentence, toks, o, new Set(), speech, mediaNouns(language))) continue;
      const slug = slugify(o.text);
      if (!slug) continue;
      push({ sourceKey: `outlet:${slug}`, newOutlet: { slug, name: o.text }, claim: sentence, position });
    }
    const taken = new Set(newOutlets);
    const outletStarts = new Set([...outlets, ...newOutlets].map((o) => o.first));
    toks.forEach((tok, v) => {
      if (!speech.has(tok.fold)) return;
      // "сообщает РБК", "пише Суспільне": the verb is the outlet's, not a speaker's.
      const next = toks[v + 1];
      if (outletStarts.has(v + 1) || (next && TRANSPARENT.has(next.fold) && outletStarts.has(v + 2) && !/,/.test(gapBetween(sentence, tok, next)))) return;
      const who = speakerOf(sentence, toks, v, spans.filter((s) => !taken.has(s) && !newOutlets.some((o) => o.first <= s.last && o.last >= s.first)), language);
      if (!who) return;
      if (who.source === "entity" && who.slug) {
        push({ sourceKey: `entity:${who.slug}`, entitySlug: who.slug, speaker: who.text, claim: sentence, position });
      } else {
        push({ sourceKey: `speaker:${normalizeName(who.lemma ?? who.text)}`, speaker: who.lemma ?? who.text, claim: sentence, position });
      }
    });
  });
  return out;
}
