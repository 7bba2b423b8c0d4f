/**
 * Topic suggestion. Every article gets at least one subject (the IPTC Media Topics top level:
 * politics, economy, sport, culture…), plus the regions and themes it is clearly about.
 * Signals, strongest first:
 * - the article's own tags (or a feed's categories), matched against topic slugs, names and aliases;
 * - the catalog entities it mentions (each entity links to topics);
 * - topic keywords (topics.json `keywords`, per language), matched on word stems in the article's
 *   language (Snowball; the Ukrainian stemmer), title words counting three times.
 * Subjects compete: the best one is always taken, a second one when it scores close to it.
 * Regions and themes need enough evidence of their own.
 */
import { normalizeName } from "../text/normalize.js";
import { languagesOf } from "../text/lexicon.js";
import { stem } from "../text/stem.js";
import { tokenize } from "../text/tokens.js";
import type { EntityRef, TopicRef } from "./types.js";

const TAG_WEIGHT = 10;
const ENTITY_WEIGHT = 2;
const TITLE_WEIGHT = 3;
/** Hits of one keyword counted at most this many times: one word repeated is not a subject. */
const KEYWORD_CAP = 3;
/** A region or theme needs this score (three distinct keywords, or an entity and a keyword) unless tagged. */
const MIN_SCORE = 3;
/** A second subject is kept when it scores at least this share of the first. */
const SECOND_SUBJECT = 0.85;
/** The subject an article with no signal at all gets, so that it can still reach readers. */
const FALLBACK_SUBJECT = "society";

interface KeywordIndex {
  /** Keyword stem sequences by their first stem, each with its topic. */
  byFirst: Map<string, { stems: string[]; topic: string; proper: boolean }[]>;
}

const indexes = new WeakMap<TopicRef[], Map<string, KeywordIndex>>();

function keywordIndex(topics: TopicRef[], language: string | undefined): KeywordIndex {
  let perLanguage = indexes.get(topics);
  if (!perLanguage) indexes.set(topics, (perLanguage = new Map()));
  const key = language ?? "und";
  const known = perLanguage.get(key);
  if (known) return known;
  const byFirst = new Map<string, { stems: string[]; topic: string; proper: boolean }[]>();
  for (const topic of topics) {
    for (const lang of languagesOf(language)) {
      for (const keyword of topic.keywords[lang] ?? []) {
        const stems = tokenize(keyword).map((t) => stem(t.text, lang));
        const first = stems[0];
        // A stem of two letters is a word of its own somewhere ("тайм" → "та", a conjunction).
        if (!first || stems.some((x) => x.length < 3)) continue;
        const list = byFirst.get(first) ?? [];
        // Regions and themes are named ("Kremlin", "OTAN"); subjects by common words.
        const proper = topic.kind === "region" || topic.kind === "theme";
        if (!list.some((k) => k.topic === topic.slug && k.stems.join(" ") === stems.join(" "))) list.push({ stems, topic: topic.slug, proper });
        byFirst.set(first, list);
      }
    }
  }
  const index = { byFirst };
  perLanguage.set(key, index);
  return index;
}

/** Keyword hits per topic in a text: each keyword counted at most {@link KEYWORD_CAP} times. */
function keywordScores(text: string, weight: number, index: KeywordIndex, language: string | undefined, into: Map<string, Map<string, number>>, names = false) {
  const tokens = tokenize(text);
  const stems = tokens.map((t) => stem(t.text, language));
  for (let i = 0; i < stems.length; i++) {
    // In the body, a capitalised word after the first of its sentence is a name («Бомбардир», Mercury):
    // it counts for regions and themes only.
    const name = !names && tokens[i]!.upper && i > 0 && !/[.!?\n]\s*$/.test(text.slice(tokens[i - 1]!.end, tokens[i]!.start));
    for (const keyword of index.byFirst.get(stems[i] as string) ?? []) {
      if (name && !keyword.proper) continue;
      const n = keyword.stems.length;
      let ok = true;
      for (let k = 1; k < n && ok; k++) ok = stems[i + k] === keyword.stems[k];
      if (!ok) continue;
      const perTopic = into.get(keyword.topic) ?? new Map<string, number>();
      const id = keyword.stems.join(" ");
      perTopic.set(id, (perTopic.get(id) ?? 0) + weight);
      into.set(keyword.topic, perTopic);
    }
  }
}

/**
 * Suggested topic slugs: one or two subjects first, then regions and themes, strongest first.
 * `entitySlugs` are the catalog entities mentioned (each counted once per article).
 */
export function suggestTopics(
  input: { title: string; body: string; tags?: string[]; language?: string },
  entitySlugs: Iterable<string>,
  entities: ReadonlyMap<string, EntityRef>,
  topics: TopicRef[],
): string[] {
  const language = input.language && input.language !== "und" ? input.language : undefined;
  const score = new Map<string, number>();
  const add = (slug: string, w: number) => score.set(slug, (score.get(slug) ?? 0) + w);
  const kindOf = new Map(topics.map((t) => [t.slug, t.kind ?? "subject"]));

  const tagKeys = new Set((input.tags ?? []).map(normalizeName).filter((t) => t.length > 0));
  const tagged = new Set<string>();
  for (const t of topics) {
    if (t.kind === "all") continue;
    const names = [t.slug, ...Object.values(t.names), ...(t.aliases ?? [])].map(normalizeName);
    if (names.some((n) => tagKeys.has(n))) {
      add(t.slug, TAG_WEIGHT);
      tagged.add(t.slug);
    }
  }
  for (const slug of new Set(entitySlugs)) {
    for (const topic of entities.get(slug)?.topics ?? []) if (kindOf.has(topic)) add(topic, ENTITY_WEIGHT);
  }
  const index = keywordIndex(topics, language);
  const hits = new Map<string, Map<string, number>>();
  keywordScores(input.title, TITLE_WEIGHT, index, language, hits, true);
  keywordScores(input.body, 1, index, language, hits);
  // Breadth over repetition: each distinct keyword counts once, its repeats only logarithmically
  // (a story about a stolen medal says "medal" six times and is not about sport).
  for (const [slug, perKeyword] of hits) {
    let total = 0;
    for (const n of perKeyword.values()) total += Math.min(1 + Math.log2(n), KEYWORD_CAP);
    add(slug, total);
  }

  // A theme's evidence is its subject's too: an article about diplomacy is about politics.
  // (Its words only: a tag names the theme, not its subject, and tags lead the order.)
  for (const t of topics) {
    if (t.kind !== "theme" || !t.parent || kindOf.get(t.parent) !== "subject") continue;
    const fromWords = (score.get(t.slug) ?? 0) - (tagged.has(t.slug) ? TAG_WEIGHT : 0);
    if (fromWords > 0) add(t.parent, fromWords);
  }
  const order = new Map(topics.map((t, i) => [t.slug, i]));
  const ranked = [...score.entries()].filter(([, s]) => s > 0).sort((a, b) => b[1] - a[1] || (order.get(a[0]) ?? 0) - (order.get(b[0]) ?? 0));
  const subjects = ranked.filter(([slug]) => kindOf.get(slug) === "subject");
  const chosen: string[] = [];
  const [first, second] = subjects;
  if (first) chosen.push(first[0]);
  if (first && second && (second[1] >= SECOND_SUBJECT * first[1] || second[1] >= TAG_WEIGHT)) chosen.push(second[0]);
  if (!first && kindOf.get(FALLBACK_SUBJECT) === "subject") chosen.push(FALLBACK_SUBJECT);
  for (const [slug, s] of ranked) {
    const kind = kindOf.get(slug);
    if (kind === "region" || kind === "theme") if (s >= MIN_SCORE) chosen.push(slug);
  }
  // The article's own tags first, then strongest first, whatever the kind.
  return chosen.sort(
    (a, b) => Number(tagged.has(b)) - Number(tagged.has(a)) || (score.get(b) ?? 0) - (score.get(a) ?? 0) || (order.get(a) ?? 0) - (order.get(b) ?? 0),
  );
}
