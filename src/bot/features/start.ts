import { Composer } from "grammy";
import { chatInfoOf } from "../chat-admin.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { helpView, welcomeView } from "../format/views.js";
import { replyView } from "../reply.js";

/** /start greets in the user's language with the newest headline; /help lists every command. */
export function startFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();

  feature.command("start", async (ctx) => {
    if (ctx.chat) await deps.chats.remember(chatInfoOf(ctx));
    const [latest] = await deps.news.latest({ limit: 1 });
    await replyView(ctx, welcomeView(ctx.t, { firstName: ctx.from?.first_name, latest, locale: await ctx.i18n.getLocale() }));
  });

  feature.command("help", async (ctx) => {
    const isAdmin = ctx.from ? await deps.isAdmin(ctx.from.id) : false;
    await replyView(ctx, helpView(ctx.t, { isAdmin }));
  });

  return feature;
}
