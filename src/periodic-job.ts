/**
 * A job that runs now (or after `firstDelayMs`) and then `intervalMs` after each run ends, never
 * two runs at once; a failed run is logged and the next one comes as usual. `stop()` waits for the
 * run in progress. The digest builder, the enqueue sweeper, the story editor and the retention
 * job are such jobs.
 */
import type { Logger } from "pino";

export interface PeriodicJob {
  start(): void;
  stop(): Promise<void>;
  /** True once stopped: long runs check it between steps. */
  readonly stopped: boolean;
}

/** A periodic job that tests and the bench can also run once by hand; `runOnce` says what it did. */
export interface RunnableJob<Done = number> extends Pick<PeriodicJob, "start" | "stop"> {
  runOnce(): Promise<Done>;
}

export function createPeriodicJob(options: {
  run: () => Promise<unknown>;
  intervalMs: number;
  firstDelayMs?: number;
  log: Logger;
  /** The warning logged when a run fails. */
  failure: string;
}): PeriodicJob {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let started = false;
  let stopped = false;

  function tick(): void {
    running = options
      .run()
      .catch((error: unknown) => options.log.warn({ err: error }, options.failure))
      .finally(() => {
        running = undefined;
        if (!stopped) timer = setTimeout(tick, options.intervalMs).unref();
      });
  }

  return {
    start() {
      if (started || stopped) return;
      started = true;
      timer = setTimeout(tick, options.firstDelayMs ?? 0).unref();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
    get stopped() {
      return stopped;
    },
  };
}
