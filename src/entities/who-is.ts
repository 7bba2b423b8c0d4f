/**
 * Answers "who is X?" from stored entity data only: a name search (exact names, surnames, words and
 * typos of words; accents and Latin/Cyrillic spellings meet in the normalised key), then a role
 * search ("the German foreign minister"), and when nothing matches, the nearest known names.
 * Nothing is ever described that is not stored.
 */
import type { EntityCardData, EntityMatch, EntityMention, EntityRepository } from "../db/repositories/entities.js";
import { stopwordsFor } from "../text/tokens.js";
import { rankMatches, type RankedMatch } from "./name-match.js";
import { foldCase, normalizeName } from "../text/normalize.js";

/** Name candidates ranked by typos before deciding: enough for every spelling of a few entities. */
const NAME_CANDIDATES = 24;
/** Role words shorter than this are too vague to search descriptions with ("mez" is in "mezhdunarodny"). */
const ROLE_WORD_MIN = 4;
export const CARD_MENTIONS = 3;
const CARD_ROLES = 3;
const CARD_RELATED = 6;
/**
 * No stored name is longer; a longer subject is answered "unknown" without searching, because a
 * search for a 10,000-character "/who …" is work for nothing.
 */
export const SUBJECT_MAX = 200;

/** An entity card: the stored entity, its roles and mentions in the news, and related entities. */
export type EntityCard = EntityCardData;

export type WhoIsAnswer =
  | { kind: "card"; card: EntityCard }
  | { kind: "choices"; subject: string; candidates: EntityMatch[] }
  | { kind: "unknown"; subject: string; suggestions: EntityMatch[] };

/** Creates the who-is service over the entity repository. */
export function createWhoIsService({ entities }: { entities: EntityRepository }) {
  async function card(entityId: number): Promise<EntityCard | undefined> {
    return entities.card(entityId, { roles: CARD_ROLES, mentions: CARD_MENTIONS, related: CARD_RELATED });
  }

  /**
   * Picks one entity, several, or none from ranked name matches: those whose every word is the
   * typed word or a typo of it, fewest edits first. `bareName` (a message that is only a name) is
   * stricter: no typos under five letters, and the whole name, not one of its words.
   */
  function decide(matches: RankedMatch[], bareName: boolean): EntityMatch[] {
    const fitting = matches.filter((m) => (bareName ? m.fitsStrictly && m.whole : m.fits));
    const least = fitting[0]?.edits;
    const close = fitting.filter((m) => m.edits === least);
    if (close.length <= 1) return close;
    // Among several names typed exactly ("Ivanov" × 80), the one the news talks about wins over
    // unknowns. Not for a word of many names ("Kirill"): the candidates are a sample of them.
    const inTheNews = close.filter((m) => m.mentionCount > 0);
    if (inTheNews.length === 1 && close.every((m) => m.score === 1)) return inTheNews;
    // An exact full name beats surnames and words of other names.
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
      .filter((w) => w.length >= ROLE_WORD_MIN && !stop.has(foldCase(w)))
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
      const matches = rankMatches(normalized, await entities.searchByName(normalized, NAME_CANDIDATES));
      if (options.bareName) {
        const chosen = decide(matches, true);
        if (chosen.length !== 1) return undefined;
        const found = await card(chosen[0]!.entityId);
        return found && { kind: "card", card: found };
      }
      let chosen = decide(matches, false);
      if (chosen.length === 0) {
        // Roles the news states come first; descriptions (every language) are the fallback.
        const words = roleWords(subject);
        const byStatedRole = await entities.searchByRole(words);
        chosen = decideRole(byStatedRole.length > 0 ? byStatedRole : await entities.searchByWords(words));
      }
      if (chosen.length === 1) {
        const found = await card(chosen[0]!.entityId);
        if (found) return { kind: "card", card: found };
      }
      if (chosen.length > 1) return { kind: "choices", subject, candidates: chosen };
      return { kind: "unknown", subject, suggestions: await nearest(normalized, matches) };
    },
  };

  /** The nearest known names: names too far to answer with, else the best match of each word. */
  async function nearest(normalized: string, weak: EntityMatch[]): Promise<EntityMatch[]> {
    const found = new Map<number, EntityMatch>(weak.slice(0, 3).map((m) => [m.entityId, m]));
    const words = normalized.split(" ");
    // A one-word query was searched already.
    for (const word of words.length > 1 ? words.filter((w) => w.length >= 4) : []) {
      if (found.size >= 3) break;
      for (const match of await entities.searchByName(word, 3)) if (found.size < 3) found.set(match.entityId, match);
    }
    return [...found.values()];
  }
}

export type WhoIsService = ReturnType<typeof createWhoIsService>;
