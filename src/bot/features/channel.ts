import { Composer } from "grammy";
import { parseDraft } from "../../news/draft.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";

/**
 * Posts of the source channel (SOURCE_CHANNEL_ID; Telegram only sends them while the bot is an
 * admin there) are published like a /post, without a conversation: first line = title. Nothing is
 * said in the channel; the outcome goes to the log. Other channels' posts pass through untouched.
 */
export function channelFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();

  feature.on("channel_post", async (ctx, next) => {
    if (deps.sourceChannelId === undefined || ctx.chat.id !== deps.sourceChannelId) return next();
    const post = ctx.channelPost;
    const log = deps.log.child({ channelId: ctx.chat.id, messageId: post.message_id });
    const text = post.text ?? post.caption;
    const entities = post.entities ?? post.caption_entities ?? [];
    const draft = text ? parseDraft(text, entities.flatMap((e) => (e.type === "text_link" ? [e.url] : []))) : undefined;
    if (!draft) return log.info("Channel post without text: not published");
    const outcome = await deps.publishing.publish({ ...draft, publishedAt: new Date(post.date * 1000), origin: "channel" });
    if (outcome.status === "published") log.info({ articleId: outcome.id, deliveries: outcome.deliveries }, "Channel post published");
    else if (outcome.status === "duplicate") log.info({ articleId: outcome.id }, "Channel post already published");
    else log.warn({ problems: outcome.problems }, "Channel post not published");
  });

  return feature;
}
