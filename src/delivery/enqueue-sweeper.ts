/**
 * Completes broadcasts whose publisher died between storing the article and queueing its
 * deliveries: the article was stored with `enqueue_pending` in its own transaction, and the mark
 * is cleared in the enqueue's. Runs in the delivery role, at start and then every few seconds.
 * Enqueueing is idempotent, so a sweep racing a slow publisher creates nothing twice; the grace
 * period only keeps it from doing the publisher's work while it is still at it.
 */
import type { Logger } from "pino";
import { createPeriodicJob, type RunnableJob } from "../periodic-job.js";

export interface EnqueueSweeperOptions {
  /** Ids of articles still marked, stored before the given time. */
  pending(before: Date, limit: number): Promise<number[]>;
  enqueue(articleId: number): Promise<number>;
  log: Logger;
  now?: () => Date;
  /** How old a mark must be before the sweeper takes over. */
  graceMs?: number;
  intervalMs?: number;
}

/** `runOnce` queues every article left marked and returns how many articles it completed. */
export type EnqueueSweeper = RunnableJob;

const BATCH = 50;

export function createEnqueueSweeper(options: EnqueueSweeperOptions): EnqueueSweeper {
  const { log } = options;
  const now = options.now ?? (() => new Date());
  const graceMs = options.graceMs ?? 15_000;
  const intervalMs = options.intervalMs ?? 5_000;

  async function runOnce(): Promise<number> {
    let completed = 0;
    for (;;) {
      const ids = await options.pending(new Date(now().getTime() - graceMs), BATCH);
      for (const id of ids) {
        const rows = await options.enqueue(id);
        log.warn({ articleId: id, deliveries: rows }, "Queued the deliveries of an article whose publisher stopped before it could");
        completed++;
      }
      if (ids.length < BATCH) return completed;
    }
  }

  const job = createPeriodicJob({ run: runOnce, intervalMs, log, failure: "Could not complete pending broadcasts; trying again later" });
  return { runOnce, start: job.start, stop: job.stop };
}
