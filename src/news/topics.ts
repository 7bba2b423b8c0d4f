/**
 * Topic suggestion. Three signals, strongest first:
 * - the article's own tags, matched against topic slugs, names (any language) and aliases;
 * - the catalog entities it mentions (each entity links to topics);
 * - topic keywords (topics.json `keywords`, any language) found in the title and body.
 * Everything is compared as normalised words (case, accents and script folded).
 */
import { normalizeName } from "../text/normalize.js";
import type { EntityRef, TopicRef } from "./types.js";

const TAG_WEIGHT = 10;
const ENTITY_WEIGHT = 2;
const KEYWORD_WEIGHT = 1;
/** A topic needs this score (e.g. two distinct entities, or one entity and two keywords) unless tagged. */
const MIN_SCORE = 4;

/** Counts the occurrences of a normalised phrase in a normalised text (whole words). */
function countPhrase(text: string, phrase: string): number {
  if (phrase.length === 0) return 0;
  let count = 0;
  let from = 0;
  const padded = ` ${text} `;
  const needle = ` ${phrase} `;
  for (;;) {
    const at = padded.indexOf(needle, from);
    if (at < 0) return count;
    count++;
    from = at + needle.length - 1;
  }
}

/**
 * Suggested topic slugs, strongest first. `entitySlugs` are the catalog entities mentioned (each
 * counted once per article).
 */
export function suggestTopics(
  input: { title: string; body: string; tags?: string[] },
  entitySlugs: Iterable<string>,
  entities: ReadonlyMap<string, EntityRef>,
  topics: TopicRef[],
): string[] {
  const score = new Map<string, number>();
  const add = (slug: string, w: number) => score.set(slug, (score.get(slug) ?? 0) + w);
  const known = new Set(topics.map((t) => t.slug));

  const tagKeys = new Set((input.tags ?? []).map(normalizeName).filter((t) => t.length > 0));
  for (const t of topics) {
    const names = [t.slug, ...Object.values(t.names), ...(t.aliases ?? [])].map(normalizeName);
    if (names.some((n) => tagKeys.has(n))) add(t.slug, TAG_WEIGHT);
  }
  for (const slug of new Set(entitySlugs)) {
    for (const topic of entities.get(slug)?.topics ?? []) if (known.has(topic)) add(topic, ENTITY_WEIGHT);
  }
  const text = normalizeName(`${input.title}\n${input.body}`);
  for (const t of topics) {
    const keywords = new Set(Object.values(t.keywords).flat().map(normalizeName));
    let hits = 0;
    for (const k of keywords) hits += countPhrase(text, k);
    if (hits > 0) add(t.slug, KEYWORD_WEIGHT * Math.min(hits, 5));
  }
  const order = new Map(topics.map((t, i) => [t.slug, i]));
  return [...score.entries()]
    .filter(([slug, s]) => s >= MIN_SCORE || (s >= TAG_WEIGHT && known.has(slug)))
    .sort((a, b) => b[1] - a[1] || (order.get(a[0]) ?? 0) - (order.get(b[0]) ?? 0))
    .map(([slug]) => slug);
}
