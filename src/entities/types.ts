/** The catalog the analysis reads (outlets, entities, topics) and what it finds; shared with news/. */

export interface OutletRef {
  slug: string;
  name: string;
  aliases: string[];
  /** agency, newspaper, broadcaster, magazine, online or photo. */
  kind?: string | null;
  /** Web domains ("rbc.ua"): a text that cites "depo.ua" names the outlet. */
  domains?: string[];
}
export interface EntityRef {
  slug: string;
  kind: "person" | "organization" | "place";
  name: string;
  aliases: string[];
  topics: string[];
}
export interface TopicRef {
  slug: string;
  names: Record<string, string>;
  aliases?: string[];
  keywords: Record<string, string[]>;
  /** subject (default), region, theme or all. */
  kind?: string;
  /** For a theme: its subject (diplomacy → politics). */
  parent?: string | null;
}
export interface Catalog {
  outlets: OutletRef[];
  entities: EntityRef[];
  topics: TopicRef[];
}
export interface ArticleInput {
  title: string;
  body: string;
  language?: string;
  tags?: string[];
}
export interface CitationFound {
  /** "outlet:<slug>" | "entity:<slug>" | "speaker:<normalized name>" */
  sourceKey: string;
  outletSlug?: string;
  /** An outlet the catalog does not know, named as a source ("according to the Daily Mirror"). */
  newOutlet?: { slug: string; name: string };
  entitySlug?: string;
  speaker?: string;
  claim: string;
  position: number;
}
export interface MentionFound {
  entitySlug?: string;
  /**
   * A name the catalog does not know. `confident` names (a given name and a surname, a role, or
   * several mentions) become entities; the others are kept as text in the article's Who's who.
   */
  candidate?: { name: string; kind: "person" | "organization" | "place"; confident: boolean; aliases?: string[] };
  sentence: string;
  position: number;
  role?: string;
}
export interface ArticleAnalysis {
  /** ISO 639-1 or "und" */
  language: string;
  sentences: string[];
  /** One sentence, < 600 characters. */
  summary: string;
  /** At most 3 sentences in text order. */
  bullets: string[];
  citations: CitationFound[];
  mentions: MentionFound[];
  topics: string[];
}
