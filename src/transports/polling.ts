/**
 * Long polling through @grammyjs/runner: updates of one chat in order (sequentialize in createBot),
 * different chats in parallel. The runner is assembled from its parts so that stopping can wait for
 * the updates in flight and then confirm them to Telegram: nothing fetched is lost or handled twice.
 */
import { createConcurrentSink, createRunner, createSource, createUpdateFetcher } from "@grammyjs/runner";
import type { Bot, BotError } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "pino";
import { createInFlight } from "./in-flight.js";
import type { UpdateInbox } from "./inbox.js";

export const ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "channel_post", "my_chat_member"] as const;

export interface PollingHandle {
  /** Stops fetching, waits for the updates in flight, confirms them to Telegram. */
  stop(): Promise<void>;
  /** Resolves when polling ends: undefined when stopped, the error when it failed for good (401, 409). */
  finished: Promise<unknown>;
  /** Updates being handled right now. */
  readonly inFlight: number;
}

export interface PollingOptions {
  /** Updates handled at once across chats (default 100). */
  concurrency?: number;
  /** Long-poll timeout in seconds (default 30). */
  timeoutSeconds?: number;
  /**
   * Records each batch before its offset is confirmed, and what was handled; without it, an update
   * being handled when the process dies is lost (the runner has confirmed it already).
   */
  inbox?: UpdateInbox;
}

/** Removes any webhook, then polls until stopped. */
export async function startPolling(bot: Bot<any>, log: Logger, options: PollingOptions = {}): Promise<PollingHandle> {
  await bot.init();
  // A webhook left from an earlier deployment would make getUpdates fail with 409.
  await bot.api.deleteWebhook();

  const inFlight = createInFlight();
  let lastFetched: number | undefined;
  const fetchUpdates = createUpdateFetcher(bot, {
    fetch: { allowed_updates: [...ALLOWED_UPDATES], timeout: options.timeoutSeconds ?? 30 },
    retryInterval: "exponential",
    silent: true,
  });
  const inbox = options.inbox;
  /**
   * Records a fetched batch before it is confirmed. While the database is away (a restart), the
   * updates are handled anyway after a few tries: their handlers cannot reach it either and answer
   * "try again shortly", which beats leaving people without an answer for the whole outage.
   */
  async function recorded(updates: Update[], signal: { aborted: boolean } | undefined): Promise<Update[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await inbox!.accept(updates);
      } catch (error) {
        if (signal?.aborted) throw error;
        if (attempt >= 3) {
          log.warn({ err: error, count: updates.length }, "Could not record fetched updates; handling them unrecorded");
          return updates;
        }
        await new Promise((r) => setTimeout(r, 200 * attempt));
      }
    }
  }
  const source = createSource({
    supply: async (batchSize, signal) => {
      const updates: Update[] = await fetchUpdates(batchSize, signal);
      // The next getUpdates confirms this batch to Telegram: record it first.
      const fresh = inbox && updates.length > 0 ? await recorded(updates, signal) : updates;
      if (updates.length) lastFetched = updates[updates.length - 1]!.update_id;
      return fresh;
    },
  });
  const handle = (update: Update) =>
    inbox ? bot.handleUpdate(update).finally(() => inbox.done(update.update_id)) : bot.handleUpdate(update);
  inbox?.startRecovery((update) => bot.handleUpdate(update));
  const sink = createConcurrentSink<Update>(
    { consume: (update) => inFlight.track(handle(update)) },
    async (error) => {
      try {
        // handleUpdate rejects with a BotError; bot.catch in createBot logs it.
        await bot.errorHandler(error as BotError<any>);
      } catch (failure) {
        log.error({ err: failure }, "The error handler failed");
      }
    },
    { concurrency: options.concurrency ?? 100 },
  );
  const runner = createRunner(source, sink);
  runner.start();
  log.info({ username: bot.botInfo.username }, "Polling for updates");

  const finished = (runner.task() ?? Promise.resolve()).then(
    () => undefined,
    (error: unknown) => {
      log.fatal({ err: error }, "Polling stopped after an unrecoverable error (wrong token, or another poller with the same token?)");
      return error ?? new Error("polling failed");
    },
  );

  let stopping: Promise<void> | undefined;
  return {
    get inFlight() {
      return inFlight.size;
    },
    finished,
    stop: () =>
      (stopping ??= (async () => {
        // The runner's task ends once the current batch is handed to the sink; then wait for the handlers.
        await runner.stop();
        await inbox?.stop();
        await inFlight.idle();
        if (lastFetched !== undefined) {
          // Confirm what was handled; the one update this may return stays queued at Telegram for the next start.
          await bot.api.getUpdates({ offset: lastFetched + 1, limit: 1, timeout: 0 }).catch((error: unknown) => {
            log.warn({ err: error }, "Could not confirm the last updates; Telegram will send them again");
          });
        }
        log.info("Polling stopped");
      })()),
  };
}
