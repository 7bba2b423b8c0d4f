/**
 * Read-only delivery counts per article, for `GET /api/articles/:id`. The delivery queue owns the
 * deliveries table; this file only counts its rows.
 */
import { eq, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { deliveries, type DeliveryStatus } from "../schema.js";

export type DeliveryCounts = Record<DeliveryStatus, number> & { total: number };

/** Creates the article statistics repository. */
export function createArticleStatsRepository({ db }: { db: Db }) {
  return {
    /** How many deliveries of an article are pending, sent, failed or cancelled. */
    async deliveryCounts(articleId: number): Promise<DeliveryCounts> {
      const rows = await db
        .select({ status: deliveries.status, n: sql<number>`count(*)::int` })
        .from(deliveries)
        .where(eq(deliveries.articleId, articleId))
        .groupBy(deliveries.status);
      const counts: DeliveryCounts = { pending: 0, sent: 0, failed: 0, cancelled: 0, total: 0 };
      for (const row of rows) {
        counts[row.status] = row.n;
        counts.total += row.n;
      }
      return counts;
    },
  };
}

export type ArticleStatsRepository = ReturnType<typeof createArticleStatsRepository>;
