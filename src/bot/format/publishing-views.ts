/**
 * Messages of the admin side: the /post preview (the subscriber's message itself, with the admin's
 * controls), publishing outcomes and the /admins list.
 */
import { InlineKeyboard } from "grammy";
import type { AdminEntry } from "../../admin/admins.js";
import type { TopicRecord } from "../../db/repositories/catalog.js";
import type { Problem } from "../../news/article-request.js";
import type { Translate } from "../context.js";
import { bold, code, escapeHtml, packBlocks, truncate } from "./html.js";
import { deliveredArticleView, topicName, type View } from "./views.js";

/** Callback data of the /post preview buttons. */
export const postCallbackData = {
  topic: (slug: string) => `post:t:${slug}`,
  publish: "post:publish",
  editTitle: "post:title",
  editSummary: "post:summary",
  cancel: "post:cancel",
} as const;

/** Matches every /post preview button; group 1 is the action, group 2 the topic slug. */
export const POST_CALLBACK = /^post:(t|publish|title|summary|cancel)(?::([a-z0-9_-]{1,50}))?$/;

export interface PostDraftView {
  title: string;
  summary: string;
  url: string | null;
  language: string;
  /** Chosen topic slugs. */
  topics: string[];
  /** When it will be published (now), in milliseconds. */
  publishedAtMs: number;
}

/** The buttons under the preview: one toggle per topic, then Publish, Edit title, Edit summary, Cancel. */
export function postPreviewKeyboard(t: Translate, input: { topics: TopicRecord[]; selected: string[]; locale: string }): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  input.topics.forEach((topic, index) => {
    const name = topicName(new Map([[topic.slug, topic]]), topic.slug, input.locale);
    const key = input.selected.includes(topic.slug) ? "post-topic-selected" : "post-topic-unselected";
    keyboard.text(t(key, { topic: name }), postCallbackData.topic(topic.slug));
    if (index % 2 === 1) keyboard.row();
  });
  if (input.topics.length % 2 === 1) keyboard.row();
  return keyboard
    .text(t("post-button-publish"), postCallbackData.publish)
    .row()
    .text(t("post-button-edit-title"), postCallbackData.editTitle)
    .text(t("post-button-edit-summary"), postCallbackData.editSummary)
    .row()
    .text(t("post-button-cancel"), postCallbackData.cancel);
}

/**
 * The /post preview: an intro, then the article exactly as `deliveredArticleView` renders it for
 * subscribers, with the admin's buttons instead of the reader's.
 */
export function postPreviewView(t: Translate, input: { draft: PostDraftView; topics: TopicRecord[]; locale: string }): View {
  const { draft } = input;
  const article = {
    id: 0,
    title: draft.title,
    summary: draft.summary,
    url: draft.url,
    site: null,
    language: draft.language,
    publishedAt: new Date(draft.publishedAtMs),
    topics: draft.topics,
  };
  const delivered = deliveredArticleView(t, { article, topics: new Map(input.topics.map((topic) => [topic.slug, topic])), locale: input.locale });
  const intro = t(draft.topics.length ? "post-preview-intro" : "post-preview-intro-no-topics");
  return {
    messages: [intro, ...delivered.messages],
    keyboard: postPreviewKeyboard(t, { topics: input.topics, selected: draft.topics, locale: input.locale }),
    preview: delivered.preview,
  };
}

/** Validation problems as an HTML list. */
export function problemsView(t: Translate, problems: Problem[]): View {
  const lines = problems.map((p) => `• ${p.path ? `${code(p.path)}: ` : ""}${escapeHtml(p.message)}`);
  return { messages: packBlocks([t("post-invalid"), lines.join("\n")]) };
}

/** /admins: configured admins first, then the ones added from Telegram. */
export function adminsListView(t: Translate, admins: AdminEntry[]): View {
  const lines = admins.map((admin) =>
    admin.source === "config"
      ? t("admins-entry-config", { id: code(String(admin.userId)) })
      : admin.addedBy
        ? t("admins-entry-added-by", { id: code(String(admin.userId)), by: code(String(admin.addedBy)) })
        : t("admins-entry-added", { id: code(String(admin.userId)) }),
  );
  return { messages: packBlocks([bold(t("admins-title")), lines.length ? lines.join("\n") : t("admins-none"), t("admins-usage")]) };
}

/** A user-typed value shown back in an error message. */
export function echo(value: string): string {
  return escapeHtml(truncate(value, 40));
}
