/**
 * News understanding, offline and deterministic: language, sentences, an extractive summary, the
 * outlets and speakers an article cites, the entities it mentions (with roles) and suggested topics.
 * Pure functions: no database, no bot. The store turns the result into rows.
 */
import { buildCatalogIndex, findNames, lowercaseVocabulary, mentionsFromNames } from "../entities/extract.js";
import { findCitations } from "./citations.js";
import { detectLanguage } from "../text/language.js";
import { splitSentences } from "../text/sentences.js";
import { summarize } from "./summarize.js";
import { tokenize } from "../text/tokens.js";
import { suggestTopics } from "./topics.js";
import type { ArticleAnalysis, ArticleInput, Catalog } from "./types.js";

export type {
  ArticleAnalysis,
  ArticleInput,
  Catalog,
  CitationFound,
  EntityRef,
  MentionFound,
  OutletRef,
  TopicRef,
} from "./types.js";

/**
 * Analyses one article against the catalog. `input.language` (ISO 639-1) skips detection.
 * Mentions and citations come out in text order, each unique per (entity or source, sentence).
 */
export function analyzeArticle(input: ArticleInput, catalog: Catalog): ArticleAnalysis {
  const language = input.language && input.language !== "und"
    ? input.language
    : detectLanguage(`${input.title}\n${input.body}`);
  const lang = language === "und" ? undefined : language;
  const sentences = splitSentences(input.body, lang);
  const tokens = sentences.map((s) => tokenize(s));
  const index = buildCatalogIndex(catalog);
  const vocabulary = lowercaseVocabulary(tokens);
  const names = sentences.map((s, i) => findNames(s, tokens[i] ?? [], index, vocabulary));
  const mentions = mentionsFromNames(sentences, names);
  const citations = findCitations(sentences, tokens, names, language);
  const { lead, bullets } = summarize(sentences, input.title, lang);
  const entitySlugs = mentions.flatMap((m) => (m.entitySlug ? [m.entitySlug] : []));
  const topics = suggestTopics(input, entitySlugs, index.entities, catalog.topics);
  return { language, sentences, summary: lead, bullets, citations, mentions, topics };
}
