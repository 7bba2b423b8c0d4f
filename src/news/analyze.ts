/**
 * Article analysis: language, lead and bullet summary, cited outlets, entity mentions and topics.
 * This first version matches catalog names sentence by sentence; the news-understanding work
 * replaces it with a real splitter, ranking and attribution patterns behind the same interface.
 */
import { normalizeName } from "../entities/normalize.js";

export interface OutletRef { slug: string; name: string; aliases: string[] }
export interface EntityRef { slug: string; kind: "person" | "organization" | "place"; name: string; aliases: string[]; topics: string[] }
export interface TopicRef { slug: string; names: Record<string, string>; aliases?: string[]; keywords: Record<string, string[]> }
export interface Catalog { outlets: OutletRef[]; entities: EntityRef[]; topics: TopicRef[] }
export interface ArticleInput { title: string; body: string; language?: string; tags?: string[] }
export interface CitationFound { sourceKey: string; outletSlug?: string; entitySlug?: string; speaker?: string; claim: string; position: number }
export interface MentionFound { entitySlug?: string; candidate?: { name: string; kind: "person" | "organization" }; sentence: string; position: number; role?: string }
export interface ArticleAnalysis {
  language: string;
  sentences: string[];
  summary: string;
  bullets: string[];
  citations: CitationFound[];
  mentions: MentionFound[];
  topics: string[];
}

/** Analyses one article against the catalogs. Deterministic and offline. */
export function analyzeArticle(input: ArticleInput, catalog: Catalog): ArticleAnalysis {
  const sentences = splitSentences(input.body);
  const padded = sentences.map((s) => ` ${normalizeName(s)} `);
  const citations: CitationFound[] = [];
  for (const outlet of catalog.outlets) {
    const keys = [outlet.name, ...outlet.aliases].map(normalizeName).filter(Boolean);
    padded.forEach((sentence, position) => {
      if (keys.some((key) => sentence.includes(` ${key} `))) {
        citations.push({ sourceKey: `outlet:${outlet.slug}`, outletSlug: outlet.slug, claim: sentences[position]!, position });
      }
    });
  }
  const mentions: MentionFound[] = [];
  for (const entity of catalog.entities) {
    const keys = [entity.name, ...entity.aliases].map(normalizeName).filter(Boolean);
    padded.forEach((sentence, position) => {
      if (keys.some((key) => sentence.includes(` ${key} `))) mentions.push({ entitySlug: entity.slug, sentence: sentences[position]!, position });
    });
  }
  const tags = new Set((input.tags ?? []).map(normalizeName));
  const topics = catalog.topics
    .filter((t) => [...Object.values(t.names), ...(t.aliases ?? [])].some((name) => tags.has(normalizeName(name))))
    .map((t) => t.slug);
  return {
    language: input.language ?? "und",
    sentences,
    summary: sentences[0] ?? input.title,
    bullets: sentences.slice(0, 3),
    citations: citations.sort((a, b) => a.position - b.position),
    mentions,
    topics,
  };
}

function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?…])\s+(?=[«"“\p{Lu}])|\n+/u)
    .map((s) => s.trim())
    .filter(Boolean);
}
