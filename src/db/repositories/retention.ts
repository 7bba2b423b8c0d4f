/**
 * Deleting what is no longer needed, in small batches so that no statement holds locks for long:
 * finished deliveries past the retention period, webhook update ids past a day, and conversation
 * state nobody touched for a month.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../client.js";
import { rowsOf } from "./rows.js";

async function deleted(db: Db, query: SQL): Promise<number> {
  return (await rowsOf(db, query)).length;
}

/** Creates the retention repository. */
export function createRetentionRepository({ db }: { db: Db }) {
  return {
    /** Deletes up to `limit` sent, failed or cancelled deliveries created more than `days` ago. */
    pruneDeliveries(days: number, limit: number): Promise<number> {
      return deleted(
        db,
        sql`delete from deliveries where id in (
              select id from deliveries
               where status <> 'pending' and created_at < now() - make_interval(days => ${days})
               order by created_at limit ${limit})
            returning id`,
      );
    },

    /** Deletes up to `limit` webhook update ids received more than a day ago. */
    pruneProcessedUpdates(limit: number): Promise<number> {
      return deleted(
        db,
        sql`delete from processed_updates where update_id in (
              select update_id from processed_updates where received_at < now() - interval '1 day' limit ${limit})
            returning update_id`,
      );
    },

    /** Deletes up to `limit` grammY conversation/session entries untouched for `days`. */
    pruneConversations(days: number, limit: number): Promise<number> {
      return deleted(
        db,
        sql`delete from kv_store where key in (
              select key from kv_store
               where key like 'grammy:%' and updated_at < now() - make_interval(days => ${days}) limit ${limit})
            returning key`,
      );
    },
  };
}

export type RetentionRepository = ReturnType<typeof createRetentionRepository>;
