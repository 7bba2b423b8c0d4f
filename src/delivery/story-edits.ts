/**
 * Keeps the messages of a story current: when a story gains an outlet, the messages chats already
 * received for it (the last 48 hours) are edited so that their outlets line and buttons show the
 * whole story, instead of a second message. The enqueue marks them (at most once an hour per
 * message, hence per chat and story); this job, in the delivery role, edits the due ones a few at
 * a time, and leaves the budget to the broadcast when this process is near Telegram's global cap.
 */
import { GrammyError, type Api } from "grammy";
import type { Logger } from "pino";
import type { DueStoryEdit } from "../db/repositories/deliveries.js";
import { createPeriodicJob, type RunnableJob } from "../periodic-job.js";
import type { SendMeter } from "./send-meter.js";
import type { RenderDelivery } from "./worker.js";

export interface StoryEditorOptions {
  claim(limit: number): Promise<DueStoryEdit[]>;
  postpone(id: number, until: Date): Promise<void>;
  api: Pick<Api, "editMessageText">;
  render: RenderDelivery;
  log: Logger;
  /** This process's calls to Telegram in the last second, and the cap they share. */
  meter?: SendMeter;
  telegramCap?: number;
  now?: () => Date;
  intervalMs?: number;
  batchSize?: number;
}

/** `runOnce` edits the due messages and returns how many it edited. */
export type StoryEditor = RunnableJob;

/** Below this share of the cap, edits go out; above it they wait a second for the broadcast. */
const METER_SHARE = 0.8;

export function createStoryEditor(options: StoryEditorOptions): StoryEditor {
  const { log } = options;
  const now = options.now ?? (() => new Date());
  const batchSize = options.batchSize ?? 10;
  const cap = options.telegramCap ?? 30;

  async function edit(row: DueStoryEdit): Promise<boolean> {
    const message = await options.render(row.articleId, row.chatId, row.chatLanguage ?? "en");
    if (!message) return false;
    try {
      options.meter?.note();
      const { parse_mode, reply_markup, link_preview_options } = message.options;
      await options.api.editMessageText(row.chatId, row.messageId, message.text, {
        parse_mode,
        // Delivered messages only carry inline keyboards.
        reply_markup: reply_markup && "inline_keyboard" in reply_markup ? reply_markup : undefined,
        link_preview_options: row.linkPreviews ? link_preview_options : { is_disabled: true },
      });
      return true;
    } catch (error) {
      if (error instanceof GrammyError && error.error_code === 429) {
        await options.postpone(row.id, new Date(now().getTime() + Math.max(1, error.parameters?.retry_after ?? 1) * 1000));
      } else if (!(error instanceof GrammyError && /message is not modified/i.test(error.description))) {
        // A deleted message or a chat that left: the message stays as it was.
        log.debug({ chatId: row.chatId, err: error }, "Could not edit a story message");
      }
      return false;
    }
  }

  async function runOnce(): Promise<number> {
    let edited = 0;
    for (;;) {
      const rows = await options.claim(batchSize);
      for (const [index, row] of rows.entries()) {
        if (options.meter && options.meter.perSecond() >= METER_SHARE * cap) {
          const later = new Date(now().getTime() + 1000);
          for (const waiting of rows.slice(index)) await options.postpone(waiting.id, later);
          return edited;
        }
        if (await edit(row)) edited++;
      }
      if (rows.length < batchSize) return edited;
    }
  }

  const job = createPeriodicJob({ run: runOnce, intervalMs: options.intervalMs ?? 2_000, log, failure: "Could not edit story messages; trying again later" });
  return { runOnce, start: job.start, stop: job.stop };
}
