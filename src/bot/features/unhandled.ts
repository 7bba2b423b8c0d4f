import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { escapeHtml, truncate } from "../format/html.js";

/** Last in the chain: unknown commands, other text and stale buttons all get a short helpful answer. */
export function unhandledFeature() {
  const feature = new Composer<BotContext>();

  feature.on("message:text", async (ctx) => {
    if (ctx.chat.type !== "private" && !ctx.msg.text.startsWith("/")) return; // groups: only answer when addressed
    const command = /^\/([^\s@]+)/.exec(ctx.msg.text)?.[1];
    if (command) {
      return ctx.reply(ctx.t("unknown-command", { command: escapeHtml(truncate(command, 40)) }));
    }
    return ctx.reply(ctx.t("unknown-text"));
  });

  feature.on("message", async (ctx) => {
    if (ctx.chat.type === "private") await ctx.reply(ctx.t("unknown-message"));
  });

  feature.on("callback_query", (ctx) => ctx.answerCallbackQuery({ text: ctx.t("button-expired") }));

  return feature;
}
