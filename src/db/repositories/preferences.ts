/**
 * What a chat chose beyond its topics: the people, organisations and places it follows, its
 * keyword filters, and its delivery settings (instant or digests, time zone, quiet hours, link
 * previews, silent messages).
 */
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { chatFilters, chats, deliveries, entities, follows, type DeliveryMode } from "../schema.js";

export interface ChatSettings {
  deliveryMode: DeliveryMode;
  digestTime: string | null;
  digestWeekday: number | null;
  nextDigestAt: Date | null;
  timeZone: string;
  quietStart: string | null;
  quietEnd: string | null;
  linkPreviews: boolean;
  silent: boolean;
}

export interface FollowedEntity {
  entityId: number;
  name: string;
  kind: string;
}

export interface ChatFilter {
  kind: "include" | "exclude";
  word: string;
}

const settingsColumns = {
  deliveryMode: chats.deliveryMode,
  digestTime: chats.digestTime,
  digestWeekday: chats.digestWeekday,
  nextDigestAt: chats.nextDigestAt,
  timeZone: chats.timeZone,
  quietStart: chats.quietStart,
  quietEnd: chats.quietEnd,
  linkPreviews: chats.linkPreviews,
  silent: chats.silent,
};

/** Creates the preferences repository. */
export function createPreferenceRepository({ db }: { db: Db }) {
  return {
    async settings(chatId: number): Promise<ChatSettings | undefined> {
      const [row] = await db.select(settingsColumns).from(chats).where(eq(chats.id, chatId));
      return row;
    },

    /**
     * Changes a chat's settings. Leaving digests for instant delivery turns the articles waiting
     * for the next digest into ordinary pending messages, in the same transaction.
     */
    async updateSettings(chatId: number, update: Partial<ChatSettings>): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.update(chats).set({ ...update, updatedAt: sql`now()` }).where(eq(chats.id, chatId));
        if ("quietStart" in update || "quietEnd" in update) {
          // Articles waiting for the end of the old quiet hours go now; the worker holds them
          // again if the new hours say so. Only rows never tried: retries keep their backoff.
          await tx
            .update(deliveries)
            .set({ nextAttemptAt: sql`now()` })
            .where(and(eq(deliveries.chatId, chatId), eq(deliveries.status, "pending"), eq(deliveries.attempts, 0), sql`${deliveries.nextAttemptAt} > now()`));
        }
        if (update.deliveryMode === "instant") {
          await tx.update(deliveries).set({ status: "pending", nextAttemptAt: sql`now()` }).where(and(eq(deliveries.chatId, chatId), eq(deliveries.status, "held")));
        }
      });
    },

    /** Follows an entity; false when the chat already followed it. */
    async follow(chatId: number, entityId: number): Promise<boolean> {
      const rows = await db.insert(follows).values({ chatId, entityId }).onConflictDoNothing().returning({ entityId: follows.entityId });
      return rows.length > 0;
    },

    async unfollow(chatId: number, entityId: number): Promise<boolean> {
      const rows = await db.delete(follows).where(and(eq(follows.chatId, chatId), eq(follows.entityId, entityId))).returning({ entityId: follows.entityId });
      return rows.length > 0;
    },

    following(chatId: number): Promise<FollowedEntity[]> {
      return db
        .select({ entityId: follows.entityId, name: entities.name, kind: entities.kind })
        .from(follows)
        .innerJoin(entities, eq(entities.id, follows.entityId))
        .where(eq(follows.chatId, chatId))
        .orderBy(asc(entities.name));
    },

    /** The most followed entities, for /stats. */
    mostFollowed(limit: number): Promise<{ name: string; chats: number }[]> {
      return db
        .select({ name: entities.name, chats: sql<number>`count(*)::int` })
        .from(follows)
        .innerJoin(entities, eq(entities.id, follows.entityId))
        .groupBy(entities.name)
        .orderBy(desc(sql`count(*)`))
        .limit(limit);
    },

    /** Adds (or switches) a filter word; `variants` are what articles are matched against. */
    async addFilter(chatId: number, filter: ChatFilter & { variants: string[] }): Promise<void> {
      await db.transaction(async (tx) => {
        // One word is either required or excluded, not both.
        await tx.delete(chatFilters).where(and(eq(chatFilters.chatId, chatId), eq(chatFilters.word, filter.word)));
        await tx.insert(chatFilters).values({ chatId, kind: filter.kind, word: filter.word, variants: filter.variants });
      });
    },

    /** Removes one word's filter (case ignored), or every filter of the chat; returns how many. */
    async removeFilters(chatId: number, word?: string): Promise<number> {
      const rows = await db
        .delete(chatFilters)
        .where(and(eq(chatFilters.chatId, chatId), word === undefined ? undefined : sql`lower(${chatFilters.word}) = lower(${word})`))
        .returning({ word: chatFilters.word });
      return rows.length;
    },

    /** Messages digests saved: articles folded into a digest beside others. */
    async savedByDigests(): Promise<number> {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(deliveries).where(eq(deliveries.status, "digested"));
      return Number(row?.n ?? 0);
    },

    filters(chatId: number): Promise<ChatFilter[]> {
      return db.select({ kind: chatFilters.kind, word: chatFilters.word }).from(chatFilters).where(eq(chatFilters.chatId, chatId)).orderBy(asc(chatFilters.kind), asc(chatFilters.word));
    },

    /** Chats per delivery mode (active chats), for /stats. */
    async chatsByMode(): Promise<Record<string, number>> {
      const rows = await db
        .select({ mode: chats.deliveryMode, n: sql<number>`count(*)::int` })
        .from(chats)
        .where(eq(chats.active, true))
        .groupBy(chats.deliveryMode);
      return Object.fromEntries(rows.map((r) => [r.mode, r.n]));
    },
  };
}

export type PreferenceRepository = ReturnType<typeof createPreferenceRepository>;
