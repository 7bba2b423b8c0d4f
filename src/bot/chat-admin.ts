/** Who may change a chat's settings: anyone in a private chat, only administrators in groups. */
import type { ChatInfo } from "../db/repositories/chats.js";
import type { BotContext } from "./context.js";

/** Telegram's "GroupAnonymousBot": the sender of messages by anonymous group administrators. */
const ANONYMOUS_ADMIN_ID = 1087968824;

/** True in private chats, and for administrators (including anonymous ones) in groups. */
export async function mayManageChat(ctx: BotContext): Promise<boolean> {
  const chat = ctx.chat;
  if (!chat || chat.type === "private") return true;
  if (ctx.msg?.sender_chat?.id === chat.id) return true; // anonymous admin or the channel itself
  if (!ctx.from || ctx.from.id === ANONYMOUS_ADMIN_ID) return false;
  const member = await ctx.getChatMember(ctx.from.id);
  return member.status === "creator" || member.status === "administrator";
}

/** The chat as the repositories store it. */
export function chatInfoOf(ctx: BotContext): ChatInfo {
  const chat = ctx.chat!;
  // Deliveries to this chat are written in the language of the person who set it up.
  return { id: chat.id, type: chat.type, title: "title" in chat ? (chat.title ?? null) : null, languageCode: ctx.from?.language_code ?? null };
}

/**
 * The forum topic an update came from (`message_thread_id`), or 0 for the chat itself: in a forum
 * supergroup each topic has its own subscriptions and receives its own articles.
 */
export function threadOf(ctx: BotContext): number {
  const message = ctx.msg;
  return message?.is_topic_message && message.message_thread_id ? message.message_thread_id : 0;
}
