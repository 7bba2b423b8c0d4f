/**
 * Every text and caption the bot writes is Telegram HTML (escaped in `format/html.ts`), so the
 * parse mode is set once, as an API transformer, instead of on every call. (The official
 * parse-mode plugin dropped its transformer in v2.) A call that names its own `parse_mode` keeps it.
 */
import type { Transformer } from "grammy";

/** Methods with a `parse_mode` for their text or caption. */
const FORMATTED_METHODS = new Set([
  "sendMessage",
  "editMessageText",
  "sendPhoto",
  "sendDocument",
  "sendVideo",
  "sendAnimation",
  "sendAudio",
  "sendVoice",
  "editMessageCaption",
]);

export const htmlParseMode: Transformer = (prev, method, payload, signal) => {
  const formatted = FORMATTED_METHODS.has(method) && payload !== undefined && !("parse_mode" in payload);
  return prev(method, formatted ? { ...payload, parse_mode: "HTML" } : payload, signal);
};
