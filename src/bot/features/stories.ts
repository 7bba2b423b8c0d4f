import { Composer } from "grammy";
import { STORY_CALLBACK } from "../callbacks.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { escapeHtml } from "../format/html.js";
import { storyCardView } from "../format/story-views.js";
import { replyView } from "../reply.js";
import type { StoryView } from "../../db/repositories/stories.js";

/** Articles whose people a story card reads (the card lists at most 20 articles anyway). */
const MENTION_ARTICLES = 20;

/**
 * `/story N`: a story's card. Admins also correct the clustering: `/story N split M` takes article
 * M out of story N, `/story N merge M` moves story M into story N. Neither sends anything again.
 * The 🧵 Story button under an article opens the same card.
 */
export function storiesFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();

  async function showStory(ctx: BotContext, story: StoryView) {
    const mentions = (await Promise.all(story.articles.slice(0, MENTION_ARTICLES).map((a) => deps.news.mentionsOf(a.id)))).flat();
    return replyView(ctx, storyCardView(ctx.t, { story, mentions, locale: await ctx.i18n.getLocale() }));
  }

  feature.command("story", async (ctx) => {
    const match = /^#?(\d{1,9})(?:\s+(split|merge)\s+#?(\d{1,9}))?$/i.exec(ctx.match.trim());
    if (!match) return ctx.reply(ctx.t("story-usage"));
    const storyId = Number(match[1]);
    const action = match[2]?.toLowerCase();
    if (!action) {
      const story = await deps.news.story(storyId);
      if (!story) return ctx.reply(ctx.t("story-not-found", { id: String(storyId) }));
      return showStory(ctx, story);
    }
    if (!ctx.from || !(await deps.isAdmin(ctx.from.id))) return ctx.reply(ctx.t("story-admins-only"));
    const other = Number(match[3]);
    if (action === "split") {
      const created = await deps.news.splitStory(storyId, other);
      deps.log.info({ storyId, articleId: other, newStoryId: created, adminId: ctx.from.id }, "Story split by an admin");
      return ctx.reply(
        created === undefined
          ? ctx.t("story-split-failed", { article: String(other), story: String(storyId) })
          : ctx.t("story-split-done", { article: String(other), story: String(created) }),
      );
    }
    const merged = await deps.news.mergeStories(storyId, other);
    deps.log.info({ into: storyId, from: other, merged, adminId: ctx.from.id }, "Story merge by an admin");
    return ctx.reply(ctx.t(merged ? "story-merge-done" : "story-merge-failed", { into: String(storyId), from: String(other) }));
  });

  feature.callbackQuery(STORY_CALLBACK, async (ctx) => {
    const storyId = Number(ctx.match[1]);
    const story = await deps.news.story(storyId);
    if (!story) return ctx.answerCallbackQuery({ text: ctx.t("story-not-found", { id: escapeHtml(String(storyId)) }), show_alert: true });
    await ctx.answerCallbackQuery();
    await showStory(ctx, story);
  });

  return feature;
}
