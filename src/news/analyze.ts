/**
 * News understanding, offline and deterministic: language, boilerplate removed, sentences, an
 * extractive summary, the outlets and speakers an article cites, the people, organisations and
 * places it names (with roles) and its topics. Pure functions: no database, no bot. The store turns
 * the result into rows.
 */
import { buildCatalogIndex, findNames, linkNames, lowercaseVocabulary, mentionsFromNames } from "../entities/extract.js";
import { detectLanguage } from "../text/language.js";
import type { RussianMorphology } from "../text/morph-ru.js";
import { splitSentences } from "../text/sentences.js";
import { tokenize } from "../text/tokens.js";
import { cleanArticleText } from "./boilerplate.js";
import { findCitations } from "./citations.js";
import { summarize } from "./summarize.js";
import { suggestTopics } from "./topics.js";
import type { ArticleAnalysis, ArticleInput, Catalog } from "./types.js";

export type * from "./types.js";

/** Language tools loaded once per process (the news service loads them on its first analysis). */
export interface LanguageTools {
  /** Russian morphology: names, places and the nominative of inflected names. */
  ru?: RussianMorphology;
}

/**
 * Analyses one article against the catalog. `input.language` (ISO 639-1) skips detection.
 * Mentions and citations come out in text order, each unique per (entity or source, sentence).
 */
export function analyzeArticle(input: ArticleInput, catalog: Catalog, tools: LanguageTools = {}): ArticleAnalysis {
  const language = input.language && input.language !== "und"
    ? input.language
    : detectLanguage(`${input.title}\n${input.body}`);
  const lang = language === "und" ? undefined : language;
  const clean = cleanArticleText(input.body);
  const sentences = splitSentences(clean.body, lang);
  const tokens = sentences.map((s) => tokenize(s));
  const index = buildCatalogIndex(catalog);
  const context = { language: lang, ru: lang === "ru" ? tools.ru : undefined, lowercaseWords: lowercaseVocabulary(tokens) };
  const names = sentences.map((s, i) => findNames(s, tokens[i] ?? [], index, context));
  linkNames(names);
  const mentions = mentionsFromNames(sentences, names);
  const citations = findCitations(sentences, tokens, names, language, index);
  const { lead, bullets } = summarize(splitSentences(clean.summaryBody, lang), input.title, lang, input.body.length);
  const entitySlugs = mentions.flatMap((m) => (m.entitySlug ? [m.entitySlug] : []));
  const topics = suggestTopics({ ...input, language }, entitySlugs, index.entities, catalog.topics);
  return { language, sentences, summary: lead, bullets, citations, mentions, topics };
}
