import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";

/** Callback data of buttons only admins are ever shown (the /post preview, feed review cards). */
const ADMIN_CALLBACK = /^(post|fi):/;

/**
 * First of the features: refuses button presses no honest client can produce, and logs them.
 * - A press without a chat message: the bot never sends inline-mode messages, so such a press is
 *   forged; handlers would otherwise fail replying to a chat that does not exist.
 * - An admin button (the /post preview) pressed by someone who is not an admin. The conversation
 *   would ignore it anyway and publishing checks again; this makes the attempt visible in the log.
 * Only the user id and the (at most 64-byte) callback data are logged: no message text, no secrets.
 */
export function forgedCallbacksFeature(deps: Pick<BotDeps, "isAdmin" | "log">) {
  const feature = new Composer<BotContext>();

  feature.on("callback_query", async (ctx, next) => {
    const data = ctx.callbackQuery.data ?? "";
    const userId = ctx.callbackQuery.from.id;
    if (!ctx.callbackQuery.message) {
      deps.log.warn({ userId, data }, "Button pressed outside a chat message: refused");
      return ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
    }
    if (ADMIN_CALLBACK.test(data) && !(await deps.isAdmin(userId))) {
      deps.log.warn({ userId, data }, "Admin button pressed by a non-admin: refused");
      return ctx.answerCallbackQuery({ text: ctx.t("post-not-admin"), show_alert: true });
    }
    return next();
  });

  return feature;
}
