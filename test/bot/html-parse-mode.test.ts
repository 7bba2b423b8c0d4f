import { describe, expect, it } from "vitest";
import { htmlParseMode } from "../../src/bot/html-parse-mode.js";

describe("the bot's HTML parse mode", () => {
  const seen: { method: string; payload: unknown }[] = [];
  const prev = (async (method: string, payload: unknown) => {
    seen.push({ method, payload });
    return { ok: true, result: true };
  }) as unknown as Parameters<typeof htmlParseMode>[0];
  const call = (method: string, payload: Record<string, unknown>) =>
    htmlParseMode(prev, method as never, payload as never, undefined);

  it("sets HTML on texts and captions, keeps a call's own parse mode, and leaves other methods alone", async () => {
    await call("sendMessage", { chat_id: 1, text: "<b>x</b>" });
    await call("editMessageText", { chat_id: 1, message_id: 2, text: "y", parse_mode: "MarkdownV2" });
    await call("sendDocument", { chat_id: 1, caption: "z" });
    await call("answerCallbackQuery", { callback_query_id: "q", text: "plain" });
    expect(seen.map((s) => (s.payload as { parse_mode?: string }).parse_mode)).toEqual(["HTML", "MarkdownV2", "HTML", undefined]);
  });
});
