/** Which chats follow which topics, and the chat life-cycle that decides whether they get anything. */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { chats, subscriptions } from "../schema.js";
import { cancelPendingDeliveries } from "./deliveries.js";

export interface TopicSubscriberCount {
  topicId: number;
  /** Subscribed chats that are active (the bot may send to them). */
  active: number;
  /** Subscribed chats that blocked or removed the bot. */
  inactive: number;
}

/** Marks a chat inactive and cancels its pending deliveries (run it inside a transaction). */
async function deactivate(tx: Db, chatId: number, reason: string): Promise<number> {
  await tx.update(chats).set({ active: false, updatedAt: sql`now()` }).where(eq(chats.id, chatId));
  return cancelPendingDeliveries(tx, chatId, reason);
}

/** Creates the subscription repository. */
export function createSubscriptionRepository({ db }: { db: Db }) {
  return {
    /** Ids of the topics a chat (or one forum topic of it, `threadId`) follows. */
    async topicIdsOf(chatId: number, threadId = 0): Promise<number[]> {
      const rows = await db
        .select({ topicId: subscriptions.topicId })
        .from(subscriptions)
        .where(and(eq(subscriptions.chatId, chatId), eq(subscriptions.threadId, threadId)));
      return rows.map((r) => r.topicId);
    },

    /** Subscribes a (known) chat; returns the topic ids that were not followed before. */
    async add(chatId: number, topicIds: number[], threadId = 0): Promise<number[]> {
      if (topicIds.length === 0) return [];
      const rows = await db
        .insert(subscriptions)
        .values(topicIds.map((topicId) => ({ chatId, topicId, threadId })))
        .onConflictDoNothing()
        .returning({ topicId: subscriptions.topicId });
      return rows.map((r) => r.topicId);
    },

    /** Unsubscribes; `"all"` removes every topic. Returns the topic ids that were removed. */
    async remove(chatId: number, topicIds: number[] | "all", threadId = 0): Promise<number[]> {
      if (topicIds !== "all" && topicIds.length === 0) return [];
      const rows = await db
        .delete(subscriptions)
        .where(
          and(
            eq(subscriptions.chatId, chatId),
            eq(subscriptions.threadId, threadId),
            topicIds === "all" ? undefined : inArray(subscriptions.topicId, topicIds),
          ),
        )
        .returning({ topicId: subscriptions.topicId });
      return rows.map((r) => r.topicId);
    },

    /** A forum topic was deleted or closed for the bot: its subscriptions go. */
    async removeThread(chatId: number, threadId: number): Promise<number> {
      const rows = await db
        .delete(subscriptions)
        .where(and(eq(subscriptions.chatId, chatId), eq(subscriptions.threadId, threadId)))
        .returning({ topicId: subscriptions.topicId });
      return rows.length;
    },

    /** Subscribers per topic (topics without any are absent). */
    async countsByTopic(): Promise<TopicSubscriberCount[]> {
      return db
        .select({
          topicId: subscriptions.topicId,
          active: sql<number>`count(*) filter (where ${chats.active})::int`,
          inactive: sql<number>`count(*) filter (where not ${chats.active})::int`,
        })
        .from(subscriptions)
        .innerJoin(chats, eq(chats.id, subscriptions.chatId))
        .groupBy(subscriptions.topicId);
    },

    /** Chats that follow at least one topic, by state. */
    async subscribedChatCounts(): Promise<{ active: number; inactive: number }> {
      const [row] = await db
        .select({
          active: sql<number>`count(*) filter (where ${chats.active})::int`,
          inactive: sql<number>`count(*) filter (where not ${chats.active})::int`,
        })
        .from(chats)
        .where(sql`exists (select 1 from ${subscriptions} where ${subscriptions.chatId} = ${chats.id})`);
      return { active: row?.active ?? 0, inactive: row?.inactive ?? 0 };
    },

    /**
     * Marks a chat inactive (blocked, kicked, deleted) and cancels its pending deliveries in one
     * transaction; subscriptions are kept for when it comes back. Returns the cancelled count.
     */
    deactivateChat(chatId: number, reason: string): Promise<number> {
      return db.transaction((tx) => deactivate(tx, chatId, reason));
    },

    /**
     * A group became a supergroup with a new id. When the new chat is unknown, the row is renamed
     * (subscriptions and deliveries follow through ON UPDATE CASCADE); when both exist, the old
     * chat's subscriptions are copied over and the old chat is marked inactive.
     */
    async migrateChat(fromId: number, toId: number): Promise<void> {
      if (fromId === toId) return;
      await db.transaction(async (tx) => {
        const [target] = await tx.select({ id: chats.id }).from(chats).where(eq(chats.id, toId));
        if (!target) {
          await tx
            .update(chats)
            .set({ id: toId, type: "supergroup", active: true, updatedAt: sql`now()` })
            .where(eq(chats.id, fromId));
          return;
        }
        await tx.execute(
          sql`insert into subscriptions (chat_id, topic_id, thread_id, created_at)
              select ${toId}, topic_id, thread_id, created_at from subscriptions where chat_id = ${fromId}
              on conflict do nothing`,
        );
        await deactivate(tx, fromId, `migrated to ${toId}`);
      });
    },
  };
}

export type SubscriptionRepository = ReturnType<typeof createSubscriptionRepository>;
