/**
 * Local mode: you are a Telegram user typing to the bot in the terminal. Each stdin line becomes a
 * message update; replies are printed as plain text with their buttons numbered, and `#2` presses
 * button 2 of the last message that had buttons. Ends at end of input.
 */
import { createInterface } from "node:readline";
import type { Bot } from "grammy";
import type { InlineKeyboardButton, Message, Update, UserFromGetMe } from "grammy/types";
import { htmlToText } from "../bot/format/html.js";
import { createInMemoryApi, type ApiCall } from "./in-memory-api.js";

export const LOCAL_USER_ID = 1;

export const LOCAL_BOT_INFO: UserFromGetMe = {
  id: 1_000_000,
  is_bot: true,
  first_name: "News bot",
  username: "local_news_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
  allows_users_to_create_topics: false,
};

export interface LocalSessionOptions {
  output: NodeJS.WritableStream;
  /** Telegram language code of the local user (from $LANG when not given). */
  languageCode?: string;
}

/** A local terminal session: give `fetch` to the bot's client options, then `run` it on input. */
export function createLocalSession(options: LocalSessionOptions) {
  const write = (text: string) => options.output.write(`${text}\n`);
  let lastKeyboard: { messageId: number; buttons: InlineKeyboardButton[] } | undefined;
  let nextUpdateId = 1;
  let nextMessageId = 1;
  const user = { id: LOCAL_USER_ID, is_bot: false, first_name: "You", language_code: options.languageCode ?? languageFromEnv() };
  const chat = { id: LOCAL_USER_ID, type: "private" as const, first_name: "You" };

  function print(call: ApiCall, result: Message | undefined) {
    const { method, payload } = call;
    if (method === "sendMessage" || method === "editMessageText") {
      const text = payload.parse_mode === "HTML" ? htmlToText(String(payload.text ?? "")) : String(payload.text ?? "");
      write(`\n${method === "editMessageText" ? "bot (edited)" : "bot"}> ${text.replace(/\n/g, "\n     ")}`);
      const markup = payload.reply_markup as { inline_keyboard?: InlineKeyboardButton[][] } | undefined;
      if (markup?.inline_keyboard) {
        const buttons = markup.inline_keyboard.flat();
        lastKeyboard = { messageId: Number(payload.message_id ?? result?.message_id ?? 0), buttons };
        write(
          buttons
            .map((b, i) => `     [#${i + 1}] ${b.text}${"url" in b && b.url ? ` → ${b.url}` : ""}`)
            .join("\n"),
        );
      }
    } else if (method === "answerCallbackQuery" && payload.text) {
      write(`\nbot (notice)> ${String(payload.text)}`);
    }
  }

  const fetch = createInMemoryApi({ onCall: (call, result) => print(call, result as Message | undefined) });

  function updateFor(line: string): Update | undefined {
    const press = /^#(\d+)$/.exec(line);
    if (press) {
      const button = lastKeyboard?.buttons[Number(press[1]) - 1];
      if (!button || !lastKeyboard) {
        write(`\n(no button #${press[1]} on the last message)`);
        return undefined;
      }
      if ("url" in button && button.url) {
        write(`\n(opens ${button.url})`);
        return undefined;
      }
      if (!("callback_data" in button) || !button.callback_data) return undefined;
      return {
        update_id: nextUpdateId++,
        callback_query: {
          id: String(nextUpdateId),
          from: user,
          chat_instance: "local",
          data: button.callback_data,
          message: { message_id: lastKeyboard.messageId, date: now(), chat, text: "" } as Message.TextMessage,
        },
      };
    }
    const command = /^\/\S+/.exec(line);
    return {
      update_id: nextUpdateId++,
      message: {
        message_id: nextMessageId++,
        date: now(),
        chat,
        from: user,
        text: line,
        entities: command ? [{ type: "bot_command", offset: 0, length: command[0].length }] : undefined,
      },
    };
  }

  return {
    fetch,

    /** Feeds every line of `input` to the bot, one at a time; resolves at end of input. */
    async run(bot: Bot<any>, input: NodeJS.ReadableStream): Promise<void> {
      const interactive = Boolean((input as { isTTY?: boolean }).isTTY);
      const lines = createInterface({ input, terminal: false });
      if (interactive) write("Local mode: type a message (/help, /latest, who is Dmitriev?), #N presses button N, Ctrl+D quits.");
      const prompt = () => interactive && options.output.write("\nyou> ");
      prompt();
      for await (const raw of lines) {
        const line = raw.trim();
        if (line) {
          if (!interactive) write(`\nyou> ${line}`);
          const update = updateFor(line);
          if (update) await bot.handleUpdate(update);
          await new Promise((resolve) => setImmediate(resolve));
        }
        prompt();
      }
    },
  };
}

function now() {
  return Math.floor(Date.now() / 1000);
}

function languageFromEnv(): string {
  const lang = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || "en";
  const code = lang.split(/[._]/)[0]?.toLowerCase();
  return code && code !== "c" && code !== "posix" ? code : "en";
}
