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
}

export interface CatalogIndex {
  byPrefix: Map<string, AliasEntry[]>;
  entities: Map<string, EntityRef>;
  outlets: Map<string, OutletRef>;
}

const SOURCE_RANK: Record<AliasEntry["source"], number> = { outlet: 3, entity: 2, topic: 1 };

function prefixKey(norm: string): string {
  return norm.slice(0, 3);
}

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

/**
 * Builds (once per catalog object) the alias index. Every person also gets the last word of each
 * multi-word name or alias as a short alias ("Dmitriev" → Kirill Dmitriev), unless two people share it.
 */
export function buildCatalogIndex(catalog: Catalog): CatalogIndex {
  const cached = indexCache.get(catalog);
  if (cached) return cached;
  const entries: AliasEntry[] = [];
  const add = (source: AliasEntry["source"], slug: string, alias: string, short: boolean, kind?: EntityRef["kind"]) => {
    // Outlet names are often common words ("Libération", "Le Point", "Суспільне"): matched as written.
    const tokens = aliasTokens(alias, source === "outlet");
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
  const index = { byPrefix, entities: new Map(catalog.entities.map((e) => [e.slug, e])), outlets: new Map(catalog.outlets.map((o) => [o.slug, o])) };
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

