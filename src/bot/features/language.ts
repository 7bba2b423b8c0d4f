import { Menu } from "@grammyjs/menu";
import { Composer } from "grammy";
import { chatInfoOf } from "../chat-admin.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { LANGUAGE_NAMES, languageMenuText } from "../format/views.js";
import { SUPPORTED_LOCALES, toLocale } from "../i18n.js";

/**
 * `/language`: a menu of the four languages plus "automatic" (follow Telegram's language_code).
 * The choice is stored per chat; the answer and every later message use it.
 */
export function languageFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();

  const choose = (language: string | null) => async (ctx: BotContext & { menu: { close(): void } }) => {
    if (!ctx.chat) return;
    await deps.chats.remember(chatInfoOf(ctx));
    await deps.chats.setLanguage(ctx.chat.id, language);
    if (language) ctx.i18n.useLocale(language);
    else await ctx.i18n.renegotiateLocale();
    const locale = await ctx.i18n.getLocale();
    ctx.menu.close();
    await ctx.editMessageText(
      ctx.t(language ? "language-changed" : "language-automatic-set", { language: LANGUAGE_NAMES[toLocale(locale) ?? "en"] }),
    );
  };

  const current = async (ctx: BotContext) => (ctx.chat ? toLocale(await deps.chats.languageOf(ctx.chat.id)) : undefined) ?? null;

  const menu = new Menu<BotContext>("language", { onMenuOutdated: false });
  for (const locale of SUPPORTED_LOCALES) {
    menu.text(async (ctx) => `${(await current(ctx)) === locale ? "✅ " : ""}${LANGUAGE_NAMES[locale]}`, choose(locale)).row();
  }
  menu.text(async (ctx) => `${(await current(ctx)) === null ? "✅ " : ""}${ctx.t("language-automatic")}`, choose(null));

  // With `onMenuOutdated: false` the menu plugin trusts the row and column in the callback data, and
  // a forged "language/99/0/…" makes it throw. Every button is one column of one of these rows.
  feature.callbackQuery(/^language\//, (ctx, next) => {
    const [, row, column] = ctx.callbackQuery.data.split("/");
    const valid = /^\d{1,2}$/.test(row ?? "") && Number(row) <= SUPPORTED_LOCALES.length && column === "0";
    return valid ? next() : ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
  });
  feature.use(menu);
  feature.command("language", async (ctx) => {
    const chosen = await current(ctx);
    await ctx.reply(languageMenuText(ctx.t, { current: chosen }), { reply_markup: menu });
  });

  return feature;
}
