/** Types shared by the news-understanding modules; re-exported by `analyze.ts`. */

export interface OutletRef {
  slug: string;
  name: string;
  aliases: string[];
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
  entitySlug?: string;
  speaker?: string;
  claim: string;
  position: number;
}
export interface MentionFound {
  entitySlug?: string;
  candidate?: { name: string; kind: "person" | "organization" };
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
  /** 3–5 sentences in text order (fewer only if the text has fewer). */
  bullets: string[];
  citations: CitationFound[];
  mentions: MentionFound[];
  topics: string[];
}
