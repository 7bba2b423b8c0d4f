import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { statsView } from "../format/subscription-views.js";
import { replyView } from "../reply.js";

/** `/stats` (admins): subscribers per topic, chats by state, deliveries of recent articles. */
export function statsFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();

  feature.command("stats", async (ctx) => {
    if (!ctx.from || !(await deps.isAdmin(ctx.from.id))) return ctx.reply(ctx.t("stats-admins-only"));
    const [stats, feeds, preferences] = await Promise.all([deps.subscriptions.stats(), deps.feeds.countByState(), deps.preferences.stats()]);
    await replyView(ctx, statsView(ctx.t, { stats, feeds, preferences, locale: await ctx.i18n.getLocale() }));
  });

  return feature;
}
