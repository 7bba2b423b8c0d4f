/**
 * Messages of /subscribe, /unsubscribe, /topics and /stats, rendered like every other view: from
 * data and a translate function, as escaped HTML.
 */
import type { ArticleSummary } from "../../db/repositories/articles.js";
import type { TopicRecord } from "../../db/repositories/catalog.js";
import type { SubscribeResult, SubscriptionStats, TopicState, UnsubscribeResult } from "../../subscriptions/service.js";
import type { Translate } from "../context.js";
import { bold, code, escapeHtml, packBlocks, truncate } from "./html.js";
import { deliveredArticleView, localizedTopicName, topicListLine, type View } from "./views.js";

const names = (topics: TopicRecord[], locale: string) => topics.map((t) => bold(localizedTopicName(t, locale))).join(", ");

/** The label of a topic in the /subscribe menu. */
export function topicButtonLabel(topic: TopicRecord, subscribed: boolean, locale: string): string {
  return `${subscribed ? "✅" : "▫️"} ${localizedTopicName(topic, locale)}`;
}

/** Names that are no topic, with the list of valid topics. */
function unknownTopicsBlock(t: Translate, unknown: string[], all: TopicRecord[], locale: string): string {
  return t("subscribe-unknown", { names: unknown.map((n) => code(truncate(n, 40))).join(", "), topics: topicListLine(all, locale) });
}

/** The answer to `/subscribe topic…`. */
export function subscribeResultView(t: Translate, input: { result: SubscribeResult; all: TopicRecord[]; locale: string }): View {
  const { result, locale } = input;
  const blocks: string[] = [];
  if (result.added.length) blocks.push(t("subscribe-added", { topics: names(result.added, locale) }));
  if (result.already.length) blocks.push(t("subscribe-already", { topics: names(result.already, locale) }));
  if (result.unknown.length) blocks.push(unknownTopicsBlock(t, result.unknown, input.all, locale));
  return { messages: packBlocks(blocks) };
}

/** The answer to `/unsubscribe topic…|all`. */
export function unsubscribeResultView(t: Translate, input: { result: UnsubscribeResult; all: TopicRecord[]; locale: string; everything: boolean }): View {
  const { result, locale } = input;
  if (input.everything) return { messages: [t(result.removed.length ? "unsubscribe-all-done" : "unsubscribe-nothing")] };
  const blocks: string[] = [];
  if (result.removed.length) blocks.push(t("unsubscribe-removed", { topics: names(result.removed, locale) }));
  if (result.notFollowed.length) blocks.push(t("unsubscribe-not-followed", { topics: names(result.notFollowed, locale) }));
  if (result.unknown.length) blocks.push(unknownTopicsBlock(t, result.unknown, input.all, locale));
  return { messages: packBlocks(blocks) };
}

/** The newest article of a topic, offered after a chat's first subscription. */
export function offerView(t: Translate, input: { topic: TopicRecord; article: ArticleSummary; all: TopicRecord[]; locale: string }): View {
  const view = deliveredArticleView(t, { article: input.article, topics: new Map(input.all.map((x) => [x.slug, x])), locale: input.locale });
  const [first, ...rest] = view.messages;
  const heading = t("subscribe-offer", { topic: escapeHtml(localizedTopicName(input.topic, input.locale)) });
  return { ...view, messages: packBlocks([heading, first ?? "", ...rest]) };
}

/**
 * The answer to a first subscription: its confirmation and the offered article in one message
 * when they fit (a second message to a chat within a second is what Telegram limits).
 */
export function withOffer(answer: View, offer: View): View {
  return { ...offer, messages: packBlocks([...answer.messages, ...offer.messages]) };
}

/** /topics: every topic with this chat's state and its subscriber count. */
export function topicsView(t: Translate, input: { states: TopicState[]; locale: string }): View {
  const lines = input.states.map((s) =>
    t("topics-line", {
      mark: s.subscribed ? "✅" : "▫️",
      name: escapeHtml(localizedTopicName(s.topic, input.locale)),
      slug: escapeHtml(s.topic.slug),
      count: s.subscribers,
    }),
  );
  return { messages: packBlocks([bold(t("topics-title")), lines.join("\n"), t("topics-footer")]) };
}

/** /stats: subscribers per topic, chats by state, delivery counts of recent articles. */
export function statsView(
  t: Translate,
  input: {
    stats: SubscriptionStats;
    locale: string;
    feeds?: Record<string, number>;
    preferences?: { byMode: Record<string, number>; mostFollowed: { name: string; chats: number }[]; savedByDigests: number };
  },
): View {
  const { stats, locale, feeds, preferences } = input;
  const blocks = [bold(t("stats-title")), t("stats-chats", { active: stats.chats.active, inactive: stats.chats.inactive })];
  if (feeds) blocks.push(t("stats-feeds", { active: feeds.active ?? 0, paused: feeds.paused ?? 0, failing: feeds.failing ?? 0, disabled: feeds.disabled ?? 0 }));
  if (preferences) {
    const { byMode } = preferences;
    blocks.push(t("stats-modes", { instant: byMode.instant ?? 0, hourly: byMode.hourly ?? 0, daily: byMode.daily ?? 0, weekly: byMode.weekly ?? 0, saved: preferences.savedByDigests }));
    if (preferences.mostFollowed.length > 0) {
      blocks.push([bold(t("stats-follows-title")), ...preferences.mostFollowed.map((f) => t("stats-follow-line", { name: escapeHtml(f.name), count: f.chats }))].join("\n"));
    }
  }
  blocks.push(
    [
      bold(t("stats-topics-title")),
      ...stats.topics.map((x) => t("stats-topic-line", { name: escapeHtml(localizedTopicName(x.topic, locale)), active: x.active, inactive: x.inactive })),
    ].join("\n"),
  );
  if (stats.articles.length === 0) blocks.push(t("stats-no-deliveries"));
  else {
    blocks.push(
      [
        bold(t("stats-articles-title")),
        ...stats.articles.map((a) =>
          t("stats-article-line", {
            id: a.articleId,
            title: escapeHtml(truncate(a.title, 60)),
            sent: a.sent,
            pending: a.pending,
            failed: a.failed,
            cancelled: a.cancelled,
          }),
        ),
      ].join("\n"),
    );
  }
  return { messages: packBlocks(blocks) };
}
