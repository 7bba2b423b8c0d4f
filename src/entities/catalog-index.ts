/**
 * The catalog's names (entities, outlets, topics) indexed by their first word, and matched in a
 * sentence: longest name first, no overlaps; case, accents and script folded; Russian and Ukrainian
 * case endings allowed; a person's surname alone matches when only one person has it.
 */
import { PHRASE_BREAK, anyStopword, gapBetween, tokenize, type Token } from "../text/tokens.js";
import type { Catalog, EntityRef, OutletRef } from "./types.js";

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
  /** For candidates: enough evidence to be stored as an entity. */
  confident?: boolean;
  /** For candidates: a person only if the sentence confirms it (a role, a verb of saying). */
  tentative?: boolean;
  /** For candidates: the name in its dictionary form (nominative), when it differs from `text`. */
  lemma?: string;
}

interface AliasToken {
  norm: string;
  /** Outlets only: the alias word is capitalised ("Libération", not "libération des otages"). */
  upper?: boolean;
  /** Outlets only: the alias word is Cyrillic ("Индепендент" is not the English "independent"). */
  cyrillic?: boolean;
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
  /** The last word of a person's full name, matched only while no other person has it. */
  surname?: boolean;
}

export interface CatalogIndex {
  /** Alias entries by the normalised form of their first word. */
  byFirst: Map<string, AliasEntry[]>;
  entities: Map<string, EntityRef>;
  outlets: Map<string, OutletRef>;
  /** People per surname shortcut: a surname two people share matches neither alone. */
  surnameOwners: Map<string, Set<string>>;
}

const SOURCE_RANK: Record<AliasEntry["source"], number> = { outlet: 3, entity: 2, topic: 1 };

function aliasTokens(alias: string, strict = false): AliasToken[] {
  const toks = tokenize(alias);
  if (toks.length === 1 && /^[\p{Lu}\p{N}]{1,3}$/u.test(alias.trim())) {
    return [{ norm: toks[0]?.norm ?? "", exact: alias.trim() }];
  }
  return toks
    .map((t) => (strict ? { norm: t.norm, upper: t.upper, cyrillic: t.cyrillic } : { norm: t.norm }))
    .filter((t) => t.norm.length > 0);
}

const indexCache = new WeakMap<Catalog, CatalogIndex>();

function addEntry(index: CatalogIndex, entry: AliasEntry): void {
  const key = entry.tokens[0]?.norm ?? "";
  const list = index.byFirst.get(key);
  if (list) list.push(entry);
  else index.byFirst.set(key, [entry]);
}

/** Adds entities to an index (a new name found in an article counts in the next one at once). */
export function addEntities(index: CatalogIndex, entities: readonly EntityRef[]): void {
  for (const e of entities) {
    index.entities.set(e.slug, e);
    const names = new Set([e.name, ...e.aliases]);
    for (const alias of names) {
      const tokens = aliasTokens(alias);
      if (tokens.length === 0) continue;
      addEntry(index, { source: "entity", slug: e.slug, kind: e.kind, tokens, short: tokens.length === 1 && e.kind === "person" });
      if (e.kind !== "person" || tokens.length < 2) continue;
      // Every person also answers to the last word of a full name ("Dmitriev" → Kirill Dmitriev).
      const last = tokens[tokens.length - 1] as AliasToken;
      if (last.norm.length < 3 || anyStopword(last.norm)) continue;
      const owners = index.surnameOwners.get(last.norm) ?? new Set<string>();
      if (owners.has(e.slug)) continue;
      owners.add(e.slug);
      index.surnameOwners.set(last.norm, owners);
      addEntry(index, { source: "entity", slug: e.slug, kind: "person", tokens: [{ norm: last.norm }], short: true, surname: true });
    }
  }
}

/**
 * Builds (once per catalog object) the alias index: outlets, topics and entities by their first
 * word, every person also by a surname that no other person shares.
 */
export function buildCatalogIndex(catalog: Catalog): CatalogIndex {
  const cached = indexCache.get(catalog);
  if (cached) return cached;
  const index: CatalogIndex = { byFirst: new Map(), entities: new Map(), outlets: new Map(catalog.outlets.map((o) => [o.slug, o])), surnameOwners: new Map() };
  const add = (source: "outlet" | "topic", slug: string, alias: string) => {
    // Outlet names are often common words ("Libération", "Le Point", "Суспільне"): matched as written.
    const tokens = aliasTokens(alias, source === "outlet");
    if (tokens.length > 0) addEntry(index, { source, slug, tokens, short: false });
  };
  for (const o of catalog.outlets) {
    for (const a of new Set([o.name, ...o.aliases])) add("outlet", o.slug, a);
    // Domains are written in lower case ("передає depo.ua"): matched without the case rule.
    for (const domain of o.domains ?? []) {
      const tokens = aliasTokens(domain);
      if (tokens.length >= 2) addEntry(index, { source: "outlet", slug: o.slug, tokens, short: false });
    }
  }
  for (const t of catalog.topics) for (const a of new Set([...Object.values(t.names), ...(t.aliases ?? [])])) add("topic", t.slug, a);
  addEntities(index, catalog.entities);
  indexCache.set(catalog, index);
  return index;
}

/** Russian and Ukrainian case endings (after normalisation) that an inflected name may carry. */
const ENDINGS = new Set([
  "a", "u", "e", "y", "i", "om", "em", "ym", "im", "oy", "oi", "ey", "ogo", "ego", "omu", "emu",
  "aya", "uyu", "oyu", "ou", "ov", "ami", "ah", "yah", "ya", "yu", "am", "yam", "ym", "ov",
]);

/** Whether a Cyrillic word is an inflected form of an alias word ("Дмитриева" of "Дмитриев"). */
function inflected(word: string, alias: string): boolean {
  if (alias.length < 4 || word === alias) return false;
  // "Россия" → "России", "Росію": the -ия/-ія ending inflects as a whole.
  // (normalisation turns the genitive "-ии" into "y": "России" → "rossy").
  if (/iya$/.test(alias) && word === `${alias.slice(0, -3)}y`) return true;
  const stem = /iya$/.test(alias) ? alias.slice(0, -2) : /[aeiouy]$/.test(alias) ? alias.slice(0, -1) : alias;
  if (stem.length < 3 || !word.startsWith(stem)) return false;
  return ENDINGS.has(word.slice(stem.length));
}

function tokenMatches(tok: Token, alias: AliasToken, short: boolean): boolean {
  if (alias.exact !== undefined) return tok.text === alias.exact;
  if (alias.upper && !tok.upper) return false;
  if (alias.cyrillic !== undefined && alias.cyrillic !== tok.cyrillic) return false;
  // A surname alone must be capitalised: "Butler" the colonel, not "a butler".
  if (short && !tok.upper) return false;
  return tok.norm === alias.norm || (tok.cyrillic && inflected(tok.norm, alias.norm));
}

/** Alias entries whose first word may be this token: as written, or (Cyrillic) without a case ending. */
function lookup(index: CatalogIndex, tok: Token): AliasEntry[] {
  const exact = index.byFirst.get(tok.norm) ?? [];
  if (!tok.cyrillic) return exact;
  const out = [...exact];
  const seen = new Set<string>([tok.norm]);
  const probe = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const found = index.byFirst.get(key);
    if (found) out.push(...found);
  };
  for (const ending of ["", ...ENDINGS]) {
    if (!tok.norm.endsWith(ending)) continue;
    const base = tok.norm.slice(0, tok.norm.length - ending.length);
    if (base.length < 3) continue;
    probe(base);
    for (const vowel of ["a", "e", "i", "o", "u", "y", "iya"]) probe(base + vowel);
    if (base.endsWith("s")) probe(`${base}iya`.replace(/siya$/, "siya"));
  }
  probe(tok.norm.replace(/y$/, "iya"));
  return out;
}

/** Catalog names in a sentence: longest match first, no overlaps. */
export function matchCatalog(sentence: string, tokens: Token[], index: CatalogIndex): NameSpan[] {
  const spans: NameSpan[] = [];
  let i = 0;
  while (i < tokens.length) {
    const tok = tokens[i] as Token;
    let best: AliasEntry | undefined;
    for (const entry of lookup(index, tok)) {
      if (entry.surname && (index.surnameOwners.get(entry.tokens[0]?.norm ?? "")?.size ?? 0) > 1) continue;
      const n = entry.tokens.length;
      if (i + n > tokens.length) continue;
      let ok = true;
      for (let k = 0; k < n && ok; k++) {
        ok = tokenMatches(tokens[i + k] as Token, entry.tokens[k] as AliasToken, entry.short);
        // "Lenta.ru", "Censor.net": a dot between two letters joins a name.
        const gap = k > 0 ? gapBetween(sentence, tokens[i + k - 1], tokens[i + k]) : "";
        if (ok && k > 0 && gap !== "." && PHRASE_BREAK.test(gap)) ok = false;
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

