/**
 * Answers "who is X?" from stored entity data only: a name search (typos, accents, Latin/Cyrillic
 * spellings meet in the normalised key), then a role search ("the German foreign minister"), and
 * when nothing matches, the nearest known names. Nothing is ever described that is not stored.
 */
import type { EntityDetails, EntityMatch, EntityMention, EntityRepository } from "../db/repositories/entities.js";
import damerauLevenshtein from "damerau-levenshtein";
import { stopwordsFor } from "../news/tokens.js";
import { foldCase, normalizeName } from "./normalize.js";

/** Below this similarity a name is not considered a match at all. */
export const MIN_NAME_SCORE = 0.35;
/** A bare name (no "who is") must match at least this well to be answered. */
export const BARE_NAME_SCORE = 0.6;
/** Candidates within this distance of the best are "did you mean" alternatives. */
const AMBIGUITY_MARGIN = 0.08;
export const CARD_MENTIONS = 3;
/**
 * No stored name is longer; a longer subject is answered "unknown" without searching, because a
 * trigram search for a 10,000-character "/who …" costs more than a second of database time.
 */
export const SUBJECT_MAX = 200;

export interface EntityCard {
  entity: EntityDetails;
  roles: { role: string; sentence: string; articleId: number }[];
  mentions: EntityMention[];
  mentionCount: number;
  related: { id: number; name: string; kind: string }[];
}

export type WhoIsAnswer =
  | { kind: "card"; card: EntityCard }
  | { kind: "choices"; subject: string; candidates: EntityMatch[] }
  | { kind: "unknown"; subject: string; suggestions: EntityMatch[] };

/** Creates the who-is service over the entity repository. */
export function createWhoIsService({ entities }: { entities: EntityRepository }) {
  async function card(entityId: number): Promise<EntityCard | undefined> {
    const entity = await entities.details(entityId);
    if (!entity) return undefined;
    const [roles, mentions, mentionCount, related] = await Promise.all([
      entities.roles(entityId),
      entities.mentions(entityId, { limit: CARD_MENTIONS }),
      entities.mentionCount(entityId),
      entities.related(entityId),
    ]);
    return { entity, roles, mentions, mentionCount, related };
  }

  /** Picks one entity, several, or none from ranked name matches. */
  function decide(matches: EntityMatch[], minimum: number, query: string): EntityMatch[] {
    const top = matches[0];
    if (!top) return [];
    if (top.score < minimum) {
      // Trigrams punish swapped letters ("Wdaephul"); one name a keystroke or two away still counts.
      const spelled = matches.filter((m) => isTypoOf(query, normalizeName(m.alias)));
      return spelled.length === 1 ? spelled : [];
    }
    const close = matches.filter((m) => m.score >= top.score - AMBIGUITY_MARGIN && m.score >= minimum);
    if (close.length === 1) return close;
    // Among equally close names, the one the news actually talks about wins over unknowns.
    const inTheNews = close.filter((m) => m.mentionCount > 0);
    if (inTheNews.length === 1 && top.score === 1 && inTheNews[0]!.score === 1) return inTheNews;
    // An exact full name beats fuzzy or surname-only neighbours.
    const exactFull = close.filter((m) => m.score === 1 && !m.isShort);
    if (exactFull.length === 1) return exactFull;
    return close.slice(0, 5);
  }

  /** One person whose wording matches clearly better than the next, else the first few. */
  function decideRole(matches: EntityMatch[]): EntityMatch[] {
    const people = matches.filter((m) => m.kind === "person");
    const pool = people.length > 0 ? people : matches;
    const [first, second] = pool;
    if (first && (!second || first.score >= 1.5 * second.score)) return [first];
    return pool.slice(0, 5);
  }

  /** The content words of a role phrase, as short normalised prefixes. */
  function roleWords(subject: string): string[] {
    const stop = stopwordsFor("und");
    const words = subject
      .split(/[\s'’\-]+/u)
      .filter((w) => w.length >= 3 && !stop.has(foldCase(w)))
      .map((w) => normalizeName(w).replace(/ /g, ""))
      .filter(Boolean)
      // A short prefix stands in for stemming: "minis" meets minister, ministre, ministr.
      .map((w) => w.slice(0, 5));
    return [...new Set(words)];
  }

  return {
    card,

    /** A page of an entity's mentions, newest first, with its name and how many there are in all. */
    async mentionsPage(entityId: number, offset: number, limit: number): Promise<{ name: string; total: number; mentions: EntityMention[] } | undefined> {
      const entity = await entities.details(entityId);
      if (!entity) return undefined;
      const [mentions, total] = await Promise.all([entities.mentions(entityId, { limit, offset }), entities.mentionCount(entityId)]);
      return { name: entity.name, total, mentions };
    },

    /**
     * Answers a question about `subject`. With `bareName`, only a confident single match is
     * answered (undefined otherwise), so ordinary chatter is not mistaken for a name.
     */
    async answer(subject: string, options: { bareName?: boolean } = {}): Promise<WhoIsAnswer | undefined> {
      const normalized = normalizeName(subject);
      if (!normalized || normalized.length > SUBJECT_MAX) return options.bareName ? undefined : { kind: "unknown", subject, suggestions: [] };
      const matches = await entities.searchByName(normalized);
      if (options.bareName) {
        const chosen = decide(matches, BARE_NAME_SCORE, normalized);
        if (chosen.length !== 1) return undefined;
        const found = await card(chosen[0]!.entityId);
        return found && { kind: "card", card: found };
      }
      // A strong name match answers; otherwise a role ("the German foreign minister") is tried
      // before weaker name matches, which such phrases produce by sharing a word with a name.
      let chosen = decide(matches, BARE_NAME_SCORE, normalized);
      if (chosen.length === 0) {
        // Roles the news states come first; descriptions (every language) are the fallback.
        const words = roleWords(subject);
        const byStatedRole = await entities.searchByRole(words);
        chosen = decideRole(byStatedRole.length > 0 ? byStatedRole : await entities.searchByWords(words));
      }
      if (chosen.length === 0) chosen = decide(matches, MIN_NAME_SCORE, normalized);
      if (chosen.length === 1) {
        const found = await card(chosen[0]!.entityId);
        if (found) return { kind: "card", card: found };
      }
      if (chosen.length > 1) return { kind: "choices", subject, candidates: chosen };
      return { kind: "unknown", subject, suggestions: await nearest(normalized, matches) };
    },
  };

  /** The nearest known names: weak whole-name matches, else the best match of each word. */
  async function nearest(normalized: string, weak: EntityMatch[]): Promise<EntityMatch[]> {
    const found = new Map<number, EntityMatch>(weak.slice(0, 3).map((m) => [m.entityId, m]));
    for (const word of normalized.split(" ").filter((w) => w.length >= 4)) {
      if (found.size >= 3) break;
      for (const match of await entities.searchByName(word, 3)) if (found.size < 3) found.set(match.entityId, match);
    }
    return [...found.values()];
  }
}

export type WhoIsService = ReturnType<typeof createWhoIsService>;

/**
 * Whether `query` is a misspelling of `alias` (both normalised): at most one edit (insertion,
 * deletion, substitution or swap of neighbours) for 5–7 letters, two from 8 letters; none below.
 */
export function isTypoOf(query: string, alias: string): boolean {
  const allowed = query.length >= 8 ? 2 : query.length >= 5 ? 1 : 0;
  if (allowed === 0 || Math.abs(query.length - alias.length) > allowed || query.length > 64) return false;
  return damerauLevenshtein(query, alias).steps <= allowed;
}
