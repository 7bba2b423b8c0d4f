/**
 * Renders the message a subscriber receives, for the delivery worker and the story editor:
 * `deliveredArticleView` in the chat's locale (with its story's outlets line), as one call. Built by the composition root so that the worker
 * (src/delivery) depends on a function, not on the bot.
 */
import type { I18n } from "@grammyjs/i18n";
import type { ArticleDetail } from "../db/repositories/articles.js";
import type { OutgoingMessage, RenderDelivery } from "../delivery/worker.js";
import type { NewsService } from "../news/service.js";
import type { BotContext } from "./context.js";
import { digestView } from "./format/digest-views.js";
import { deliveredArticleView, type View } from "./format/views.js";
import { toLocale, translatorFor } from "./i18n.js";

/** Articles kept in memory: a broadcast renders the same few articles thousands of times. */
const CACHED_ARTICLES = 64;

/** Creates the renderer the delivery worker calls for every row. */
export function createDeliveryRenderer({ news, i18n }: { news: Pick<NewsService, "byId" | "listTopics" | "storySummaryOf" | "storySummariesOf">; i18n: I18n<BotContext> }): RenderDelivery {
  const articles = new Map<number, Promise<ArticleDetail | undefined>>();

  function load(articleId: number): Promise<ArticleDetail | undefined> {
    let article = articles.get(articleId);
    if (!article) {
      article = news.byId(articleId);
      articles.set(articleId, article);
      // A failed or empty load is not kept: the article may exist (or be back) next time.
      article.then(
        (found) => found ?? articles.delete(articleId),
        () => articles.delete(articleId),
      );
      if (articles.size > CACHED_ARTICLES) articles.delete(articles.keys().next().value!);
    }
    return article;
  }

  return async (articleId, _chatId, locale, digestArticleIds): Promise<OutgoingMessage | undefined> => {
    const resolved = toLocale(locale) ?? "en";
    const t = translatorFor(i18n, resolved);
    const topics = new Map((await news.listTopics()).map((topic) => [topic.slug, topic]));
    let view: View;
    if (digestArticleIds) {
      const found = (await Promise.all(digestArticleIds.map(load))).filter((a): a is ArticleDetail => a !== undefined);
      if (found.length === 0) return undefined;
      view = digestView(t, { articles: found, topics, locale: resolved, stories: await news.storySummariesOf(found.map((a) => a.id)) });
    } else {
      // The story is read at every render, not cached: its outlets line grows as outlets report it.
      const [article, story] = await Promise.all([load(articleId), news.storySummaryOf(articleId)]);
      if (!article) return undefined;
      view = deliveredArticleView(t, { article, topics, locale: resolved, story });
    }
    // Both views fit in one message (the article view truncates the summary, the digest stops
    // listing before the limit).
    return {
      text: view.messages[0]!,
      options: {
        parse_mode: "HTML",
        reply_markup: view.keyboard,
        link_preview_options: view.preview ? { url: view.preview.url } : { is_disabled: true },
      },
    };
  };
}
