/**
 * Messages the bot sends admins on its own, outside any update: a feed that keeps failing, a new
 * item of a feed in review mode. Each admin gets them in their chat's language; an admin who never
 * started the bot (Telegram refuses the message) is skipped.
 */
import type { Api } from "grammy";
import type { Logger } from "pino";
import type { I18n } from "@grammyjs/i18n";
import type { BotContext } from "./context.js";
import { feedFailingView, reviewItemView } from "./format/feed-views.js";
import type { View } from "./format/views.js";
import { translatorFor } from "./i18n.js";

export interface AdminNoticeDeps {
  api: Api;
  i18n: I18n<BotContext>;
  /** Every admin's user id (ADMIN_IDS and /admins). */
  adminIds(): Promise<number[]>;
  languageOf(chatId: number): Promise<string | null | undefined>;
  log: Logger;
}

/** Creates the notices. */
export function createAdminNotices(deps: AdminNoticeDeps) {
  async function send(render: (t: ReturnType<typeof translatorFor>) => View): Promise<void> {
    for (const adminId of await deps.adminIds()) {
      const language = (await deps.languageOf(adminId).catch(() => undefined)) ?? "en";
      const view = render(translatorFor(deps.i18n, language));
      try {
        for (const [index, text] of view.messages.entries()) {
          const last = index === view.messages.length - 1;
          await deps.api.sendMessage(adminId, text, {
            parse_mode: "HTML",
            reply_markup: last ? view.keyboard : undefined,
            link_preview_options: { is_disabled: true },
          });
        }
      } catch (error) {
        deps.log.info({ err: error, adminId }, "Could not send a notice to an admin");
      }
    }
  }

  return {
    feedFailing(feed: { id: number; title: string | null; url: string }, state: string, error: string): Promise<void> {
      return send((t) => feedFailingView(t, { id: feed.id, title: feed.title ?? feed.url, state, error }));
    },
    reviewItem(feed: { title: string | null; url: string }, item: { id: number; title: string; body: string; url?: string }): Promise<void> {
      const lead = item.body.split(/\n+/).find((line) => line.trim().length > 0) ?? "";
      return send((t) => reviewItemView(t, { itemId: item.id, feedTitle: feed.title ?? feed.url, title: item.title, lead, url: item.url }));
    },
  };
}

export type AdminNotices = ReturnType<typeof createAdminNotices>;
