/**
 * The digest builder: when a chat's digest is due, its held articles become one pending row of
 * the delivery queue (see `buildDigests`), which the worker sends like any other. Building is one
 * transaction guarded by the due time, so a crash before it leaves everything held for the next
 * run, a crash after it leaves one pending row, and two builders racing build it once.
 */
import type { Logger } from "pino";
import type { Repositories } from "../db/repositories/index.js";
import { nextDigestAt } from "./local-time.js";
import { createPeriodicJob, type RunnableJob } from "../periodic-job.js";

export interface DigestBuilderOptions {
  repos: Pick<Repositories, "deliveries">;
  log: Logger;
  /** Told when digests were queued, so that the worker sends them at once. */
  onBuilt?: (count: number) => void;
  now?: () => Date;
  /** How often due digests are looked for. */
  intervalMs?: number;
  /** Chats built per run. */
  batchSize?: number;
}

/** `runOnce` builds every digest due now and returns how many digest messages it queued. */
export type DigestBuilder = RunnableJob;

/** Creates the builder; nothing runs until `start()` (tests call `runOnce()`). */
export function createDigestBuilder(options: DigestBuilderOptions): DigestBuilder {
  const { repos, log } = options;
  const now = options.now ?? (() => new Date());
  const intervalMs = options.intervalMs ?? 30_000;
  const batchSize = options.batchSize ?? 500;

  async function runOnce(): Promise<number> {
    let queued = 0;
    for (;;) {
      const due = await repos.deliveries.dueDigestChats(batchSize, now());
      const at = now();
      const batch = due.flatMap((chat) => {
        // The next one after now, not after the missed time: a bot down for two days sends one
        // digest with everything, not two.
        const nextAt = nextDigestAt({ mode: chat.mode, time: chat.digestTime, weekday: chat.digestWeekday, timeZone: chat.timeZone }, at);
        return nextAt ? [{ chatId: chat.chatId, dueAt: chat.dueAt, nextAt }] : [];
      });
      queued += await repos.deliveries.buildDigests(batch);
      if (due.length < batchSize) break;
    }
    if (queued > 0) {
      log.info({ digests: queued }, "Digests queued");
      options.onBuilt?.(queued);
    }
    return queued;
  }

  const job = createPeriodicJob({ run: runOnce, intervalMs, log, failure: "Could not build digests; trying again later" });
  return { runOnce, start: job.start, stop: job.stop };
}
