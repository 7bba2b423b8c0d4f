/**
 * The /post conversation: the admin sends an article, sees it exactly as subscribers will, ticks
 * topics, may edit the title or summary, and publishes or cancels. Its state is replayed from the
 * database, so everything that reads or writes data goes through `conversation.external`, whose
 * results must be plain JSON (they are stored in a jsonb column).
 */
import type { Conversation, ConversationFlavor } from "@grammyjs/conversations";
import type { I18n } from "@grammyjs/i18n";
import type { Context } from "grammy";
import type { TopicRecord } from "../../db/repositories/catalog.js";
import { SUMMARY_MAX, TITLE_MAX } from "../../news/article-request.js";
import { parseDraft, type Draft } from "../../news/draft.js";
import { BroadcastError, type PublishOutcome } from "../../news/publishing.js";
import type { BotContext, Translate } from "../context.js";
import type { BotDeps } from "../deps.js";
import { POST_CALLBACK, postPreviewKeyboard, postPreviewView, problemsView, type PostDraftView } from "../format/publishing-views.js";
import { translatorFor } from "../i18n.js";
import { replyView } from "../reply.js";

export const POST_CONVERSATION = "post";

export type PostContext = ConversationFlavor<BotContext>;
export type PostConversation = Conversation<PostContext, Context>;

type Outcome = PublishOutcome | { status: "forbidden" } | { status: "broadcast-failed"; id: number };

/** Creates the conversation builder; `i18n` renders texts in the language of the admin's chat. */
export function createPostConversation(deps: BotDeps, i18n: I18n<BotContext>) {
  return async function post(conversation: PostConversation, ctx: Context): Promise<void> {
    const locale = await conversation.external((outer) => outer.i18n.getLocale());
    const t = translatorFor(i18n, locale);
    const userId = ctx.from!.id;

    await ctx.reply(t("post-ask-article"));
    const draft = await waitForDraft(conversation, t);

    const preview = await conversation.external(() => deps.publishing.preview({ ...draft, origin: "telegram", createdBy: userId }));
    if (preview.duplicateOf !== undefined) {
      await ctx.reply(t("post-duplicate", { id: preview.duplicateOf }));
      return;
    }
    const topics = await conversation.external(() => deps.news.listTopics());
    const state: PostDraftView & { body: string; summaryByAdmin?: string } = {
      title: draft.title,
      body: draft.body,
      summary: preview.summary,
      url: preview.url,
      language: preview.language,
      topics: preview.topics,
      publishedAtMs: await conversation.now(),
    };

    for (;;) {
      await replyView(ctx, postPreviewView(t, { draft: state, topics, locale }));
      const action = await waitForButtons(conversation, t, state, topics, locale);
      if (action === "cancel") {
        await ctx.reply(t("post-cancelled"));
        return;
      }
      if (action === "title") {
        await ctx.reply(t("post-ask-title", { max: TITLE_MAX }));
        state.title = await waitForLine(conversation, t, TITLE_MAX);
        continue;
      }
      if (action === "summary") {
        await ctx.reply(t("post-ask-summary", { max: SUMMARY_MAX }));
        state.summary = state.summaryByAdmin = await waitForLine(conversation, t, SUMMARY_MAX);
        continue;
      }
      const outcome = await conversation.external(async (): Promise<Outcome> => {
        // Admin rights are checked again: they may have been removed while the preview was open.
        if (!(await deps.isAdmin(userId))) return { status: "forbidden" };
        try {
          return await deps.publishing.publish({
            title: state.title,
            body: state.body,
            url: state.url ?? undefined,
            language: state.language === "und" ? undefined : state.language,
            topics: state.topics,
            summary: state.summaryByAdmin,
            origin: "telegram",
            createdBy: userId,
          });
        } catch (error) {
          if (error instanceof BroadcastError) return { status: "broadcast-failed", id: error.articleId };
          throw error;
        }
      });
      switch (outcome.status) {
        case "published":
          await ctx.reply(t("post-published", { id: outcome.id, deliveries: outcome.deliveries }));
          return;
        case "duplicate":
          await ctx.reply(t("post-duplicate", { id: outcome.id }));
          return;
        case "broadcast-failed":
          await ctx.reply(t("post-broadcast-failed", { id: outcome.id }));
          return;
        case "forbidden":
          await ctx.reply(t("post-not-admin"));
          return;
        case "invalid":
          await replyView(ctx, problemsView(t, outcome.problems));
          continue;
      }
    }
  };
}

/** Waits for a text message or a forwarded message with text or a caption; commands do not count. */
async function waitForDraft(conversation: PostConversation, t: Translate): Promise<Draft> {
  for (;;) {
    const next = await conversation.wait();
    const message = next.message;
    const text = message?.text ?? message?.caption;
    if (message && text && !isCommand(text)) {
      const entities = message.entities ?? message.caption_entities ?? [];
      const draft = parseDraft(text, entities.flatMap((e) => (e.type === "text_link" ? [e.url] : [])));
      if (draft) return draft;
    }
    if (next.callbackQuery) await next.answerCallbackQuery();
    await next.reply(t("post-need-text"));
  }
}

/** Waits for one line of text of at most `max` characters. */
async function waitForLine(conversation: PostConversation, t: Translate, max: number): Promise<string> {
  for (;;) {
    const next = await conversation.wait();
    const text = next.message?.text?.replace(/\s+/g, " ").trim();
    if (text && !isCommand(text)) {
      if (text.length <= max) return text;
      await next.reply(t("post-too-long", { length: text.length, max }));
      continue;
    }
    if (next.callbackQuery) await next.answerCallbackQuery();
    await next.reply(t("post-need-text"));
  }
}

/**
 * Handles the preview's buttons until one of them needs more than a keyboard update: topic toggles
 * edit the keyboard in place; the other buttons are returned.
 */
async function waitForButtons(
  conversation: PostConversation,
  t: Translate,
  state: PostDraftView,
  topics: TopicRecord[],
  locale: string,
): Promise<"publish" | "title" | "summary" | "cancel"> {
  for (;;) {
    const press = await conversation.waitForCallbackQuery(POST_CALLBACK, {
      otherwise: async (other) => {
        if (other.callbackQuery) await other.answerCallbackQuery({ text: t("post-use-buttons") });
        else await other.reply(t("post-use-buttons"));
      },
    });
    const [, action, slug] = press.match as RegExpMatchArray;
    await press.answerCallbackQuery();
    if (action !== "t") return action as "publish" | "title" | "summary" | "cancel";
    if (!slug || !topics.some((topic) => topic.slug === slug)) continue;
    state.topics = state.topics.includes(slug) ? state.topics.filter((s) => s !== slug) : [...state.topics, slug];
    // Keep the catalogue order so the article's topic line reads the same way everywhere.
    state.topics = topics.filter((topic) => state.topics.includes(topic.slug)).map((topic) => topic.slug);
    await press.editMessageReplyMarkup({ reply_markup: postPreviewKeyboard(t, { topics, selected: state.topics, locale }) });
  }
}

function isCommand(text: string): boolean {
  return /^\/[A-Za-z0-9_]+(@\w+)?(\s|$)/.test(text);
}
