/**
 * Finds who and what a sentence names: catalog entities, outlets and topics (by alias, case, accent
 * and script insensitive, surnames alone included), candidate people and organisations that the
 * catalog does not know (capitalised name sequences), and the role the text gives a person there
 * (an apposition before or after the name).
 */
import type { Catalog, EntityRef, MentionFound } from "../news/types.js";
import { PHRASE_BREAK, anyStopword, gapBetween, tokenize, type Token } from "../text/tokens.js";
import { normalizeName } from "../text/normalize.js";

export type NameSource = "entity" | "outlet" | "topic" | "candidate";

/** A name found in a sentence, as a range of tokens (inclusive). */
export interface NameSpan {
  source: NameSource;
  slug?: string;
  kind?: EntityRef["kind"];
  /** The name as written in the sentence. */
  text: string;
  first: number;
  last: number;
  role?: string;
}

interface AliasToken {
  norm: string;
  /** Short acronyms ("US", "EU", "FT") match only in this exact case: "us", "eu" are words. */
  exact?: string;
}

interface AliasEntry {
  source: Exclude<NameSource, "candidate">;
  slug: string;
  kind?: EntityRef["kind"];
  tokens: AliasToken[];
  /** A surname or short form: loses ties against full names. */
  short: boolean;
}

export interface CatalogIndex {
  byPrefix: Map<string, AliasEntry[]>;
  entities: Map<string, EntityRef>;
}

const SOURCE_RANK: Record<AliasEntry["source"], number> = { outlet: 3, entity: 2, topic: 1 };

function prefixKey(norm: string): string {
  return norm.slice(0, 3);
}

function aliasTokens(alias: string): AliasToken[] {
  const toks = tokenize(alias);
  if (toks.length === 1 && /^[\p{Lu}\p{N}]{1,3}$/u.test(alias.trim())) {
    return [{ norm: toks[0]?.norm ?? "", exact: alias.trim() }];
  }
  return toks.map((t) => ({ norm: t.norm })).filter((t) => t.norm.length > 0);
}

const indexCache = new WeakMap<Catalog, CatalogIndex>();

/**
 * Builds (once per catalog object) the alias index. Every person also gets the last word of each
 * multi-word name or alias as a short alias ("Dmitriev" → Kirill Dmitriev), unless two people share it.
 */
export function buildCatalogIndex(catalog: Catalog): CatalogIndex {
  const cached = indexCache.get(catalog);
  if (cached) return cached;
  const entries: AliasEntry[] = [];
  const add = (source: AliasEntry["source"], slug: string, alias: string, short: boolean, kind?: EntityRef["kind"]) => {
    const tokens = aliasTokens(alias);
    if (tokens.length > 0) entries.push({ source, slug, kind, tokens, short });
  };
  for (const o of catalog.outlets) for (const a of new Set([o.name, ...o.aliases])) add("outlet", o.slug, a, false);
  for (const t of catalog.topics) {
    for (const a of new Set([...Object.values(t.names), ...(t.aliases ?? [])])) add("topic", t.slug, a, false);
  }
  const surnameOwners = new Map<string, Set<string>>();
  const surnames: Array<[string, string, string]> = [];
  for (const e of catalog.entities) {
    const names = new Set([e.name, ...e.aliases]);
    for (const a of names) add("entity", e.slug, a, tokenize(a).length === 1 && e.kind === "person", e.kind);
    if (e.kind !== "person") continue;
    for (const a of names) {
      const toks = tokenize(a);
      const last = toks[toks.length - 1];
      if (toks.length < 2 || !last || last.text.length < 3 || anyStopword(last.fold)) continue;
      const owners = surnameOwners.get(last.norm) ?? new Set<string>();
      owners.add(e.slug);
      surnameOwners.set(last.norm, owners);
      surnames.push([e.slug, last.text, last.norm]);
    }
  }
  const seen = new Set<string>();
  for (const [slug, text, norm] of surnames) {
    if ((surnameOwners.get(norm)?.size ?? 0) > 1 || seen.has(`${slug}|${norm}`)) continue;
    seen.add(`${slug}|${norm}`);
    add("entity", slug, text, true, "person");
  }
  const byPrefix = new Map<string, AliasEntry[]>();
  for (const e of entries) {
    const key = prefixKey(e.tokens[0]?.norm ?? "");
    const list = byPrefix.get(key) ?? [];
    list.push(e);
    byPrefix.set(key, list);
  }
  const index = { byPrefix, entities: new Map(catalog.entities.map((e) => [e.slug, e])) };
  indexCache.set(catalog, index);
  return index;
}

/** Russian and Ukrainian case endings (after normalisation) that an inflected name may carry. */
const ENDINGS = new Set([
  "a", "u", "e", "y", "i", "om", "em", "ym", "im", "oy", "oi", "ey", "ogo", "ego", "omu", "emu",
  "aya", "uyu", "oyu", "ou", "ov", "ami", "ah", "yah", "ya", "yu",
]);

/** Whether a Cyrillic word is an inflected form of an alias word ("Дмитриева" of "Дмитриев"). */
function inflected(word: string, alias: string): boolean {
  if (alias.length < 4 || word === alias) return false;
  const stem = /[aeiouy]$/.test(alias) ? alias.slice(0, -1) : alias;
  if (stem.length < 3 || !word.startsWith(stem)) return false;
  return ENDINGS.has(word.slice(stem.length));
}

function tokenMatches(tok: Token, alias: AliasToken, short: boolean): boolean {
  if (alias.exact !== undefined) return tok.text === alias.exact;
  // A surname alone must be capitalised: "Butler" the colonel, not "a butler".
  if (short && !tok.upper) return false;
  return tok.norm === alias.norm || (tok.cyrillic && inflected(tok.norm, alias.norm));
}

/** Catalog names in a sentence: longest match first, no overlaps. */
export function matchCatalog(sentence: string, tokens: Token[], index: CatalogIndex): NameSpan[] {
  const spans: NameSpan[] = [];
  let i = 0;
  while (i < tokens.length) {
    const tok = tokens[i] as Token;
    let best: AliasEntry | undefined;
    for (const entry of index.byPrefix.get(prefixKey(tok.norm)) ?? []) {
      const n = entry.tokens.length;
      if (i + n > tokens.length) continue;
      let ok = true;
      for (let k = 0; k < n && ok; k++) {
        ok = tokenMatches(tokens[i + k] as Token, entry.tokens[k] as AliasToken, entry.short);
        if (ok && k > 0 && PHRASE_BREAK.test(gapBetween(sentence, tokens[i + k - 1], tokens[i + k]))) ok = false;
      }
      if (!ok) continue;
      if (
        !best ||
        n > best.tokens.length ||
        (n === best.tokens.length &&
          (SOURCE_RANK[entry.source] > SOURCE_RANK[best.source] || (best.short && !entry.short)))
      ) {
        best = entry;
      }
    }
    if (best) {
      const last = i + best.tokens.length - 1;
      spans.push({
        source: best.source,
        slug: best.slug,
        kind: best.kind,
        text: sentence.slice(tok.start, (tokens[last] as Token).end),
        first: i,
        last,
      });
      i = last + 1;
    } else {
      i++;
    }
  }
  return spans;
}

/**
 * Role nouns (folded stems) that open an apposition: "le ministre …", "US special envoy …",
 * "глава …", "спецпосланник …". A word matches a stem when it equals it, extends it by up to
 * three letters (inflection), or, for stems of seven letters or more, ends with it
 * (German compounds: "Außenminister").
 */
const ROLE_HEADS = [
  // fr
  "president", "presidente", "ministre", "secretaire", "envoye", "envoyee", "representant", "porte-parole",
  "chef", "cheffe", "directeur", "directrice", "dirigeant", "chancelier", "chanceliere", "conseiller",
  "conseillere", "ambassadeur", "ambassadrice", "commandant", "general", "colonel", "lieutenant",
  "capitaine", "amiral", "maire", "gouverneur", "senateur", "depute", "patron", "negociateur", "emissaire",
  "procureur", "juge", "roi", "reine", "pape", "vice", "premier", "commissaire", "analyste", "politologue",
  "expert", "experte",
  // en
  "minister", "secretary", "envoy", "representative", "spokesman", "spokeswoman", "spokesperson",
  "head", "director", "chancellor", "adviser", "advisor", "ambassador", "commander", "colonel", "captain",
  "admiral", "mayor", "governor", "senator", "leader", "prime", "negotiator", "aide", "chairman",
  "chairwoman", "ceo", "king", "queen", "prosecutor", "judge", "emissary", "chief", "commissioner", "analyst",
  // ru
  "президент", "министр", "глава", "секретарь", "госсекретарь", "посланник", "спецпосланник", "посол",
  "представитель", "спецпредставитель", "пресс-секретарь", "помощник", "советник", "генерал", "полковник",
  "премьер", "канцлер", "председатель", "директор", "руководитель", "командующий", "губернатор", "мэр",
  "лидер", "вице", "спикер", "сенатор", "депутат", "переговорщик", "начальник", "главком", "политолог",
  "эксперт", "аналитик",
  // uk
  "міністр", "голова", "очільник", "секретар", "посланець", "спецпосланець", "представник",
  "спецпредставник", "речник", "помічник", "радник", "прем", "керівник", "командувач", "мер", "віце",
  // de
  "präsident", "ministerin", "kanzler", "kanzlerin", "sprecher", "sprecherin", "botschafter", "gesandte",
  "gesandter", "leiter", "leiterin", "berater", "beraterin", "oberst", "generalin", "vorsitzende",
].map((s) => s.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase());

function isRoleHead(fold: string): boolean {
  for (const stem of ROLE_HEADS) {
    if (fold === stem) return true;
    if (fold.startsWith(stem) && fold.length - stem.length <= 3 && stem.length >= 4) return true;
    if (stem.length >= 7 && fold.endsWith(stem)) return true;
  }
  return false;
}

/** Verbs of saying (folded forms) used for quoted speakers; also clause breakers for roles. */
export function speechVerbs(): string[] {
  return SPEECH_VERBS;
}
const SPEECH_VERBS = [
  // fr (participles after "a"/"ont", and present tense)
  "declare", "declaree", "confirme", "souligne", "affirme", "estime", "indique", "annonce", "dit",
  "explique", "precise", "ajoute", "assure", "insiste", "reconnu", "averti", "martele", "deplore",
  "repondu", "rappele", "rappelle", "note",
  // en
  "said", "says", "stated", "confirmed", "told", "noted", "stressed", "added", "announced", "warned",
  "insisted", "argued", "claimed", "emphasized", "emphasised",
  // ru
  "заявил", "заявила", "заявили", "заявляет", "подчеркнул", "подчеркнула", "подчеркнули", "отметил",
  "отметила", "сказал", "сказала", "добавил", "добавила", "пояснил", "пояснила", "уточнил", "признал",
  "утверждает", "считает", "подтвердил", "подтвердила",
  // uk
  "заявив", "заявила", "заявили", "заявляє", "наголосив", "наголосила", "зазначив", "зазначила", "сказав",
  "додав", "пояснив", "підкреслив", "підкреслила",
  // de
  "sagte", "erklarte", "betonte", "bestatigte", "sagt", "erklart", "betont",
];

/** Words that end a noun phrase when scanning back from a name: relatives, auxiliaries, verbs of saying. */
const CLAUSE_BREAKERS = new Set(
  [
    "qui", "que", "qu", "a", "ont", "est", "sont", "etait", "etaient", "dont", "avait", "sera", "rencontre",
    "who", "that", "which", "is", "was", "were", "has", "have", "had", "will", "met",
    "который", "которая", "которые", "что", "это", "был", "была", "было", "встретился",
    "який", "яка", "які", "що", "був", "була", "зустрівся",
    "dass", "ist", "hat", "wurde", "traf",
  ].concat(speechVerbs()),
);

const AUXILIARIES = new Set(["a", "ont", "est", "sont", "avait", "has", "have", "had", "was", "is", "were", "был", "была"]);

function isPersonSpan(s: NameSpan): boolean {
  return s.kind === "person";
}

/** Role words right before a name: "le ministre allemand des Affaires étrangères [Johann Wadepul]". */
function roleBefore(sentence: string, tokens: Token[], span: NameSpan, spans: NameSpan[]): string | undefined {
  const personAt = new Set<number>();
  for (const s of spans) if (s !== span && isPersonSpan(s)) for (let k = s.first; k <= s.last; k++) personAt.add(k);
  let b = span.first;
  for (let k = span.first - 1; k >= 0 && span.first - k <= 25; k--) {
    const tok = tokens[k] as Token;
    if (PHRASE_BREAK.test(gapBetween(sentence, tok, tokens[k + 1]))) break;
    if (CLAUSE_BREAKERS.has(tok.fold) || personAt.has(k)) break;
    b = k;
  }
  let head = -1;
  for (let k = b; k < span.first; k++) {
    if (isRoleHead((tokens[k] as Token).fold)) {
      head = k;
      break;
    }
  }
  if (head < 0) return undefined;
  if (head > 0 && AUXILIARIES.has((tokens[head - 1] as Token).fold) && head === b) return undefined;
  // Modifiers before the head: "US special [envoy]", "Germany's foreign [minister]", "американский".
  let start = head;
  for (let k = head - 1; k >= b && head - k <= 3; k--) {
    const tok = tokens[k] as Token;
    if (tok.text === "s" && /^['’]$/.test(gapBetween(sentence, tokens[k - 1], tok))) continue;
    if (tok.text.length === 1) break;
    const acronym = /^\p{Lu}{2,}$/u.test(tok.text);
    if (anyStopword(tok.fold) && !acronym) break;
    start = k;
  }
  const role = sentence.slice((tokens[start] as Token).start, (tokens[span.first - 1] as Token).end).trim();
  return role.length > 0 ? role : undefined;
}

/** Role after a name, set off by a comma: "Dave Butler, représentant du comité … américaines". */
function roleAfter(sentence: string, tokens: Token[], span: NameSpan): string | undefined {
  const next = tokens[span.last + 1];
  if (!next || !/,/.test(gapBetween(sentence, tokens[span.last], next))) return undefined;
  let headAt = -1;
  for (let k = span.last + 1; k < tokens.length && k - span.last <= 4; k++) {
    const tok = tokens[k] as Token;
    if (k > span.last + 1 && PHRASE_BREAK.test(gapBetween(sentence, tokens[k - 1], tok))) break;
    if (isRoleHead(tok.fold)) {
      headAt = k;
      break;
    }
    if (CLAUSE_BREAKERS.has(tok.fold)) break;
  }
  if (headAt < 0) return undefined;
  let first = span.last + 1;
  while (first < headAt && anyStopword((tokens[first] as Token).fold) && !/^\p{Lu}{2,}$/u.test((tokens[first] as Token).text)) first++;
  let end = headAt;
  for (let k = headAt + 1; k < tokens.length && k - headAt <= 20; k++) {
    if (PHRASE_BREAK.test(gapBetween(sentence, tokens[k - 1], tokens[k]))) break;
    end = k;
  }
  return sentence.slice((tokens[first] as Token).start, (tokens[end] as Token).end).trim();
}

/** Words that mark an organisation's name (folded prefixes). */
const ORG_WORDS = [
  "ministry", "minister", "ministere", "министерств", "міністерств", "ministerium", "fund", "fonds", "фонд",
  "bank", "banque", "банк", "council", "conseil", "совет", "рада", "rat", "committee", "comite", "комитет",
  "комітет", "agency", "agence", "агентств", "union", "союз", "party", "parti", "партия", "партія", "partei",
  "company", "corporation", "inc", "ltd", "group", "groupe", "группа", "university", "universite",
  "университет", "університет", "institute", "institut", "институт", "інститут", "commission", "комисси",
  "комісі", "office", "bureau", "department", "departement", "департамент", "service", "служб", "forces",
  "army", "armee", "арми", "армі", "court", "cour", "суд", "parliament", "parlement", "парламент", "assembly",
  "assemblee", "duma", "дума", "думы", "organization", "organisation", "организаци", "association",
  "federation", "федераци", "news", "times", "post", "press", "house", "maison", "center", "centre", "центр",
  "foundation", "fondation", "authority", "autorite", "command", "forum",
].map((s) => s.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase());

const PARTICLES = new Set(["von", "van", "der", "den", "de", "da", "di", "del", "dos", "bin", "ibn", "al", "el", "ter"]);

function isOrgWord(fold: string): boolean {
  return ORG_WORDS.some((w) => fold === w || (fold.startsWith(w) && w.length >= 4));
}

/**
 * Capitalised name sequences not covered by the catalog: "Jane Doe", "Banque de France", "ФСБ".
 * Leading sentence-initial common words, stop words and role words are dropped; what remains must
 * be two or more capitalised words, or an acronym.
 */
function findCandidates(
  sentence: string,
  tokens: Token[],
  covered: ReadonlySet<number>,
  lowercaseWords: ReadonlySet<string>,
): NameSpan[] {
  const out: NameSpan[] = [];
  const isNameWord = (k: number) => {
    const t = tokens[k] as Token;
    return t.upper && !covered.has(k) && !/^\p{N}/u.test(t.text);
  };
  let k = 0;
  while (k < tokens.length) {
    if (!isNameWord(k)) {
      k++;
      continue;
    }
    const run = [k];
    let m = k + 1;
    while (m < tokens.length) {
      const gap = gapBetween(sentence, tokens[m - 1], tokens[m]);
      if (!/^[\s-]+$/.test(gap)) break;
      if (isNameWord(m)) {
        run.push(m);
        m++;
      } else if (PARTICLES.has((tokens[m] as Token).text) && m + 1 < tokens.length && isNameWord(m + 1) &&
        /^[\s-]+$/.test(gapBetween(sentence, tokens[m], tokens[m + 1]))) {
        run.push(m, m + 1);
        m += 2;
      } else break;
    }
    k = m;
    // Drop leading words that are common words, sentence openers, single letters or role words.
    let from = 0;
    let lastRole = -1;
    run.forEach((idx, pos) => {
      if (isRoleHead((tokens[idx] as Token).fold)) lastRole = pos;
    });
    if (lastRole >= 0) from = lastRole + 1;
    while (from < run.length) {
      const idx = run[from] as number;
      const t = tokens[idx] as Token;
      const initial = idx === 0 || /[«"“„(]\s*$/.test(gapBetween(sentence, tokens[idx - 1], t)) ||
        /[.!?:]\s*$/.test(gapBetween(sentence, tokens[idx - 1], t));
      const common = anyStopword(t.fold) || t.text.length === 1 || (initial && lowercaseWords.has(t.fold)) ||
        PARTICLES.has(t.text);
      if (!common) break;
      from++;
    }
    const names = run.slice(from);
    while (names.length > 0 && PARTICLES.has((tokens[names[names.length - 1] as number] as Token).text)) names.pop();
    if (names.length === 0) continue;
    const firstTok = tokens[names[0] as number] as Token;
    const lastTok = tokens[names[names.length - 1] as number] as Token;
    const acronym = names.length === 1 && /^\p{Lu}{2,6}$/u.test(firstTok.text) && !anyStopword(firstTok.fold);
    if (names.length < 2 && !acronym) continue;
    const org = acronym || names.some((idx) => isOrgWord((tokens[idx] as Token).fold)) ||
      names.some((idx) => /^\p{Lu}{2,}$/u.test((tokens[idx] as Token).text));
    if (!org && names.length > 4) continue;
    out.push({
      source: "candidate",
      kind: org ? "organization" : "person",
      text: sentence.slice(firstTok.start, lastTok.end),
      first: names[0] as number,
      last: names[names.length - 1] as number,
    });
  }
  return out;
}

/** Everything named in one sentence, in text order, with roles on people. */
export function findNames(
  sentence: string,
  tokens: Token[],
  index: CatalogIndex,
  lowercaseWords: ReadonlySet<string>,
): NameSpan[] {
  const spans = matchCatalog(sentence, tokens, index);
  const covered = new Set<number>();
  for (const s of spans) for (let k = s.first; k <= s.last; k++) covered.add(k);
  spans.push(...findCandidates(sentence, tokens, covered, lowercaseWords));
  spans.sort((a, b) => a.first - b.first);
  for (const s of spans) {
    if (s.kind !== "person") continue;
    const before = roleBefore(sentence, tokens, s, spans);
    const after = roleAfter(sentence, tokens, s);
    const role = [before, after].filter((r): r is string => r !== undefined).join(", ");
    if (role.length > 0) s.role = role;
  }
  return spans;
}

/** Folded forms of every word written in lower case somewhere in the text. */
export function lowercaseVocabulary(tokensBySentence: Token[][]): Set<string> {
  const out = new Set<string>();
  for (const toks of tokensBySentence) for (const t of toks) if (!t.upper) out.add(t.fold);
  return out;
}

/**
 * Entity mentions of an article: catalog entities (with `entitySlug`) and candidates (with
 * `candidate`), one per entity and sentence, carrying the role if any occurrence has one.
 */
export function mentionsFromNames(sentences: string[], names: NameSpan[][]): MentionFound[] {
  const out: MentionFound[] = [];
  const byKey = new Map<string, MentionFound>();
  names.forEach((spans, position) => {
    for (const s of spans) {
      let key: string;
      let mention: MentionFound;
      if (s.source === "entity" && s.slug) {
        key = `e:${s.slug}:${position}`;
        mention = { entitySlug: s.slug, sentence: sentences[position] ?? "", position };
      } else if (s.source === "candidate" && (s.kind === "person" || s.kind === "organization")) {
        key = `c:${normalizeName(s.text)}:${position}`;
        mention = { candidate: { name: s.text, kind: s.kind }, sentence: sentences[position] ?? "", position };
      } else continue;
      const existing = byKey.get(key);
      if (existing) {
        if (!existing.role && s.role) existing.role = s.role;
        continue;
      }
      if (s.role) mention.role = s.role;
      byKey.set(key, mention);
      out.push(mention);
    }
  });
  return out;
}
