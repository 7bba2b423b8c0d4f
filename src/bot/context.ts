/** The context type every handler sees. */
import type { Context } from "grammy";
import type { I18nFlavor } from "@grammyjs/i18n";

export type BotContext = Context & I18nFlavor;

/** A translation function: a Fluent key and its variables to a string. */
export type Translate = (key: string, variables?: Record<string, string | number | Date>) => string;
