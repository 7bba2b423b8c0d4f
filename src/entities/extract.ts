/**
 * Finds who and what a sentence names: catalog entities, outlets and topics (catalog-index.ts),
 * names the catalog does not know (candidates.ts), and the role the text gives each person there
 * (roles.ts). Across the article, a surname alone is the person named in full elsewhere in it.
 */
import type { RussianMorphology } from "../text/morph-ru.js";
import { normalizeName } from "../text/normalize.js";
import { gapBetween, type Token } from "../text/tokens.js";
import { matchCatalog, type CatalogIndex, type NameSpan } from "./catalog-index.js";
import { findCandidates } from "./candidates.js";
import { speechVerbSet } from "../text/lexicon.js";
import { roleAfter, roleBefore } from "./roles.js";
import type { MentionFound } from "./types.js";

export { addEntities, buildCatalogIndex, type CatalogIndex, type NameSpan, type NameSource } from "./catalog-index.js";

const PLACE_PREPOSITIONS = new Set(["a", "au", "aux", "en", "in", "at", "near", "from", "to", "в", "во", "у", "под", "під", "из", "із", "з"]);

export interface NameContext {
  language: string | undefined;
  ru?: RussianMorphology;
  lowercaseWords: ReadonlySet<string>;
}

/** Everything named in one sentence, in text order, with roles on people. */
export function findNames(sentence: string, tokens: Token[], index: CatalogIndex, context: NameContext): NameSpan[] {
  const spans = matchCatalog(sentence, tokens, index);
  const covered = new Set<number>();
  for (const s of spans) for (let k = s.first; k <= s.last; k++) covered.add(k);
  spans.push(...findCandidates(sentence, tokens, covered, context));
  spans.sort((a, b) => a.first - b.first);
  const speech = speechVerbSet(context.language);
  // A verb of saying right after the name ("Hollande a déclaré", "Smith said"), or for a full name
  // also right before it ("a déclaré Jean Dupont").
  const plainGap = (a: number, b: number) => /^\s*$/.test(gapBetween(sentence, tokens[a], tokens[b]));
  const speaks = (s: NameSpan) => {
    // A single word must be the verb's subject: "Hollande a déclaré", not "les Européens », a déclaré".
    if (s.first === s.last) return [s.last + 1, s.last + 2].some((k) => speech.has(tokens[k]?.fold ?? "") && plainGap(s.last, k));
    return [s.last + 1, s.last + 2, s.first - 1, s.first - 2].some((k) => speech.has(tokens[k]?.fold ?? ""));
  };
  // "à Flamanville", "in Banda Aceh", "в Одессе": a place, whatever follows.
  const afterPlacePreposition = (s: NameSpan) => PLACE_PREPOSITIONS.has(tokens[s.first - 1]?.fold ?? "");
  for (const s of spans) {
    if (s.kind !== "person") continue;
    const role = [roleBefore(sentence, tokens, s, spans, context), roleAfter(sentence, tokens, s, context)].filter(Boolean).join(", ");
    if (role) s.role = role;
  }
  // A tentative name is a person only when the sentence says so: a role, or a verb of saying.
  return spans.filter((s) => {
    if (!s.tentative) return true;
    if (afterPlacePreposition(s) || /(?:ian|ese|ish)$/.test(s.text)) return false;
    if (s.role || speaks(s)) {
      s.tentative = false;
      return true;
    }
    return s.text.includes(" ") ? false : (s.tentative = true);
  });
}

/** Folded forms of every word written in lower case somewhere in the text. */
export function lowercaseVocabulary(tokensBySentence: Token[][]): Set<string> {
  const out = new Set<string>();
  for (const toks of tokensBySentence) for (const t of toks) if (!t.upper) out.add(t.fold);
  return out;
}

/**
 * Links names across the article: a one-word person candidate that is the last word of a person
 * named in full ("Adams" after "Eric Adams") becomes that person; a person named in full with a
 * role somewhere, or twice, is confident. Mutates the spans.
 */
export function linkNames(names: NameSpan[][]): void {
  const full = new Map<string, NameSpan>();
  const count = new Map<string, number>();
  const keyOf = (s: NameSpan) => normalizeName(s.lemma ?? s.text);
  for (const spans of names) {
    for (const s of spans) {
      if (s.source !== "candidate" || s.kind !== "person") continue;
      const key = keyOf(s);
      count.set(key, (count.get(key) ?? 0) + 1);
      if (key.includes(" ")) {
        const surname = key.slice(key.lastIndexOf(" ") + 1);
        if (!full.has(surname)) full.set(surname, s);
      }
    }
  }
  for (const spans of names) {
    for (const s of spans) {
      if (s.source !== "candidate" || s.kind !== "person") continue;
      const key = keyOf(s);
      if (!key.includes(" ")) {
        const owner = full.get(key);
        if (owner) {
          s.lemma = owner.lemma ?? owner.text;
          s.confident = owner.confident;
        }
      } else if ((count.get(key) ?? 0) >= 2 || s.role) s.confident = true;
    }
  }
  // A role found at any mention makes every mention of the name confident.
  const withRole = new Set<string>();
  for (const spans of names) for (const s of spans) if (s.source === "candidate" && s.role) withRole.add(keyOf(s));
  for (const spans of names) for (const s of spans) if (s.source === "candidate" && withRole.has(keyOf(s)) && keyOf(s).includes(" ")) s.confident = true;
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
      } else if (s.source === "candidate" && s.kind) {
        const name = s.lemma ?? s.text;
        // A surname alone that no full name in the article explains stays out of Who's who.
        if (s.kind === "person" && !name.includes(" ") && !s.role && s.tentative) continue;
        key = `c:${normalizeName(name)}:${position}`;
        mention = { candidate: { name, kind: s.kind, confident: s.confident === true }, sentence: sentences[position] ?? "", position };
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
