/**
 * Webhook update ids already received. Telegram redelivers an update when it did not get a 200 in
 * time, and with several webhook instances the retry may land on another process: the primary key
 * makes "first one wins" a single statement, whichever instance sees it.
 */
import { lt } from "drizzle-orm";
import type { Db } from "../client.js";
import { processedUpdates } from "../schema.js";

/** Creates the processed-updates repository. */
export function createProcessedUpdateRepository({ db }: { db: Db }) {
  return {
    /** Records `updateId`; true when it is new, false when it was received before. */
    async markReceived(updateId: number): Promise<boolean> {
      const inserted = await db
        .insert(processedUpdates)
        .values({ updateId })
        .onConflictDoNothing()
        .returning({ updateId: processedUpdates.updateId });
      return inserted.length === 1;
    },

    /** Deletes ids received more than `maxAgeMs` ago; returns how many. */
    async purgeOlderThan(maxAgeMs: number): Promise<number> {
      const cutoff = new Date(Date.now() - maxAgeMs);
      const deleted = await db
        .delete(processedUpdates)
        .where(lt(processedUpdates.receivedAt, cutoff))
        .returning({ updateId: processedUpdates.updateId });
      return deleted.length;
    },
  };
}

export type ProcessedUpdateRepository = ReturnType<typeof createProcessedUpdateRepository>;
