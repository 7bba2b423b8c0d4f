/**
 * Enqueueing: after an article is stored, one delivery row per subscribed active chat. Called by
 * the publishing flow (admin /post, channel, HTTP API); seed articles are never broadcast.
 */
import type { Repositories } from "../db/repositories/index.js";
import { articleTerms } from "../subscriptions/filter-terms.js";

export interface DeliveryServiceDeps {
  repos: Pick<Repositories, "articles" | "deliveries">;
  /** Told when rows were created, so a worker in this process can start at once. */
  onEnqueued?: (count: number) => void;
}

/** Creates the delivery service. */
export function createDeliveryService({ repos, onEnqueued }: DeliveryServiceDeps) {
  return {
    /**
     * Queues the article for every active chat that wants it (its topics, followed entities and
     * keyword filters; chats on digests get it held for their next digest). Idempotent: calling
     * it again (or from two processes) creates no duplicates. Returns the number of rows created.
     */
    async enqueueArticle(articleId: number): Promise<number> {
      const article = await repos.articles.byId(articleId);
      if (!article || article.origin === "seed") return 0;
      const created = await repos.deliveries.enqueueArticle(articleId, articleTerms(article));
      if (created > 0) onEnqueued?.(created);
      return created;
    },

    /** How many chats want the article, without queueing anything (benchmarks, dry runs). */
    async countWanting(articleId: number): Promise<number> {
      const article = await repos.articles.byId(articleId);
      return article ? repos.deliveries.countWanting(articleId, articleTerms(article)) : 0;
    },
  };
}

export type DeliveryService = ReturnType<typeof createDeliveryService>;
