/**
 * The command lists Telegram shows in the "/" menu, per language and per scope: everyone sees the
 * public commands; each admin (a chat scope for their private chat) also sees the admin ones.
 * Descriptions come from the same Fluent keys as /help.
 */
import { CommandGroup } from "@grammyjs/commands";
import type { Api, Context } from "grammy";
import type { LanguageCode } from "grammy/types";
import type { Logger } from "pino";
import type { Translate } from "./context.js";
import { ADMIN_COMMANDS, PUBLIC_COMMANDS } from "./format/views.js";
import { SUPPORTED_LOCALES } from "./i18n.js";

export interface CommandListOptions {
  /** A translate function per locale; English is also the default list. */
  translatorFor: (locale: string) => Translate;
  /** Users whose private chat shows the admin commands too (ADMIN_IDS). */
  adminIds: readonly number[];
}

/** Telegram's description limit is 256 characters; the /help lines are shorter, but be safe. */
function describe(t: Translate, command: string): string {
  const text = t(`help-${command}`).replace(/\s+/g, " ").trim();
  return text.length > 256 ? `${text.slice(0, 255)}…` : text;
}

/** Builds the command group: public commands everywhere, admin commands in admins' chats. */
export function createCommandList(options: CommandListOptions): CommandGroup<Context> {
  const english = options.translatorFor("en");
  const group = new CommandGroup<Context>();
  // A chat scope replaces the default list in that chat, so admins get the public commands again there.
  const adminScopes = options.adminIds.map((id) => ({ type: "chat" as const, chat_id: id }));
  const add = (names: readonly string[], scopes: Array<{ type: "default" } | { type: "chat"; chat_id: number }>) => {
    for (const name of names) {
      const command = group.command(name, describe(english, name));
      for (const scope of scopes) command.addToScope(scope);
      for (const locale of SUPPORTED_LOCALES) {
        if (locale !== "en") command.localize(locale as LanguageCode, name, describe(options.translatorFor(locale), name));
      }
    }
  };
  add(PUBLIC_COMMANDS, [{ type: "default" }, ...adminScopes]);
  add(ADMIN_COMMANDS, adminScopes);
  return group;
}

/**
 * Sends the command lists with setMyCommands. A failure (Telegram down, a rate limit) is logged and
 * ignored: the bot works without the menu, and the next start tries again.
 */
export async function registerCommands(api: Api, options: CommandListOptions & { log: Logger }): Promise<boolean> {
  try {
    await createCommandList(options).setCommands({ api });
    options.log.info({ admins: options.adminIds.length }, "Command lists registered");
    return true;
  } catch (error) {
    options.log.warn({ err: error }, "Could not register the command lists; the bot works without them");
    return false;
  }
}
