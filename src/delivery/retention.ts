/**
 * The retention job: every `intervalMs`, deletes finished deliveries older than
 * DELIVERY_RETENTION_DAYS, webhook update ids older than a day and conversation state untouched
 * for 30 days, `batchSize` rows per statement with a pause between statements, so the delivery
 * worker's claims never wait behind a long delete.
 */
import type { Logger } from "pino";
import { createPeriodicJob, type PeriodicJob } from "../periodic-job.js";
import type { RetentionRepository } from "../db/repositories/retention.js";

/** A /post conversation nobody touched for this long is dropped. */
export const CONVERSATION_RETENTION_DAYS = 30;

export interface RetentionOptions {
  repo: RetentionRepository;
  /** DELIVERY_RETENTION_DAYS. */
  days: number;
  log: Logger;
  batchSize?: number;
  intervalMs?: number;
  /** Pause between two batches. */
  pauseMs?: number;
}

export interface PruneReport {
  deliveries: number;
  processedUpdates: number;
  conversations: number;
}

/** Creates the job; `runOnce` prunes everything due now, `start` repeats it. */
export function createRetentionJob(options: RetentionOptions) {
  const batchSize = options.batchSize ?? 5_000;
  const pauseMs = options.pauseMs ?? 50;
  // Declared before drain() reads it; started below.
  let job: PeriodicJob | undefined;

  async function drain(step: () => Promise<number>): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await step();
      total += n;
      if (n < batchSize || job?.stopped) return total;
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }

  async function runOnce(): Promise<PruneReport> {
    const report = {
      deliveries: await drain(() => options.repo.pruneDeliveries(options.days, batchSize)),
      processedUpdates: await drain(() => options.repo.pruneProcessedUpdates(batchSize)),
      conversations: await drain(() => options.repo.pruneConversations(CONVERSATION_RETENTION_DAYS, batchSize)),
    };
    if (report.deliveries + report.processedUpdates + report.conversations > 0) options.log.info(report, "Old rows deleted");
    return report;
  }

  job = createPeriodicJob({
    run: runOnce,
    intervalMs: options.intervalMs ?? 10 * 60_000,
    firstDelayMs: 5_000,
    log: options.log,
    failure: "Retention job failed; it runs again later",
  });
  return { runOnce, start: job.start, stop: job.stop };
}

export type RetentionJob = ReturnType<typeof createRetentionJob>;
