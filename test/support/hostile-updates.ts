/**
 * Hostile input for the bot: texts, callback data and update shapes Telegram may send (or an
 * attacker who got past the webhook secret may forge), and a builder that puts a text into any
 * kind of update.
 */
import type { Update } from "grammy/types";

/** One character from every Unicode plane (0–16), assigned or not. */
export const EVERY_PLANE = Array.from({ length: 17 }, (_, plane) => String.fromCodePoint(plane * 0x10000 + 0x4e2d)).join("");

/** Free text that has broken bots before. */
export const HOSTILE_TEXTS: string[] = [
  "",
  " ",
  "\n\n\t",
  "x".repeat(10_000),
  "word ".repeat(2_000),
  "<b>".repeat(3_000),
  "&".repeat(5_000),
  "🇺🇦".repeat(3_000),
  EVERY_PLANE,
  "👩‍👩‍👧‍👦 ÉÉ́́ 中文 日本語 한국어 עברית العربية",
  "Z̷̡̢̛̛̖̗̘̙̜̝̞̟̠̤̥̦̩̪̫̬̭̮̯̰̱̲̳̹̺̻̼͇͈͉͍͎̀́̂̃̄̅̆̇̈̉ͅa̵l̶g̷o",
  "\u200B\u200C\u200D\u2060\uFEFF",
  "who is \u200BPutin\u200D?",
  "\u202Eevil\u202C \u200F\u061Cمرحبا\u200E",
  "\u0000\u0001\u0007\u001B[31m\u007F",
  "\r\n\r\n",
  "\uD800",
  "abc\uDC00def",
  "\uDBFF\uDFFF\uD83D",
  "<b>bold</b>",
  "</a>",
  "<b><i>unclosed",
  "&",
  "&amp; &lt; &#0; &#x110000; &nbsp;",
  '<a href="javascript:alert(1)">click</a>',
  '<a href="tg://user?id=1">x</a>',
  "<script>alert(1)</script>",
  '"quoted" \'single\' `back`',
  "*bold* _italic_ `code` ```pre``` [link](javascript:alert(1)) ||spoiler|| ~~strike~~ __u__",
  "'; DROP TABLE articles; --",
  "1' OR '1'='1",
  "%' OR 1=1 --",
  "Robert'); DELETE FROM admins; --",
  "$1 $$ \\x00 E'\\\\'",
  "%_%_%",
  "who is <b>Macron</b>?",
  "who is '; drop table entities; --?",
  "qui est " + "a".repeat(5_000) + " ?",
  "кто такой Путин?",
  "Putin",
  "-1",
  "1e309",
  "99999999999999999999",
];

/** Commands with hostile, huge, negative or malformed arguments, and malformed commands. */
export const HOSTILE_COMMANDS: string[] = [
  "/",
  "//",
  "/ latest",
  "/latest@otherbot",
  "/latest@otherbot 3",
  "/LATEST",
  "/Start",
  "/latest@test_news_bot 2",
  "/start@test_news_bot",
  "/\u200Blatest",
  "/" + "a".repeat(100),
  "/ünïcödé",
  "/latest\u00A0world",
  "/latest -1",
  "/latest 0",
  "/latest 1e309",
  "/latest 99999999999999999999",
  "/latest NaN",
  "/latest Infinity",
  "/latest 3.5",
  "/latest 0x10",
  "/latest 1 2",
  "/latest +5",
  "/latest <b>world</b>",
  "/latest " + "🇺🇦".repeat(60),
  "/latest " + "x".repeat(10_000),
  "/latest '; DROP TABLE articles; --",
  "/latest \uD800",
  "/latest " + "a".repeat(99) + "😀",
  "/sources 99999999999999999999",
  "/sources -1",
  "/sources 0",
  "/sources #0",
  "/sources 1e3",
  "/sources 999999999",
  "/sources 1;drop",
  "/sources " + "b".repeat(49) + "😀",
  "/sources <a href=\"javascript:alert(1)\">",
  "/who",
  "/who <b>x</b>",
  "/who &",
  "/who " + "x".repeat(10_000),
  "/who %",
  "/who _",
  "/who '; DROP TABLE entities; --",
  "/who \uDC00",
  "/subscribe <b>",
  "/subscribe '; drop table topics; --",
  "/subscribe " + "x".repeat(10_000),
  "/subscribe \u200B",
  "/unsubscribe all",
  "/unsubscribe <i>",
  "/topics extra args",
  "/language xx",
  "/help me",
  "/start <script>",
  "/stats",
  "/stats 1 2 3",
  "/admins",
  "/admins add 5",
  "/admins add -5",
  "/admins add 0",
  "/admins add 1e309",
  "/admins add 99999999999999999999",
  "/admins add 5 6",
  "/admins remove -1",
  "/admins remove <b>",
  "/admins frobnicate " + "😀".repeat(30),
  "/post",
  "/post now",
  "/cancel",
];

/** Callback data nobody's button carries: random, stale, forged, of other menus. */
export const HOSTILE_CALLBACKS: string[] = [
  "",
  "x",
  "x".repeat(64),
  "😀".repeat(16),
  "\uD800",
  "a:src:999999999",
  "a:src:0",
  "a:who:-1",
  "a:full:1e3",
  "a:full:1;drop",
  "a:src:99999999999999999999",
  "a:xxx:1",
  "e:999999999",
  "e:0",
  "e:1:m:99999",
  "e:1:m:-1",
  "e:1:m:1e309",
  "post:publish",
  "post:cancel",
  "post:title",
  "post:summary",
  "post:t:diplomacy",
  "post:t:<b>",
  "post:delete",
  "topics",
  "topics/",
  "topics/0/x",
  "topics/0/0/zzz",
  "language",
  "language/",
  "language/0/0/zzz",
  "language/9/9/" + "f".repeat(50),
  "'; DROP TABLE chats; --",
];

/** The kinds of update a text can arrive in. */
export const CONTEXTS = [
  "private",
  "group",
  "supergroup",
  "channel",
  "edited",
  "edited-channel",
  "unknown-chat",
  "no-from-private",
  "no-from-group",
  "caption",
] as const;
export type UpdateContext = (typeof CONTEXTS)[number];

let nextId = 500_000;

export interface Sender {
  userId: number;
  /** Chat id of groups and channels (negative). */
  groupId?: number;
  languageCode?: string;
}

/** Telegram marks a command like this (the same rule its clients use). */
export function commandEntities(text: string) {
  const command = /^\/[A-Za-z0-9_]{1,64}(@[A-Za-z0-9_]{1,64})?/.exec(text);
  return command ? [{ type: "bot_command" as const, offset: 0, length: command[0].length }] : undefined;
}

/** `text` as Telegram would deliver it in `context`, sent by `sender`. */
export function updateOf(text: string, context: UpdateContext, sender: Sender): Update {
  const update_id = nextId++;
  const date = Math.floor(Date.now() / 1000);
  const from = { id: sender.userId, is_bot: false, first_name: "Eve<b>&", language_code: sender.languageCode ?? "en" };
  const groupId = sender.groupId ?? -1001234;
  const body = { message_id: nextId, date, text, entities: commandEntities(text) };
  switch (context) {
    case "private":
      return { update_id, message: { ...body, chat: { id: sender.userId, type: "private", first_name: "Eve" }, from } } as Update;
    case "group":
      return { update_id, message: { ...body, chat: { id: groupId, type: "group", title: "<b>Group</b>" }, from } } as Update;
    case "supergroup":
      return { update_id, message: { ...body, chat: { id: groupId, type: "supergroup", title: "Super & group" }, from } } as Update;
    case "channel":
      return { update_id, channel_post: { ...body, chat: { id: groupId, type: "channel", title: "Some channel" }, sender_chat: { id: groupId, type: "channel", title: "Some channel" } } } as Update;
    case "edited":
      return { update_id, edited_message: { ...body, edit_date: date, chat: { id: sender.userId, type: "private", first_name: "Eve" }, from } } as Update;
    case "edited-channel":
      return { update_id, edited_channel_post: { ...body, edit_date: date, chat: { id: groupId, type: "channel", title: "Some channel" } } } as Update;
    case "unknown-chat":
      return { update_id, message: { ...body, chat: { id: groupId, type: "secret-future-type", title: "?" }, from } } as unknown as Update;
    case "no-from-private":
      return { update_id, message: { ...body, chat: { id: sender.userId, type: "private", first_name: "Eve" } } } as Update;
    case "no-from-group":
      return { update_id, message: { ...body, chat: { id: groupId, type: "supergroup", title: "G" } } } as Update;
    case "caption":
      return {
        update_id,
        message: {
          message_id: nextId,
          date,
          chat: { id: sender.userId, type: "private", first_name: "Eve" },
          from,
          photo: [{ file_id: "f", file_unique_id: "u", width: 1, height: 1 }],
          caption: text,
          caption_entities: commandEntities(text),
        },
      } as Update;
  }
}

/** A button press with `data`, on a message of the sender's private chat or a group, or inline. */
export function callbackOf(data: string, sender: Sender, where: "private" | "group" | "inline" = "private"): Update {
  const update_id = nextId++;
  const from = { id: sender.userId, is_bot: false, first_name: "Eve", language_code: sender.languageCode ?? "en" };
  const chat = where === "group" ? { id: sender.groupId ?? -1001234, type: "supergroup", title: "G" } : { id: sender.userId, type: "private", first_name: "Eve" };
  const base = { id: String(update_id), from, chat_instance: "hostile", data };
  if (where === "inline") return { update_id, callback_query: { ...base, inline_message_id: "inline-1" } } as Update;
  return { update_id, callback_query: { ...base, message: { message_id: 1, date: Math.floor(Date.now() / 1000), chat, text: "…" } } } as Update;
}

/** Updates of kinds the bot does not handle, or with shapes grammY has never seen. */
export function oddUpdates(sender: Sender): Update[] {
  const from = { id: sender.userId, is_bot: false, first_name: "Eve" };
  const chat = { id: sender.userId, type: "private", first_name: "Eve" };
  const date = Math.floor(Date.now() / 1000);
  return [
    { update_id: nextId++ } as Update,
    { update_id: nextId++, some_future_update: { x: 1 } } as unknown as Update,
    { update_id: nextId++, inline_query: { id: "1", from, query: "<b>'; drop", offset: "" } } as Update,
    { update_id: nextId++, poll: { id: "p", question: "?", options: [], total_voter_count: 0, is_closed: false, is_anonymous: true, type: "regular", allows_multiple_answers: false } } as unknown as Update,
    { update_id: nextId++, message: { message_id: 1, date, chat, from } } as Update,
    { update_id: nextId++, message: { message_id: 1, date, chat, from, sticker: { file_id: "s", file_unique_id: "s", type: "regular", width: 1, height: 1, is_animated: false, is_video: false } } } as Update,
    { update_id: nextId++, message: { message_id: 1, date, chat, from, text: "/latest", entities: [{ type: "bot_command", offset: 0, length: 5_000 }] } } as Update,
    { update_id: nextId++, message: { message_id: 1, date, chat, from, text: "/who x", entities: [{ type: "bot_command", offset: 3, length: 2 }] } } as Update,
    { update_id: nextId++, message: { message_id: 1, date, chat, from, text: "hi", entities: [{ type: "text_link", offset: 0, length: 2, url: "javascript:alert(1)" }] } } as Update,
    { update_id: nextId++, callback_query: { id: "cq", from, chat_instance: "x" } } as Update,
    { update_id: nextId++, message_reaction: { chat, message_id: 1, date, old_reaction: [], new_reaction: [{ type: "emoji", emoji: "👍" }] } } as Update,
  ];
}
