/**
 * Long polling through @grammyjs/runner: updates of one chat in order (sequentialize in createBot),
 * different chats in parallel.
 */
import { run, type RunnerHandle } from "@grammyjs/runner";
import type { Bot } from "grammy";
import type { Logger } from "pino";

export const ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "channel_post", "my_chat_member"] as const;

export interface PollingHandle {
  /** Stops fetching updates and waits for the ones in flight. */
  stop(): Promise<void>;
  /** Settles when polling ends (stopped, or failed for good). */
  finished: Promise<void>;
}

/** Removes any webhook, then polls until stopped. */
export async function startPolling(bot: Bot<any>, log: Logger): Promise<PollingHandle> {
  await bot.init();
  // A webhook left from an earlier deployment would make getUpdates fail with 409.
  await bot.api.deleteWebhook();
  const runner: RunnerHandle = run(bot, {
    runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] }, retryInterval: "exponential", silent: true },
  });
  log.info({ username: bot.botInfo.username }, "Polling for updates");
  return {
    stop: async () => {
      if (runner.isRunning()) await runner.stop();
    },
    finished: runner.task() ?? Promise.resolve(),
  };
}
