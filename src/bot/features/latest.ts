import { Composer } from "grammy";
import { LATEST_MAX } from "../../news/service.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { escapeHtml } from "../format/html.js";
import { latestView, topicListLine } from "../format/views.js";
import { replyView } from "../reply.js";

/** `/latest [topic] [n]`: the newest articles, optionally of one topic. */
export function latestFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();

  feature.command("latest", async (ctx) => {
    const locale = await ctx.i18n.getLocale();
    const words = ctx.match.trim().split(/\s+/).filter(Boolean);
    const numbers = words.filter((w) => /^[-+]?\d+([.,]\d+)?$/.test(w));
    const topicWords = words.filter((w) => !numbers.includes(w));
    const topics = await deps.news.listTopics();

    let limit: number | undefined;
    if (numbers.length > 1 || (numbers[0] !== undefined && !isCount(numbers[0]))) {
      return ctx.reply(ctx.t("latest-bad-count", { max: LATEST_MAX, topics: topicListLine(topics, locale) }));
    }
    if (numbers[0] !== undefined) limit = Number(numbers[0]);

    let topicSlug: string | undefined;
    if (topicWords.length > 0) {
      const topic = await deps.news.resolveTopic(topicWords.join(" "));
      if (!topic) {
        return ctx.reply(
          ctx.t("latest-unknown-topic", { topic: escapeHtml(topicWords.join(" ").slice(0, 100)), topics: topicListLine(topics, locale) }),
        );
      }
      topicSlug = topic.slug;
    }

    const articles = await deps.news.latest({ limit, topicSlug });
    const bullets = articles.length === 1 ? articles[0]!.bullets : undefined;
    await replyView(ctx, latestView(ctx.t, { articles, topics: new Map(topics.map((t) => [t.slug, t])), locale, topicSlug, bullets }));
  });

  return feature;
}

function isCount(word: string): boolean {
  return /^\+?\d{1,2}$/.test(word) && Number(word) >= 1 && Number(word) <= LATEST_MAX;
}
