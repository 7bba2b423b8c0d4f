import { conversations, createConversation } from "@grammyjs/conversations";
import type { I18n } from "@grammyjs/i18n";
import { Composer, type Context, type Middleware } from "grammy";
import type { BotContext } from "../context.js";
import { createPostConversation, POST_CONVERSATION, type PostContext } from "../conversations/post.js";
import type { BotDeps } from "../deps.js";
import { htmlParseMode } from "../html-parse-mode.js";

/** /post and /cancel: always looked at by the conversation layer (they open and close it). */
const CONVERSATION_COMMAND = /^\/(?:post|cancel)(?:@\w+)?(?:\s|$)/i;

/**
 * `/post` (admins, private chats) opens the publishing conversation; `/cancel` leaves it at any
 * step, and says so politely when there is nothing to cancel.
 *
 * Conversation state lives in the database, and reading it costs a query. Only admins ever have a
 * conversation, so the state is read only for /post, /cancel and users the admin service's
 * in-memory list says may be admins: everyone else's messages go straight to the other features.
 * That list only saves work: entering the conversation and publishing ask the database.
 */
export function postFeature(deps: BotDeps, { i18n }: { i18n: I18n<BotContext> }): Middleware<BotContext> {
  const feature = new Composer<PostContext>();
  // Conversations live in private chats only: in a group, everyone's messages would feed the admin's dialogue.
  const withConversations = feature.chatType("private").filter(async (ctx) => {
    if (CONVERSATION_COMMAND.test(ctx.msg?.text ?? ctx.msg?.caption ?? "")) return true;
    // grammY types `from` as present in private chats, but a forged update may lack it.
    const userId = (ctx.from as typeof ctx.from | undefined)?.id;
    return userId !== undefined && (await deps.admins.mayBeAdmin(userId));
  });
  withConversations.use(
    conversations<BotContext, Context>({
      storage: { type: "key", version: 1, prefix: "conversation:", adapter: deps.conversationStorage },
    }),
  );
  // Before the conversation itself, so /cancel reaches us even while the conversation waits.
  withConversations.command("cancel", async (ctx) => {
    if (ctx.conversation.active(POST_CONVERSATION) > 0) {
      await ctx.conversation.exit(POST_CONVERSATION);
      return ctx.reply(ctx.t("post-cancelled"));
    }
    return ctx.reply(ctx.t("cancel-nothing"));
  });
  // A conversation's context gets a fresh Api on every replay, without the bot's transformers:
  // the parse mode is installed on each one.
  const conversationPlugins = [
    (ctx: Context, next: () => Promise<void>) => {
      ctx.api.config.use(htmlParseMode);
      return next();
    },
  ];
  withConversations.use(createConversation(createPostConversation(deps, i18n), { id: POST_CONVERSATION, plugins: conversationPlugins }));
  withConversations.command("post", async (ctx) => {
    const userId = (ctx.from as typeof ctx.from | undefined)?.id;
    if (userId === undefined || !(await deps.isAdmin(userId))) return ctx.reply(ctx.t("post-not-admin"));
    await ctx.conversation.enter(POST_CONVERSATION);
  });

  feature.command("post", (ctx) => ctx.reply(ctx.t("post-private-only")));
  feature.command("cancel", (ctx) => ctx.reply(ctx.t("cancel-nothing")));
  // The conversations plugin adds `ctx.conversation` itself, before anything here reads it.
  return feature as unknown as Middleware<BotContext>;
}
