import { Composer } from "grammy";
import { ARTICLE_CALLBACK } from "../callbacks.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { deliveredArticleView, fullTextView, whosWhoView } from "../format/views.js";
import { replyView } from "../reply.js";
import { sourcesOf } from "./sources.js";

/** The Sources, Who's who and Full text buttons under an article, and a digest's article buttons. */
export function articleButtonsFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();

  feature.callbackQuery(ARTICLE_CALLBACK, async (ctx) => {
    const [, action, id] = ctx.match;
    const article = await deps.news.byId(Number(id));
    if (!article) return ctx.answerCallbackQuery({ text: ctx.t("article-not-found", { id: String(id) }), show_alert: true });
    await ctx.answerCallbackQuery();
    if (action === "src") await replyView(ctx, await sourcesOf(deps, ctx.t, article));
    else if (action === "who") await replyView(ctx, whosWhoView(ctx.t, { article, mentions: await deps.news.mentionsOf(article.id) }));
    else if (action === "open") {
      const [topics, story] = await Promise.all([deps.news.listTopics(), deps.news.storySummaryOf(article.id)]);
      await replyView(ctx, deliveredArticleView(ctx.t, { article, topics: new Map(topics.map((t) => [t.slug, t])), locale: await ctx.i18n.getLocale(), story }));
    } else await replyView(ctx, fullTextView(ctx.t, { article }));
  });

  return feature;
}
