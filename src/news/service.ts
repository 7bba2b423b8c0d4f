/**
 * The news use cases: store an article with its analysis, list the newest, show what an article
 * cites and whom it names. No Telegram here: the bot, the HTTP API and the seeds all call this.
 */
import { createHash } from "node:crypto";
import type { Repositories } from "../db/repositories/index.js";
import type { LatestArticle, NewArticleRecord } from "../db/repositories/articles.js";
import type { StorySummary } from "../db/repositories/stories.js";
import type { AliasKey, EntitySeed, TopicRecord } from "../db/repositories/catalog.js";
import { normalizeName } from "../text/normalize.js";
import { addEntities, buildCatalogIndex } from "../entities/extract.js";
import { countryNamed } from "../text/places.js";
import { loadRussianMorphology } from "../text/morph-ru.js";
import { slugify } from "../text/slug.js";
import { storyFeatures, type NameKind } from "../stories/features.js";
import type { TopicRequest } from "./topic-request.js";
import { analyzeArticle, type ArticleAnalysis, type Catalog, type LanguageTools, type MentionFound } from "./analyze.js";

export const LATEST_DEFAULT = 5;
export const LATEST_MAX = 10;

export interface NewArticle {
  title: string;
  body: string;
  url?: string | null;
  site?: string | null;
  comment?: string | null;
  language?: string;
  /** The article's own tags ("États-Unis, Russie"); they suggest topics. */
  tags?: string[];
  /** Topics chosen by an admin (slugs or names in any language); they replace the suggestions. */
  topics?: string[];
  /** Topic slugs added to the suggestions (a feed's own topics); unknown slugs are ignored. */
  extraTopics?: string[];
  /** An admin's own one-sentence summary; it replaces the generated lead. */
  summary?: string;
  publishedAt?: Date;
  origin: "seed" | "telegram" | "channel" | "api" | "feed";
  createdBy?: number | null;
}

export interface PreparedArticle {
  record: NewArticleRecord;
  analysis: ArticleAnalysis;
  /** Topic names that matched nothing (only when the admin gave topics). */
  unknownTopics: string[];
}

export type PublishResult = { id: number; created: true } | { id: number; created: false };

/** Creates the news service over the repositories. */
/** No topic name is longer; longer input is not looked up at all. */
const MAX_TOPIC_NAME = 120;

export function createNewsService({ repos }: { repos: Repositories }) {
  let catalogCache: Promise<Catalog> | undefined;
  // The language tools are loaded on the first analysis: a process that only delivers never needs them.
  let toolsCache: Promise<LanguageTools> | undefined;
  const loadTools = () => (toolsCache ??= loadRussianMorphology().then((ru) => ({ ru })));
  let topicCache: Promise<TopicRecord[]> | undefined;

  const loadTopics = () => (topicCache ??= repos.catalog.listTopics());
  const loadCatalog = () =>
    (catalogCache ??= Promise.all([repos.catalog.listOutlets(), repos.catalog.listEntities(), loadTopics()]).then(
      ([outlets, entities, topics]) => ({ outlets, entities, topics }),
    ));

  /** Forgets cached reference data (after seeds change it, or new entities were extracted). */
  function invalidate() {
    catalogCache = undefined;
    topicCache = undefined;
  }

  // Normalised slug, names and aliases → topic, built once per loaded topic list: a lookup is one
  // normalisation of the query, not one of every name of every topic.
  const topicIndexes = new WeakMap<TopicRecord[], Map<string, TopicRecord>>();
  function topicIndex(all: TopicRecord[]): Map<string, TopicRecord> {
    let index = topicIndexes.get(all);
    if (!index) {
      index = new Map();
      for (const topic of all) {
        for (const name of [topic.slug, ...Object.values(topic.names), ...topic.aliases]) {
          const key = name ? normalizeName(name) : "";
          if (key && !index.has(key)) index.set(key, topic);
        }
      }
      topicIndexes.set(all, index);
    }
    return index;
  }

  /** Finds a topic by slug or by any of its names and aliases, ignoring case and accents. */
  async function resolveTopic(nameOrSlug: string): Promise<TopicRecord | undefined> {
    if (nameOrSlug.length > MAX_TOPIC_NAME) return undefined;
    const key = normalizeName(nameOrSlug);
    if (!key) return undefined;
    return topicIndex(await loadTopics()).get(key);
  }

  /** Analyses an article and builds the row to store, without storing it (the /post preview). */
  async function prepare(input: NewArticle): Promise<PreparedArticle> {
    const [catalog, tools] = await Promise.all([loadCatalog(), loadTools()]);
    const title = input.title.trim();
    const body = input.body.trim();
    const analysis = analyzeArticle({ title, body, language: input.language, tags: input.tags }, catalog, tools);
    const unknownTopics: string[] = [];
    let topicSlugs = analysis.topics;
    if (input.topics && input.topics.length > 0) {
      topicSlugs = [];
      for (const name of input.topics) {
        const topic = await resolveTopic(name);
        if (topic) topicSlugs.push(topic.slug);
        else unknownTopics.push(name);
      }
    }
    if (input.extraTopics && input.extraTopics.length > 0) {
      const slugs = new Set(catalog.topics.map((t) => t.slug));
      topicSlugs = [...topicSlugs, ...input.extraTopics.filter((slug) => slugs.has(slug))];
    }
    const known = new Set(catalog.entities.map((e) => e.slug));
    const newEntities = new Map<string, NewArticleRecord["newEntities"][number]>();
    const mentions: NewArticleRecord["mentions"] = [];
    for (const mention of analysis.mentions) {
      let slug = mention.entitySlug;
      const candidate = mention.candidate;
      if (!slug && candidate) {
        const entity = candidateEntity(candidate, analysis.language);
        if (!entity) {
          // Too little evidence for an entity: the name is kept as text in this article's Who's who.
          mentions.push({ name: candidate.name, kind: candidate.kind, sentence: mention.sentence, position: mention.position, role: mention.role });
          continue;
        }
        slug = entity.slug;
        if (!known.has(slug) && !newEntities.has(slug)) newEntities.set(slug, entity);
      }
      if (!slug) continue;
      mentions.push({
        entitySlug: slug,
        sentence: mention.sentence,
        position: mention.position,
        role: mention.role,
        roleNormalized: mention.role ? normalizeName(mention.role) : undefined,
      });
    }
    const adminSummary = input.summary?.trim();
    const catalogEntities = buildCatalogIndex(catalog).entities;
    const names = mentions.flatMap((m): { name: string; kind: NameKind }[] => {
      const entity = m.entitySlug ? (catalogEntities.get(m.entitySlug) ?? newEntities.get(m.entitySlug)) : undefined;
      if (entity) return [{ name: entity.name, kind: entity.kind }];
      return m.name && m.kind ? [{ name: m.name, kind: m.kind }] : [];
    });
    const finalTopics = [...new Set(topicSlugs)];
    return {
      analysis,
      unknownTopics,
      record: {
        title,
        body,
        bodyHash: bodyHash(body),
        url: input.url?.trim() || null,
        site: input.site ?? null,
        comment: input.comment ?? null,
        language: input.language ?? analysis.language,
        summary: adminSummary || analysis.summary,
        bullets: analysis.bullets,
        summaryByAdmin: Boolean(adminSummary),
        tags: input.tags ?? [],
        origin: input.origin,
        createdBy: input.createdBy ?? null,
        publishedAt: input.publishedAt,
        topicSlugs: finalTopics,
        citations: analysis.citations,
        mentions,
        newEntities: [...newEntities.values()],
        newOutlets: newOutletsOf(analysis),
        story: storyFeatures({ title, sentences: analysis.sentences, language: input.language ?? analysis.language, names, topics: finalTopics }),
      },
    };
  }

  return {
    prepare,
    resolveTopic,

    /**
     * Adds a topic an admin defined; articles published from now on can get it from its keywords.
     * A slug or a name that an existing topic already has is refused.
     */
    async addTopic(request: TopicRequest): Promise<{ status: "added" } | { status: "exists"; slug: string }> {
      for (const name of [request.slug, ...Object.values(request.names)]) {
        const existing = await resolveTopic(name);
        if (existing) return { status: "exists", slug: existing.slug };
      }
      const added = await repos.catalog.addTopic(request);
      invalidate();
      return added ? { status: "added" } : { status: "exists", slug: request.slug };
    },
    invalidate,
    listTopics: loadTopics,

    /** Stores a prepared article; an article with the same link or body is not stored twice. */
    async store(prepared: PreparedArticle): Promise<PublishResult> {
      const result = await repos.articles.insert(prepared.record);
      const added = prepared.record.newEntities;
      if (result.created && added.length > 0 && catalogCache) {
        // The new names count in the next article at once, without reading 100k entities again.
        const catalog = await catalogCache;
        const refs = added.map((e) => ({ slug: e.slug, kind: e.kind, name: e.name, aliases: e.aliases.map((a) => a.alias), topics: [] }));
        catalog.entities.push(...refs);
        addEntities(buildCatalogIndex(catalog), refs);
      }
      return result;
    },

    /** Analyses and stores an article in one step. */
    async publish(input: NewArticle): Promise<PublishResult> {
      // Checked before the analysis, which needs the whole entity catalog in memory: every start
      // publishes the seed articles again, and must not load that catalog just to find them stored.
      const duplicate = await this.findDuplicate(input);
      if (duplicate !== undefined) return { id: duplicate, created: false };
      return this.store(await prepare(input));
    },

    /**
     * Analyses every stored article again with the current catalog (new entities, outlets, a better
     * analyser). Seed articles take the suggested topics; others keep the topics they were sent to.
     */
    async reanalyzeAll(): Promise<number> {
      invalidate();
      const all = await repos.articles.allForAnalysis();
      for (const article of all) {
        const prepared = await prepare({
          title: article.title,
          body: article.body,
          language: article.language === "und" ? undefined : article.language,
          tags: article.tags,
          origin: article.origin as NewArticle["origin"],
        });
        const { record } = prepared;
        await repos.articles.replaceAnalysis(article.id, {
          summary: record.summary,
          bullets: record.bullets,
          language: record.language,
          topicSlugs: article.origin === "seed" ? record.topicSlugs : [],
          citations: record.citations,
          mentions: record.mentions,
          newEntities: record.newEntities,
        });
      }
      invalidate();
      return all.length;
    },

    /** The existing article with the same link or body, if any. */
    findDuplicate(input: { url?: string | null; body: string }): Promise<number | undefined> {
      return repos.articles.findDuplicate({ url: input.url?.trim() || null, bodyHash: bodyHash(input.body.trim()) });
    },

    /**
     * The newest stories, optionally of one topic, each as its first article (the original report)
     * with the story's size and outlets: a story told by five outlets is listed once.
     */
    async latest(options: { limit?: number; topicSlug?: string } = {}): Promise<LatestStoryArticle[]> {
      const ids = await repos.stories.latestLeads({ limit: Math.min(options.limit ?? LATEST_DEFAULT, LATEST_MAX), topicSlug: options.topicSlug });
      const [rows, summaries] = await Promise.all([repos.articles.summariesByIds(ids), repos.stories.summariesOfArticles(ids)]);
      return rows.map((row) => ({ ...row, story: summaries.get(row.id) }));
    },

    /** An article's story with all its articles, oldest first. */
    storyOf: (articleId: number) => repos.stories.ofArticle(articleId),
    /** A story by id. */
    story: (storyId: number) => repos.stories.byId(storyId),
    /** How many articles and which outlets an article's story has. */
    storySummaryOf: (articleId: number) => repos.stories.summaryOf(articleId),
    /** The same for several articles at once (a digest), by article id. */
    storySummariesOf: (articleIds: number[]) => repos.stories.summariesOfArticles(articleIds),
    /** Takes an article out of its story (an admin's correction); the new story's id. */
    splitStory: (storyId: number, articleId: number) => repos.stories.split(storyId, articleId),
    /** Moves every article of story `from` into `into` (an admin's correction). */
    mergeStories: (into: number, from: number) => repos.stories.merge(into, from),

    byId: (id: number) => repos.articles.byId(id),
    citationsOf: (articleId: number) => repos.articles.citationsOf(articleId),
    mentionsOf: (articleId: number) => repos.articles.mentionsOf(articleId),
  };
}

export type NewsService = ReturnType<typeof createNewsService>;

/** A row of /latest: a story's first article, with the story's size and outlets. */
export type LatestStoryArticle = LatestArticle & { story?: StorySummary };

/** sha256 of the body with case and whitespace folded: reposting the same text is detected. */
export function bodyHash(body: string): string {
  return createHash("sha256").update(body.toLowerCase().replace(/\s+/g, " ").trim()).digest("hex");
}

/**
 * The entity a confident candidate becomes: a country with its names in the four languages, or a
 * person or organisation under its name. Undefined when the evidence is too thin.
 */
function candidateEntity(candidate: NonNullable<MentionFound["candidate"]>, language: string): NewArticleRecord["newEntities"][number] | undefined {
  if (!candidate.confident) return undefined;
  if (candidate.kind === "place") {
    const country = countryNamed(candidate.name, language === "und" ? undefined : language);
    if (!country) return undefined;
    const name = country.names.en ?? candidate.name;
    const slug = slugify(name);
    const names = [...new Set([name, ...Object.values(country.names), candidate.name])];
    return { slug, kind: "place", name, aliases: aliasKeys({ slug, kind: "place", name, aliases: names }), searchText: normalizeName(names.join(" ")) };
  }
  const slug = slugify(candidate.name);
  if (!slug) return undefined;
  return { slug, kind: candidate.kind, name: candidate.name, aliases: aliasKeys({ slug, kind: candidate.kind, name: candidate.name }), searchText: normalizeName(candidate.name) };
}

/** Outlets the catalog does not know that the article cites, once each. */
function newOutletsOf(analysis: ArticleAnalysis): { slug: string; name: string }[] {
  const found = new Map<string, { slug: string; name: string }>();
  for (const citation of analysis.citations) if (citation.newOutlet) found.set(citation.newOutlet.slug, citation.newOutlet);
  return [...found.values()];
}

/** The words role questions are matched against: names and descriptions in every language. */
export function entitySearchText(entity: EntitySeed): string {
  return normalizeName([entity.name, ...(entity.aliases ?? []), ...Object.values(entity.descriptions ?? {})].join(" "));
}

/** Search keys for an entity's names; a person's one-word alias counts as a short form (surname). */
export function aliasKeys(entity: EntitySeed): AliasKey[] {
  return [entity.name, ...(entity.aliases ?? [])].map((alias) => {
    const normalized = normalizeName(alias);
    return { alias, normalized, isShort: entity.kind === "person" && !normalized.includes(" ") };
  });
}
