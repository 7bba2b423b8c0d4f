/**
 * Bulk subscribers for the broadcast benchmark: `count` private chats (ids from `firstChatId`)
 * subscribed to one topic, inserted with one INSERT … SELECT generate_series per table.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../src/db/client.js";

/** Creates the chats and their subscriptions; returns the chat ids. */
export async function createSubscribers(db: Db, options: { count: number; topicId: number; firstChatId: number }): Promise<number[]> {
  const first = options.firstChatId;
  const last = first + options.count - 1;
  await db.execute(
    sql`insert into chats (id, type, active) select g, 'private', true from generate_series(${first}::bigint, ${last}::bigint) g on conflict (id) do nothing`,
  );
  await db.execute(
    sql`insert into subscriptions (chat_id, topic_id) select g, ${options.topicId} from generate_series(${first}::bigint, ${last}::bigint) g on conflict do nothing`,
  );
  return Array.from({ length: options.count }, (_, i) => first + i);
}

/** Duplicates (messages beyond the first per chat) and losses (chats that got nothing). */
export function deliveryCheck(expected: number[], perChat: [number, number][]): { duplicates: number; losses: number; strangers: number } {
  const got = new Map(perChat);
  let duplicates = 0;
  let losses = 0;
  for (const chatId of expected) {
    const n = got.get(chatId) ?? 0;
    if (n === 0) losses++;
    else duplicates += n - 1;
  }
  const wanted = new Set(expected);
  const strangers = perChat.filter(([chatId]) => !wanted.has(chatId)).length;
  return { duplicates, losses, strangers };
}
