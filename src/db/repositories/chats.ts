/** Chats the bot talks to, and whether it may still send to them. */
import { eq, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { chats } from "../schema.js";

export interface ChatInfo {
  id: number;
  type: string;
  title?: string | null;
  /** Telegram's language_code of the user who spoke; kept when absent. */
  languageCode?: string | null;
}

export interface ChatRecord {
  id: number;
  type: string;
  title: string | null;
  language: string | null;
  active: boolean;
}

/** Creates the chat repository. */
export function createChatRepository({ db }: { db: Db }) {
  return {
    /** Records a chat (or refreshes its title); a chat that talks to the bot is active again. */
    async upsert(chat: ChatInfo): Promise<void> {
      await db
        .insert(chats)
        .values({ id: chat.id, type: chat.type, title: chat.title ?? null, telegramLanguage: chat.languageCode ?? null, active: true })
        .onConflictDoUpdate({
          target: chats.id,
          set: {
            type: sql`excluded.type`,
            title: sql`excluded.title`,
            telegramLanguage: sql`coalesce(excluded.telegram_language, ${chats.telegramLanguage})`,
            active: true,
            updatedAt: sql`now()`,
          },
        });
    },

    async get(id: number): Promise<ChatRecord | undefined> {
      const [row] = await db
        .select({ id: chats.id, type: chats.type, title: chats.title, language: chats.language, active: chats.active })
        .from(chats)
        .where(eq(chats.id, id));
      return row;
    },

    async setActive(id: number, active: boolean): Promise<void> {
      await db.update(chats).set({ active, updatedAt: sql`now()` }).where(eq(chats.id, id));
    },

    async setLanguage(id: number, language: string | null): Promise<void> {
      await db.update(chats).set({ language, updatedAt: sql`now()` }).where(eq(chats.id, id));
    },
  };
}

export type ChatRepository = ReturnType<typeof createChatRepository>;
