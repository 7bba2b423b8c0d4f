import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { escapeHtml } from "../format/html.js";
import { sourcesView } from "../format/views.js";
import { replyView } from "../reply.js";

/** `/sources [article]`: the original link and the outlets the newest (or given) article cites. */
export function sourcesFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();

  feature.command("sources", async (ctx) => {
    const arg = ctx.match.trim();
    if (arg) {
      const match = /^#?(\d{1,9})$/.exec(arg);
      if (!match) return ctx.reply(ctx.t("sources-bad-argument", { value: escapeHtml(arg.slice(0, 50)) }), { parse_mode: "HTML" });
      const id = Number(match[1]);
      const [article, citations] = await Promise.all([deps.news.byId(id), deps.news.citationsOf(id)]);
      if (!article) return ctx.reply(ctx.t("article-not-found", { id: String(id) }), { parse_mode: "HTML" });
      return replyView(ctx, sourcesView(ctx.t, { article, citations }));
    }
    // The newest article's row is all the view needs: no second read of the same article.
    const [article] = await deps.news.latest({ limit: 1 });
    if (!article) return ctx.reply(ctx.t("latest-empty"), { parse_mode: "HTML" });
    await replyView(ctx, sourcesView(ctx.t, { article, citations: await deps.news.citationsOf(article.id) }));
  });

  return feature;
}
