/**
 * Before taking updates, the bot must reach Telegram (getMe). An unreachable or hanging Bot API
 * at start used to leave the process waiting silently while /healthz said 200. This waits with a
 * bounded time per attempt, says so in the log at every attempt, and lets /healthz answer 503
 * until Telegram has answered. A token Telegram refuses ends the start with a clear message.
 */
import { setTimeout as delay } from "node:timers/promises";
import { GrammyError, type Bot } from "grammy";
import type { Logger } from "pino";

export interface WaitForTelegramOptions {
  log: Logger;
  /** Where the bot talks to (logged, so that an operator sees a wrong TELEGRAM_API_ROOT). */
  apiRoot: string;
  /** One getMe's time limit (default 10 s). */
  attemptTimeoutMs?: number;
  /** The pause between attempts (default 5 s). */
  retryMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** Thrown when Telegram answers but refuses the token: waiting would not help. */
export class TokenRefusedError extends Error {}

/** Resolves once getMe answered (the bot then knows itself and needs no second getMe). */
export async function waitForTelegram(bot: Bot<any>, options: WaitForTelegramOptions): Promise<void> {
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  const retryMs = options.retryMs ?? 5_000;
  for (let attempt = 1; ; attempt++) {
    try {
      // grammY types its signal with the abort-controller shim's AbortSignal; Node's is the same at run time.
      const signal = AbortSignal.timeout(options.attemptTimeoutMs ?? 10_000) as unknown as Parameters<typeof bot.api.getMe>[0];
      bot.botInfo = await bot.api.getMe(signal);
      if (attempt > 1) options.log.info({ attempts: attempt }, "Telegram answers now");
      return;
    } catch (error) {
      if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404)) {
        throw new TokenRefusedError(`Telegram refused the bot token (${error.error_code} ${error.description}). Check BOT_TOKEN.`);
      }
      options.log.warn({ apiRoot: options.apiRoot, attempt, reason: reasonOf(error), retryInMs: retryMs }, "Telegram is not reachable; updates wait until it answers");
      await sleep(retryMs);
    }
  }
}

/** A short reason without the request URL (which holds the token). */
function reasonOf(error: unknown): string {
  if (error instanceof GrammyError) return `${error.error_code} ${error.description}`;
  const cause = (error as { error?: { cause?: { code?: string }; name?: string } })?.error;
  return cause?.cause?.code ?? cause?.name ?? (error as Error)?.name ?? "unknown";
}
