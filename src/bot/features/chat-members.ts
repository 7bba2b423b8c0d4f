import { Composer } from "grammy";
import { chatInfoOf } from "../chat-admin.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";

/**
 * Follows the bot's membership: a user who blocks it or a group that removes it becomes inactive
 * (subscriptions kept, nothing sent, pending deliveries cancelled); unblocking or re-adding makes
 * it active again. A group upgraded to a supergroup keeps its subscriptions under the new id.
 */
export function chatMembersFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();

  feature.on("my_chat_member", async (ctx) => {
    const member = ctx.myChatMember.new_chat_member;
    const present =
      member.status === "member" ||
      member.status === "administrator" ||
      member.status === "creator" ||
      (member.status === "restricted" && member.is_member);
    const reason = ctx.chat.type === "private" ? "bot blocked by the user" : `bot removed from the chat (${member.status})`;
    await deps.subscriptions.setChatActive(chatInfoOf(ctx), present, reason);
  });

  // Both service messages may arrive (one in the old group, one in the new supergroup): migrating
  // twice is harmless.
  feature.on("message:migrate_to_chat_id", (ctx) => deps.subscriptions.migrate(ctx.chat.id, ctx.msg.migrate_to_chat_id));
  feature.on("message:migrate_from_chat_id", (ctx) => deps.subscriptions.migrate(ctx.msg.migrate_from_chat_id, ctx.chat.id));

  return feature;
}
