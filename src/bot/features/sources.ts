import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { escapeHtml } from "../format/html.js";
import { storySourcesView } from "../format/story-views.js";
import { sourcesView, type View } from "../format/views.js";
import type { Translate } from "../context.js";
import type { ArticleSummary } from "../../db/repositories/articles.js";
import { replyView } from "../reply.js";

/** Articles of a story whose citations the Sources card reads. */
const STORY_SOURCE_ARTICLES = 20;

/**
 * The Sources card of an article: its own, or, when other outlets reported the same story, the
 * story's (every outlet of every article, with their claims).
 */
export async function sourcesOf(deps: Pick<BotDeps, "news">, t: Translate, article: ArticleSummary): Promise<View> {
  const story = await deps.news.storyOf(article.id);
  if (story && story.articles.length > 1) {
    const articles = story.articles.slice(0, STORY_SOURCE_ARTICLES);
    const lists = await Promise.all(articles.map((a) => deps.news.citationsOf(a.id)));
    return storySourcesView(t, { story: { ...story, articles }, citations: new Map(articles.map((a, i) => [a.id, lists[i]!])) });
  }
  return sourcesView(t, { article, citations: await deps.news.citationsOf(article.id) });
}

/** `/sources [article]`: the original link and the outlets the newest (or given) article or its story cites. */
export function sourcesFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();

  feature.command("sources", async (ctx) => {
    const arg = ctx.match.trim();
    if (arg) {
      const match = /^#?(\d{1,9})$/.exec(arg);
      if (!match) return ctx.reply(ctx.t("sources-bad-argument", { value: escapeHtml(arg.slice(0, 50)) }));
      const id = Number(match[1]);
      const article = await deps.news.byId(id);
      if (!article) return ctx.reply(ctx.t("article-not-found", { id: String(id) }));
      return replyView(ctx, await sourcesOf(deps, ctx.t, article));
    }
    // The newest article's row is all the view needs: no second read of the same article.
    const [article] = await deps.news.latest({ limit: 1 });
    if (!article) return ctx.reply(ctx.t("latest-empty"));
    await replyView(ctx, await sourcesOf(deps, ctx.t, article));
  });

  return feature;
}
