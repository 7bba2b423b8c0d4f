/**
 * The story editor's own decisions, over fakes of its queue and of Telegram: a 429 puts the edit
 * back for retry_after, "message is not modified" and a deleted message are dropped, and near the
 * send cap it edits nothing and puts the due edits a second later.
 */
import { GrammyError } from "grammy";
import pino from "pino";
import { describe, expect, it } from "vitest";
import type { DueStoryEdit } from "../../src/db/repositories/deliveries.js";
import { createStoryEditor } from "../../src/delivery/story-edits.js";

const NOW = new Date("2026-03-03T12:00:00Z");
const row = (id: number): DueStoryEdit => ({ id, articleId: 10, chatId: 100 + id, messageId: 500 + id, chatLanguage: "en", linkPreviews: id !== 2 });
const telegramError = (code: number, description: string, retryAfter?: number) =>
  new GrammyError(`Call to 'editMessageText' failed! (${code}: ${description})`, { ok: false, error_code: code, description, parameters: retryAfter ? { retry_after: retryAfter } : {} }, "editMessageText", {});

function setup(options: { answer?: (chatId: number) => Error | undefined; perSecond?: number } = {}) {
  const due = [row(1), row(2), row(3)];
  const postponed: { id: number; until: Date }[] = [];
  const edits: { chatId: number; messageId: number; text: string; options: Record<string, unknown> }[] = [];
  const editor = createStoryEditor({
    claim: async (limit) => due.splice(0, limit),
    postpone: async (id, until) => void postponed.push({ id, until }),
    api: {
      editMessageText: (async (chatId: number, messageId: number, text: string, other: Record<string, unknown>) => {
        const error = options.answer?.(chatId);
        if (error) throw error;
        edits.push({ chatId, messageId, text, options: other });
        return true;
      }) as never,
    },
    render: async () => ({ text: "<b>Title</b>\n📰 3 outlets", options: { parse_mode: "HTML", link_preview_options: { url: "https://example.org/a" } } }),
    log: pino({ level: "silent" }),
    meter: { note: () => {}, perSecond: () => options.perSecond ?? 0, msUntilBelow: () => 0, chatWasBusy: () => false },
    telegramCap: 30,
    now: () => NOW,
  });
  return { editor, postponed, edits };
}

describe("story editor", () => {
  it("edits every due message with the chat's link preview choice", async () => {
    const { editor, edits, postponed } = setup();
    expect(await editor.runOnce()).toBe(3);
    expect(edits.map((e) => [e.chatId, e.messageId])).toEqual([[101, 501], [102, 502], [103, 503]]);
    expect(edits[0]!.options.link_preview_options).toEqual({ url: "https://example.org/a" });
    expect(edits[1]!.options.link_preview_options).toEqual({ is_disabled: true });
    expect(postponed).toEqual([]);
  });

  it("puts a 429'd edit back for retry_after and drops edits Telegram refuses otherwise", async () => {
    const { editor, edits, postponed } = setup({
      answer: (chatId) =>
        chatId === 101 ? telegramError(429, "Too Many Requests: retry after 7", 7) : chatId === 102 ? telegramError(400, "Bad Request: message is not modified") : chatId === 103 ? telegramError(400, "Bad Request: message to edit not found") : undefined,
    });
    expect(await editor.runOnce()).toBe(0);
    expect(edits).toEqual([]);
    expect(postponed).toEqual([{ id: 1, until: new Date(NOW.getTime() + 7_000) }]);
  });

  it("near the send cap edits nothing and puts the due edits a second later", async () => {
    const { editor, edits, postponed } = setup({ perSecond: 24 });
    expect(await editor.runOnce()).toBe(0);
    expect(edits).toEqual([]);
    expect(postponed).toEqual([1, 2, 3].map((id) => ({ id, until: new Date(NOW.getTime() + 1_000) })));
  });
});
