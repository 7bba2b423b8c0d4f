import { Menu } from "@grammyjs/menu";
import { Composer } from "grammy";
import type { DeliveryMode } from "../../db/schema.js";
import { parseDigestRequest, parseQuietRequest } from "../../subscriptions/settings-request.js";
import { FOLLOW_CALLBACK } from "../callbacks.js";
import { chatInfoOf, mayManageChat } from "../chat-admin.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { escapeHtml } from "../format/html.js";
import {
  deliveryLine,
  filterResultView,
  filtersView,
  followingView,
  followResultView,
  quietLine,
  settingsText,
  timeZoneLine,
  unfollowResultView,
} from "../format/preference-views.js";
import { replyView } from "../reply.js";

const MODES: DeliveryMode[] = ["instant", "hourly", "daily", "weekly"];

/**
 * What reaches a chat beyond its topics, and when: `/follow`, `/unfollow`, `/following`, `/filter`,
 * `/digest`, `/quiet`, `/timezone` and the `/settings` menu. Anyone may look; in groups only the
 * administrators change anything.
 */
export function preferencesFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();
  const prefs = deps.preferences;

  /** False (after saying why) when the sender may not change this chat. */
  async function mayChange(ctx: BotContext): Promise<boolean> {
    if (await mayManageChat(ctx)) return true;
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t("prefs-admins-only"), show_alert: true });
    else await ctx.reply(ctx.t("prefs-admins-only"));
    return false;
  }

  const settingsMenu = new Menu<BotContext>("settings", { autoAnswer: false }).dynamic(async (ctx, range) => {
    const settings = await prefs.settings(chatInfoOf(ctx));
    for (const mode of MODES) {
      const label = ctx.t(`settings-button-${mode}`);
      range.text({ text: settings.deliveryMode === mode ? `• ${label}` : label, payload: mode }, async (ctx) => {
        if (!(await mayChange(ctx))) return;
        const current = await prefs.settings(chatInfoOf(ctx));
        const time = mode === "daily" || mode === "weekly" ? (current.digestTime ?? "08:00") : null;
        const weekday = mode === "weekly" ? (current.digestWeekday ?? 1) : null;
        await prefs.setDelivery(chatInfoOf(ctx), mode, time, weekday);
        await refresh(ctx);
      });
    }
    range.row();
    range.text(ctx.t(settings.linkPreviews ? "settings-button-previews-on" : "settings-button-previews-off"), async (ctx) => {
      if (!(await mayChange(ctx))) return;
      await prefs.setLinkPreviews(chatInfoOf(ctx), !(await prefs.settings(chatInfoOf(ctx))).linkPreviews);
      await refresh(ctx);
    });
    range.text(ctx.t(settings.silent ? "settings-button-silent-on" : "settings-button-silent-off"), async (ctx) => {
      if (!(await mayChange(ctx))) return;
      await prefs.setSilent(chatInfoOf(ctx), !(await prefs.settings(chatInfoOf(ctx))).silent);
      await refresh(ctx);
    });
  });
  feature.use(settingsMenu);

  async function settingsMessage(ctx: BotContext): Promise<string> {
    const chat = chatInfoOf(ctx);
    const [settings, topics, follows, filters, language] = await Promise.all([
      prefs.settings(chat),
      deps.subscriptions.followedSlugs(chat.id),
      prefs.following(chat.id),
      prefs.filters(chat.id),
      deps.chats.languageOf(chat.id),
    ]);
    return settingsText(ctx.t, { settings, locale: await ctx.i18n.getLocale(), language: language ?? null, topics: topics.size, follows: follows.length, filters: filters.length });
  }

  async function refresh(ctx: BotContext & { menu: { update(): void } }): Promise<void> {
    await ctx.answerCallbackQuery({ text: ctx.t("settings-saved") });
    await ctx.editMessageText(await settingsMessage(ctx), { reply_markup: settingsMenu });
  }

  feature.command("settings", async (ctx) => {
    await ctx.reply(await settingsMessage(ctx), { reply_markup: settingsMenu });
  });

  feature.command("follow", async (ctx) => {
    const subject = ctx.match.trim();
    if (!subject) return ctx.reply(ctx.t("follow-usage"));
    if (!(await mayChange(ctx))) return;
    await replyView(ctx, followResultView(ctx.t, await prefs.follow(chatInfoOf(ctx), subject)));
  });

  feature.command("unfollow", async (ctx) => {
    const subject = ctx.match.trim();
    if (!subject) return replyView(ctx, followingView(ctx.t, await prefs.following(ctx.chat.id)));
    if (!(await mayChange(ctx))) return;
    await replyView(ctx, unfollowResultView(ctx.t, await prefs.unfollow(ctx.chat.id, subject)));
  });

  feature.command("following", async (ctx) => {
    await replyView(ctx, followingView(ctx.t, await prefs.following(ctx.chat.id)));
  });

  feature.callbackQuery(FOLLOW_CALLBACK, async (ctx) => {
    if (!ctx.chat || !(await mayChange(ctx))) return;
    const [, action, id] = ctx.match;
    if (action === "add") {
      const followed = await prefs.followId(chatInfoOf(ctx), Number(id));
      if (!followed) return ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
      await ctx.answerCallbackQuery();
      return replyView(ctx, followResultView(ctx.t, followed));
    }
    const unfollowed = await prefs.unfollowId(ctx.chat.id, Number(id));
    if (!unfollowed) return ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
    await ctx.answerCallbackQuery();
    await replyView(ctx, unfollowResultView(ctx.t, unfollowed));
  });

  feature.command("filter", async (ctx) => {
    const input = ctx.match.trim();
    if (!input) return replyView(ctx, filtersView(ctx.t, await prefs.filters(ctx.chat.id)));
    if (!(await mayChange(ctx))) return;
    const clear = /^(clear|reset|effacer|очистить|очистити)\b\s*(.*)$/isu.exec(input);
    if (clear) {
      const count = await prefs.removeFilters(ctx.chat.id, clear[2]?.replace(/^[+-]/, "").trim() || undefined);
      return ctx.reply(ctx.t("filter-cleared", { count }));
    }
    const sign = input[0];
    if (sign !== "+" && sign !== "-") return replyView(ctx, filterResultView(ctx.t, { ok: false, reason: "empty" }));
    await replyView(ctx, filterResultView(ctx.t, await prefs.addFilter(chatInfoOf(ctx), sign === "+" ? "include" : "exclude", input.slice(1))));
  });

  feature.command("digest", async (ctx) => {
    const request = parseDigestRequest(ctx.match);
    const locale = await ctx.i18n.getLocale();
    if (!request.ok) {
      if (request.reason !== "usage") return ctx.reply(ctx.t(request.reason === "time" ? "digest-bad-time" : "digest-bad-weekday"));
      const settings = await prefs.settings(chatInfoOf(ctx));
      return ctx.reply(`${deliveryLine(ctx.t, settings, locale, "settings-delivery")}\n\n${ctx.t("digest-usage", { zone: escapeHtml(settings.timeZone) })}`);
    }
    if (!(await mayChange(ctx))) return;
    const settings = await prefs.setDelivery(chatInfoOf(ctx), request.mode, request.time, request.weekday);
    await ctx.reply(deliveryLine(ctx.t, settings, locale, "digest-set"));
  });

  feature.command("quiet", async (ctx) => {
    const request = parseQuietRequest(ctx.match);
    if (!ctx.match.trim() || !request.ok) {
      const settings = await prefs.settings(chatInfoOf(ctx));
      const current = settings.quietStart ? `${quietLine(ctx.t, settings)}\n\n` : "";
      return ctx.reply(`${current}${ctx.t("quiet-usage", { zone: escapeHtml(settings.timeZone) })}`);
    }
    if (!(await mayChange(ctx))) return;
    const settings = await prefs.setQuietHours(chatInfoOf(ctx), request.start, request.end);
    await ctx.reply(quietLine(ctx.t, settings));
  });

  feature.command("timezone", async (ctx) => {
    const input = ctx.match.trim();
    const locale = await ctx.i18n.getLocale();
    if (!input) return ctx.reply(timeZoneLine(ctx.t, await prefs.settings(chatInfoOf(ctx)), locale, new Date(), "timezone-usage"));
    if (!(await mayChange(ctx))) return;
    const settings = await prefs.setTimeZone(chatInfoOf(ctx), input);
    if (!settings) return ctx.reply(ctx.t("timezone-unknown", { input: escapeHtml(input.slice(0, 60)) }));
    await ctx.reply(timeZoneLine(ctx.t, settings, locale, new Date(), "timezone-set"));
  });

  return feature;
}
