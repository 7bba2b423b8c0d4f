/**
 * Read-only delivery counts per article, for `GET /api/articles/:id`: the delivery queue's counts
 * per status, with their total.
 */
import type { Db } from "../client.js";
import type { DeliveryStatus } from "../schema.js";
import { countDeliveriesByStatus } from "./deliveries.js";

export type DeliveryCounts = Record<DeliveryStatus, number> & { total: number };

/** Creates the article statistics repository. */
export function createArticleStatsRepository({ db }: { db: Db }) {
  return {
    /** How many deliveries of an article are pending, sent, failed or cancelled. */
    async deliveryCounts(articleId: number): Promise<DeliveryCounts> {
      const counts = await countDeliveriesByStatus(db, articleId);
      return { ...counts, total: Object.values(counts).reduce((sum, n) => sum + n, 0) };
    },
  };
}

export type ArticleStatsRepository = ReturnType<typeof createArticleStatsRepository>;
