/**
 * Builds the bot: plugins in order, every feature inside an error boundary, the unhandled feature
 * last. Transports (polling, webhook, local terminal) only feed it updates.
 */
import { autoRetry } from "@grammyjs/auto-retry";
import { sequentialize } from "@grammyjs/runner";
import { Bot, GrammyError, HttpError, type BotConfig } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { BotContext } from "./context.js";
import type { BotDeps } from "./deps.js";
import { adminsFeature } from "./features/admins.js";
import { articleButtonsFeature } from "./features/article-buttons.js";
import { chatMembersFeature } from "./features/chat-members.js";
import { channelFeature } from "./features/channel.js";
import { feedsFeature } from "./features/feeds.js";
import { forgedCallbacksFeature } from "./features/forged-callbacks.js";
import { languageFeature } from "./features/language.js";
import { latestFeature } from "./features/latest.js";
import { postFeature } from "./features/post.js";
import { preferencesFeature } from "./features/preferences.js";
import { storiesFeature } from "./features/stories.js";
import { sourcesFeature } from "./features/sources.js";
import { startFeature } from "./features/start.js";
import { statsFeature } from "./features/stats.js";
import { subscribeFeature } from "./features/subscribe.js";
import { unhandledFeature } from "./features/unhandled.js";
import { whoIsFeature } from "./features/who-is.js";
import { isDatabaseUnavailable } from "../db/unavailable.js";
import type { SendMeter } from "../delivery/send-meter.js";
import { createBotFetch } from "./bot-fetch.js";
import { htmlParseMode } from "./html-parse-mode.js";
import { createI18n, translatorFor } from "./i18n.js";
import { DEFAULT_FLOOD_LIMIT, floodControl, type FloodLimit } from "./middleware/flood-control.js";
import { markUpdateFailed, updateLog } from "./middleware/update-log.js";

export interface CreateBotOptions {
  token: string;
  /** Known bot identity: skips getMe (tests, local mode). */
  botInfo?: UserFromGetMe;
  /** Client options: `apiRoot` for a self-hosted Bot API server, `fetch` for tests and local mode. */
  client?: BotConfig<BotContext>["client"];
  /** Wait out 429s and retry 5xx answers, network failures and timeouts (off in tests that count calls). */
  autoRetry?: boolean;
  /** Per-user flood control (FLOOD_LIMIT); false turns it off. */
  floodLimit?: FloodLimit | false;
  /** Told of every 429 a reply got: the delivery worker of this process pauses as long. */
  onRateLimited?: (retryAfterMs: number, chatId: number | string | undefined) => void;
  /** The process's send meter: every message the bot sends is counted in it. */
  sendMeter?: SendMeter;
  /** With `sendMeter`: messages a second the process never exceeds; replies wait for room. */
  telegramCap?: number;
  /** Waits between attempts (tests record them). */
  sleep?: (ms: number, signal?: AbortSignal | null) => Promise<void>;
}

/** Creates the bot with every feature installed. */
export function createBot(deps: BotDeps, options: CreateBotOptions): Bot<BotContext> {
  // Pacing and 429s live in the client's fetch, the one layer conversation calls go through too.
  const fetch = createBotFetch({
    fetch: options.client?.fetch as typeof globalThis.fetch | undefined,
    retry: options.autoRetry !== false,
    meter: options.sendMeter,
    cap: options.telegramCap,
    onRateLimited: options.onRateLimited,
    sleep: options.sleep,
  });
  const bot = new Bot<BotContext>(options.token, { botInfo: options.botInfo, client: { ...options.client, fetch } });
  bot.api.config.use(htmlParseMode);
  if (options.autoRetry !== false) {
    // 5xx, network failures, timeouts: retried in place. 429s never get here (maxDelaySeconds 0
    // hands back any the fetch gave up on): the fetch waits them out, conversations included.
    bot.api.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 0 }));
  }

  const i18n = createI18n({ chatLanguage: deps.chats.languageOf });
  // Before sequentialize: a flooder's extra updates are dropped at once instead of waiting in
  // line (and holding a runner slot) behind the chat's earlier ones.
  const floodLimit = options.floodLimit ?? DEFAULT_FLOOD_LIMIT;
  const flood = floodLimit ? floodControl({ ...floodLimit, translate: (ctx) => translatorFor(i18n, ctx.from?.language_code ?? "en"), onDropped: deps.onFloodDropped }) : undefined;
  if (flood) bot.use(flood.limiter);
  // Updates of one chat are handled in order even when the runner handles chats concurrently.
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString()));
  if (flood) bot.use(flood.notice);
  // After sequentialize: the duration is the handling time, not the wait behind the chat's earlier updates.
  bot.use(updateLog({ log: deps.log, observe: deps.observeUpdate }));

  const protectedBot = bot.errorBoundary((error) => {
    const ctx = error.ctx;
    markUpdateFailed(ctx);
    const log = deps.log.child({ updateId: ctx.update.update_id, chatId: ctx.chat?.id });
    logBotError(log, error.error);
    // Tell the user something went wrong instead of leaving them without an answer. When the
    // database is briefly unreachable (a restart), ask them to try again shortly; the language
    // negotiator itself may have failed then (it reads the chat's language), hence the fallback
    // to Telegram's language_code.
    const key = isDatabaseUnavailable(error.error) ? "error-database-unavailable" : "error-generic";
    const t = ctx.t ?? translatorFor(i18n, ctx.from?.language_code ?? "en");
    if (ctx.chat && !ctx.callbackQuery) {
      return ctx.reply(t(key)).then(
        () => undefined,
        () => undefined,
      );
    }
    if (ctx.callbackQuery) return ctx.answerCallbackQuery({ text: t(key) }).then(() => undefined, () => undefined);
  });

  protectedBot.use(i18n);
  // Before the conversation: forged button presses never reach a handler (and are logged).
  protectedBot.use(forgedCallbacksFeature(deps));
  // First after i18n: an open /post conversation gets the admin's messages before any other feature.
  protectedBot.use(postFeature(deps, { i18n }));
  protectedBot.use(adminsFeature(deps));
  protectedBot.use(feedsFeature(deps, { download: (path) => downloadFile(options, path) }));
  protectedBot.use(channelFeature(deps));
  protectedBot.use(startFeature(deps));
  protectedBot.use(latestFeature(deps));
  protectedBot.use(sourcesFeature(deps));
  protectedBot.use(articleButtonsFeature(deps));
  protectedBot.use(storiesFeature(deps));
  protectedBot.use(subscribeFeature(deps));
  protectedBot.use(preferencesFeature(deps));
  protectedBot.use(chatMembersFeature(deps));
  protectedBot.use(statsFeature(deps));
  protectedBot.use(whoIsFeature(deps));
  protectedBot.use(languageFeature(deps));
  protectedBot.use(unhandledFeature());

  bot.catch((error) => logBotError(deps.log.child({ updateId: error.ctx.update.update_id }), error.error));
  return bot;
}

/** Reads a file users sent, from the Bot API's file endpoint (through the test `fetch` in tests). */
async function downloadFile(options: CreateBotOptions, filePath: string): Promise<string> {
  const root = (options.client?.apiRoot ?? "https://api.telegram.org").replace(/\/+$/, "");
  const doFetch = (options.client?.fetch as typeof fetch | undefined) ?? fetch;
  const response = await doFetch(`${root}/file/bot${options.token}/${filePath}`);
  if (!response.ok) throw new Error(`file download failed: HTTP ${response.status}`);
  return response.text();
}

/** Logs Telegram's refusals, network failures and our own bugs distinctly. */
function logBotError(log: BotDeps["log"], error: unknown) {
  if (error instanceof GrammyError) log.warn({ method: error.method, code: error.error_code, description: error.description }, "Telegram refused a call");
  else if (error instanceof HttpError) log.warn({ err: error.error }, "Could not reach Telegram");
  else if (isDatabaseUnavailable(error)) log.warn({ err: error }, "Database unavailable while handling an update");
  else log.error({ err: error }, "Update handler failed");
}
