/**
 * Messages about feeds (admins only): the /feeds list, outcomes of /feeds commands, OPML import,
 * the review card of a new item, and the notice that a feed is failing.
 */
import { InlineKeyboard } from "grammy";
import type { Translate } from "../context.js";
import { bold, code, escapeHtml, link, packBlocks, truncate } from "./html.js";
import { formatDateTime, type View } from "./views.js";

/** What a feed line shows (a FeedRecord has all of it). */
export interface FeedLine {
  id: number;
  url: string;
  title: string | null;
  state: string;
  mode: string;
  topics: string[];
  lastFetchAt: Date | null;
  lastError: string | null;
  itemCount: number;
  duplicateCount: number;
}

/** Callback data of a review card's buttons. */
export const feedCallbackData = {
  publish: (itemId: number) => `fi:pub:${itemId}`,
  skip: (itemId: number) => `fi:skip:${itemId}`,
};
/** Matches review buttons: `fi:<action>:<item id>`. */
export const FEED_ITEM_CALLBACK = /^fi:(pub|skip):(\d{1,10})$/;

const STATE_ICONS: Record<string, string> = { active: "🟢", paused: "⏸", failing: "🟠", disabled: "🔴" };

/** /feeds: one block per feed with its state, last fetch and counts. */
export function feedListView(t: Translate, input: { feeds: FeedLine[]; locale: string }): View {
  if (input.feeds.length === 0) return { messages: [t("feeds-none")] };
  const blocks = [bold(t("feeds-title", { count: input.feeds.length }))];
  for (const feed of input.feeds) {
    const lines = [
      `${STATE_ICONS[feed.state] ?? "•"} <b>${feed.id}</b>. ${escapeHtml(truncate(feed.title ?? feed.url, 80))}`,
      code(truncate(feed.url, 200)),
      t("feeds-line-state", {
        state: t(`feeds-state-${feed.state}`),
        mode: t(feed.mode === "review" ? "feeds-mode-review" : "feeds-mode-publish"),
        items: feed.itemCount,
        duplicates: feed.duplicateCount,
      }),
      feed.lastFetchAt ? t("feeds-line-fetched", { date: formatDateTime(feed.lastFetchAt, input.locale) }) : t("feeds-line-never"),
    ];
    if (feed.topics.length > 0) lines.push(t("feeds-line-topics", { topics: escapeHtml(feed.topics.join(", ")) }));
    if (feed.lastError && feed.state !== "active") lines.push(t("feeds-line-error", { error: escapeHtml(truncate(feed.lastError, 200)) }));
    blocks.push(lines.join("\n"));
  }
  blocks.push(t("feeds-usage"));
  return { messages: packBlocks(blocks) };
}

/** The card an admin gets for a new item of a feed in review mode. */
export function reviewItemView(t: Translate, input: { itemId: number; feedTitle: string; title: string; lead: string; url?: string }): View {
  const blocks = [
    t("feeds-review-intro", { feed: escapeHtml(truncate(input.feedTitle, 100)) }),
    bold(truncate(input.title, 300)),
    escapeHtml(truncate(input.lead, 700)),
  ];
  if (input.url) blocks.push(link(input.url));
  return {
    messages: packBlocks(blocks),
    keyboard: new InlineKeyboard().text(t("feeds-review-publish"), feedCallbackData.publish(input.itemId)).text(t("feeds-review-skip"), feedCallbackData.skip(input.itemId)),
  };
}

/** The one notice admins get when a feed starts failing (or is disabled after a week). */
export function feedFailingView(t: Translate, input: { id: number; title: string; state: string; error: string }): View {
  const key = input.state === "disabled" ? "feeds-notice-disabled" : "feeds-notice-failing";
  return { messages: [t(key, { id: input.id, feed: escapeHtml(truncate(input.title, 100)), error: escapeHtml(truncate(input.error, 300)) })] };
}
