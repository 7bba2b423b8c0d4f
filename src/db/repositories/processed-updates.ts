/**
 * The update inbox (see the `processed_updates` table). Telegram redelivers an update when it did
 * not get a 200 in time, and with several webhook instances the retry may land on another
 * process: the primary key makes "first one wins" a single statement, whichever instance sees it.
 */
import { and, inArray, isNull, lt, sql } from "drizzle-orm";
import type { Update } from "grammy/types";
import type { Db } from "../client.js";
import { rowsOf } from "./rows.js";
import { processedUpdates } from "../schema.js";

/** An update handled this many times without finishing is given up (it kills its handler). */
export const MAX_UPDATE_ATTEMPTS = 3;

/** Creates the processed-updates repository. */
export function createProcessedUpdateRepository({ db }: { db: Db }) {
  return {
    /**
     * Records updates with their payload, leased to the caller for `leaseMs`; returns the ids that
     * were new (the others were received before and are not handled again here).
     */
    async record(updates: Update[], leaseMs: number): Promise<Set<number>> {
      if (updates.length === 0) return new Set();
      const inserted = await db
        .insert(processedUpdates)
        .values(
          updates.map((update) => ({
            updateId: update.update_id,
            payload: update,
            attempts: 1,
            leaseUntil: sql`now() + make_interval(secs => ${leaseMs / 1000})`,
          })),
        )
        .onConflictDoNothing()
        .returning({ updateId: processedUpdates.updateId });
      return new Set(inserted.map((r) => Number(r.updateId)));
    },

    /** Marks updates handled: they are never handled again, and their payload is dropped. */
    async markHandled(updateIds: number[]): Promise<void> {
      if (updateIds.length === 0) return;
      await db
        .update(processedUpdates)
        .set({ handledAt: sql`now()`, payload: null, leaseUntil: null })
        .where(and(inArray(processedUpdates.updateId, updateIds), isNull(processedUpdates.handledAt)));
    },

    /**
     * Takes up to `limit` updates recorded but never handled whose lease lapsed (their process
     * died), oldest first, leased again for `leaseMs`. With `orReceivedBefore`, also those received
     * before then whatever their lease: for the only process of a database (PGlite), whose
     * predecessor is certainly dead. Updates tried `MAX_UPDATE_ATTEMPTS` times are left alone.
     */
    async claimUnhandled({ limit, leaseMs, orReceivedBefore }: { limit: number; leaseMs: number; orReceivedBefore?: Date }): Promise<Update[]> {
      const before = orReceivedBefore ? sql`or received_at < ${orReceivedBefore.toISOString()}::timestamptz` : sql``;
      const rows = await rowsOf<{ payload: Update | string }>(
        db,
        sql`update processed_updates p
               set lease_until = now() + make_interval(secs => ${leaseMs / 1000}), attempts = p.attempts + 1
             where p.update_id in (
               select update_id from processed_updates
                where handled_at is null and payload is not null and attempts < ${MAX_UPDATE_ATTEMPTS}
                  and (lease_until is null or lease_until < now() ${before})
                order by update_id
                limit ${limit}
                  for update skip locked)
         returning p.payload`,
      );
      return rows
        .map((r) => (typeof r.payload === "string" ? (JSON.parse(r.payload) as Update) : r.payload))
        .sort((a, b) => a.update_id - b.update_id);
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
