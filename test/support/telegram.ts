/**
 * Driving the bot without Telegram: updates built like Telegram's, and a recording Bot API given
 * as `client.fetch` (it also sees calls made inside conversations, which transformers do not).
 */
import type { Update, UserFromGetMe } from "grammy/types";
import { createInMemoryApi, type ApiCall, type InMemoryApiOptions } from "../../src/transports/in-memory-api.js";
import { LOCAL_BOT_INFO } from "../../src/transports/local.js";

export const TEST_BOT_INFO: UserFromGetMe = { ...LOCAL_BOT_INFO, id: 42, username: "test_news_bot" };
export const TEST_TOKEN = "42:TEST-token-for-the-fake-bot-api";

/** A Bot API in memory that records every call. */
export function createRecordingApi(options: Pick<InMemoryApiOptions, "respond"> = {}) {
  const calls: ApiCall[] = [];
  const fetch = createInMemoryApi({ ...options, onCall: (call) => calls.push(call) });
  return {
    fetch,
    calls,
    /** Calls of one method. */
    of: (method: string) => calls.filter((c) => c.method === method),
    /** Texts of sendMessage calls, in order. */
    texts: () => calls.filter((c) => c.method === "sendMessage").map((c) => String(c.payload.text)),
    clear: () => void calls.splice(0),
  };
}

let nextUpdateId = 1000;

export interface From {
  userId?: number;
  chatId?: number;
  chatType?: "private" | "group" | "supergroup";
  languageCode?: string;
  firstName?: string;
}

function chatOf(from: From) {
  const chatId = from.chatId ?? from.userId ?? 7;
  return from.chatType && from.chatType !== "private"
    ? { id: chatId, type: from.chatType, title: "Test group" }
    : { id: chatId, type: "private" as const, first_name: from.firstName ?? "Ann" };
}

function userOf(from: From) {
  return { id: from.userId ?? 7, is_bot: false, first_name: from.firstName ?? "Ann", language_code: from.languageCode ?? "en" };
}

/** A text message update; a leading /command gets its bot_command entity like Telegram's. */
export function textUpdate(text: string, from: From = {}): Update {
  const command = /^\/\S+/.exec(text);
  return {
    update_id: nextUpdateId++,
    message: {
      message_id: nextUpdateId,
      date: Math.floor(Date.now() / 1000),
      chat: chatOf(from),
      from: userOf(from),
      text,
      entities: command ? [{ type: "bot_command", offset: 0, length: command[0].length }] : undefined,
    },
  } as Update;
}

/** A button press. */
export function callbackUpdate(data: string, from: From = {}): Update {
  return {
    update_id: nextUpdateId++,
    callback_query: {
      id: String(nextUpdateId),
      from: userOf(from),
      chat_instance: "test",
      data,
      message: { message_id: 1, date: Math.floor(Date.now() / 1000), chat: chatOf(from), text: "…" },
    },
  } as Update;
}

/** The visible text of an HTML message, for readable assertions. */
export { htmlToText } from "../../src/bot/format/html.js";
