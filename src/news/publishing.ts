/**
 * Publishing a new article, whoever sends it (the /post conversation, the source channel, the HTTP
 * API): validate, refuse duplicates, store with its analysis, then hand it to the broadcast.
 */
import type { Logger } from "pino";
import { createArticleRequestSchema, parseArticleRequest, SITE_MAX, type ArticleRequest, type Problem } from "./article-request.js";
import type { NewArticle, NewsService } from "./service.js";

/** What to publish: a request plus where it came from and who sent it. */
export interface PublishInput extends Omit<ArticleRequest, "site"> {
  origin: NewArticle["origin"];
  createdBy?: number | null;
  tags?: string[];
  /** Topic slugs added to the analysis's suggestions (a feed's own topics). */
  extraTopics?: string[];
  /** The outlet's name, shown under the title (a feed's title). */
  site?: string | null;
}

export interface PublishOptions {
  /** False stores the article without queueing any delivery (a feed's archive). Default true. */
  broadcast?: boolean;
}

export type PublishOutcome =
  | { status: "published"; id: number; deliveries: number }
  | { status: "duplicate"; id: number }
  | { status: "invalid"; problems: Problem[] };

/** What the /post preview shows before anything is stored. */
export interface PublishPreview {
  title: string;
  summary: string;
  url: string | null;
  language: string;
  /** Topics the analysis suggests, or the ones the input chose. */
  topics: string[];
  /** An article with the same link or body that is already stored. */
  duplicateOf?: number;
}

export interface PublishingDeps {
  news: NewsService;
  /** Queues deliveries of a stored article to its topics' subscribers; returns how many. */
  broadcast: (articleId: number) => Promise<number>;
  /** Told about every article stored, broadcast or not (caches to refresh). */
  stored?: (articleId: number) => void;
  log?: Logger;
}

/** The article was stored but queueing its deliveries failed; `articleId` says which one. */
export class BroadcastError extends Error {
  override name = "BroadcastError";
  constructor(
    readonly articleId: number,
    cause: unknown,
  ) {
    super(`Article ${articleId} was stored but its deliveries could not be queued: ${(cause as Error)?.message ?? String(cause)}`, { cause });
  }
}

/** Creates the publishing use case. */
export function createPublishingService({ news, broadcast, stored: onStored, log }: PublishingDeps) {
  const schema = createArticleRequestSchema({ resolveTopic: (name) => news.resolveTopic(name) });

  async function validate(input: PublishInput) {
    // A feed's own title names its outlet: cut, never refused, when it is too long (or blank).
    const site = input.site?.trim() ? input.site.trim().slice(0, SITE_MAX) : undefined;
    return parseArticleRequest(schema, { ...input, site, publishedAt: input.publishedAt?.toISOString() });
  }

  function toNewArticle(input: PublishInput, value: ArticleRequest): NewArticle {
    return {
      title: value.title,
      body: value.body,
      url: value.url ?? null,
      language: value.language,
      topics: value.topics,
      summary: value.summary,
      publishedAt: value.publishedAt,
      tags: input.tags,
      extraTopics: input.extraTopics,
      site: value.site ?? null,
      origin: input.origin,
      createdBy: input.createdBy ?? null,
    };
  }

  return {
    /** Validates a request from outside (the HTTP API): every problem at once, or the typed request. */
    parseRequest: (raw: unknown) => parseArticleRequest(schema, raw),

    /** Every problem with `input` (empty when it can be published). */
    async problems(input: PublishInput): Promise<Problem[]> {
      const result = await validate(input);
      return result.ok ? [] : result.problems;
    },

    /** Analyses `input` without storing it: the summary and topics the article would get. */
    async preview(input: PublishInput): Promise<PublishPreview> {
      const prepared = await news.prepare({ ...input, url: input.url ?? null });
      const duplicateOf = await news.findDuplicate({ url: prepared.record.url, body: prepared.record.body });
      return {
        title: prepared.record.title,
        summary: prepared.record.summary,
        url: prepared.record.url ?? null,
        language: prepared.record.language,
        topics: prepared.record.topicSlugs,
        ...(duplicateOf === undefined ? {} : { duplicateOf }),
      };
    },

    /** Validates, refuses duplicates, stores and (unless told otherwise) broadcasts. */
    async publish(input: PublishInput, options: PublishOptions = {}): Promise<PublishOutcome> {
      const valid = await validate(input);
      if (!valid.ok) return { status: "invalid", problems: valid.problems };
      const article = toNewArticle(input, valid.value);
      const existing = await news.findDuplicate({ url: article.url, body: article.body });
      if (existing !== undefined) return { status: "duplicate", id: existing };
      const prepared = await news.prepare(article);
      // Marked in the article's own transaction: if this process dies before the deliveries are
      // queued, the delivery role's sweeper queues them (see delivery/enqueue-sweeper).
      prepared.record.enqueuePending = options.broadcast !== false;
      // The unique keys decide between two concurrent posts of the same article.
      const stored = await news.store(prepared);
      if (!stored.created) return { status: "duplicate", id: stored.id };
      onStored?.(stored.id);
      if (options.broadcast === false) {
        log?.info({ articleId: stored.id, origin: input.origin }, "Article stored without broadcast");
        return { status: "published", id: stored.id, deliveries: 0 };
      }
      let deliveries: number;
      try {
        deliveries = await broadcast(stored.id);
      } catch (error) {
        log?.error({ err: error, articleId: stored.id }, "Stored an article but could not queue its deliveries");
        throw new BroadcastError(stored.id, error);
      }
      log?.info({ articleId: stored.id, origin: input.origin, deliveries }, "Article published");
      return { status: "published", id: stored.id, deliveries };
    },
  };
}

export type PublishingService = ReturnType<typeof createPublishingService>;
