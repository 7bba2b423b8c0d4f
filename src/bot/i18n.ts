/**
 * Every user-facing string comes from the Fluent files in `locales/<language>/*.ftl`. The language
 * is the one the chat chose with /language, else Telegram's `language_code`, else English.
 */
import { fileURLToPath } from "node:url";
import { I18n } from "@grammyjs/i18n";
import type { BotContext, Translate } from "./context.js";

export const LOCALES_DIR = fileURLToPath(new URL("./locales", import.meta.url));
export const SUPPORTED_LOCALES = ["en", "fr", "ru", "uk"] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];

/** Maps a Telegram `language_code` ("fr-CA", "uk") to a supported locale, or undefined. */
export function toLocale(code: string | null | undefined): Locale | undefined {
  const primary = code?.toLowerCase().split(/[-_]/)[0];
  return SUPPORTED_LOCALES.find((l) => l === primary);
}

export interface I18nOptions {
  /** The language a chat chose with /language, if any. */
  chatLanguage?: (chatId: number) => Promise<string | null | undefined>;
}

/** Creates the i18n instance (it reads the locale files once). */
export function createI18n(options: I18nOptions = {}): I18n<BotContext> {
  return new I18n<BotContext>({
    defaultLocale: "en",
    directory: LOCALES_DIR,
    // Without this, Fluent wraps every variable in invisible Unicode isolation marks.
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: async (ctx) => {
      // If the chosen language cannot be read (database briefly down), answer in Telegram's
      // language rather than failing before any handler, or the apology would come in English.
      const stored = ctx.chat && options.chatLanguage ? await options.chatLanguage(ctx.chat.id).catch(() => undefined) : undefined;
      const chosen = toLocale(stored);
      return chosen ?? toLocale(ctx.from?.language_code) ?? "en";
    },
  });
}

/** A translate function bound to one locale, for messages built outside an update (deliveries). */
export function translatorFor(i18n: I18n<BotContext>, locale: string): Translate {
  const resolved = toLocale(locale) ?? "en";
  return (key, variables) => i18n.t(resolved, key, variables);
}
