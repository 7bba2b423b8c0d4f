import { Composer } from "grammy";
import { parseUserId } from "../../admin/admins.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { adminsListView, echo } from "../format/publishing-views.js";
import { replyView } from "../reply.js";

/** `/admins`, `/admins add <id>`, `/admins remove <id>`: admins only. */
export function adminsFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();

  feature.command("admins", async (ctx) => {
    if (!ctx.from || !(await deps.isAdmin(ctx.from.id))) return ctx.reply(ctx.t("admins-not-admin"));
    const [action, value, ...extra] = ctx.match.trim().split(/\s+/).filter(Boolean);
    if (!action) return replyView(ctx, adminsListView(ctx.t, await deps.admins.list()));
    if ((action !== "add" && action !== "remove") || value === undefined || extra.length > 0) {
      return ctx.reply(ctx.t("admins-usage"));
    }
    const userId = parseUserId(value);
    if (userId === undefined) return ctx.reply(ctx.t("admins-bad-id", { value: echo(value) }));
    const key =
      action === "add"
        ? { added: "admins-added", "already-admin": "admins-already" }[await deps.admins.add(userId, ctx.from.id)]
        : { removed: "admins-removed", "not-admin": "admins-not-found", "config-admin": "admins-config-admin" }[await deps.admins.remove(userId)];
    return ctx.reply(ctx.t(key, { id: userId }));
  });

  return feature;
}
