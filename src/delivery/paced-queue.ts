/**
 * A queue that starts its jobs in order, at most `concurrency` running at once and starts spaced
 * evenly at `rate` per second: what the delivery worker needs from a rate limiter, and no more.
 *
 * Why not Bottleneck: it passes every job through a few `setTimeout(0)` turns before running it,
 * so on a busy machine it started no more than about 270 jobs/s, far under a 1000/s paid cap, with
 * most of the worker's sending slots empty. Here a job starts as soon as its turn has come, and one
 * timer waits for the next turn.
 *
 * Starts never come closer than `1000 / rate` ms, except to catch up after a timer fired late, and
 * then by at most `slackMs` in all: so any one-second window holds at most
 * `(1000 + slackMs) / (1000 / rate) + 1` starts. The worker aims a few percent under Telegram's cap,
 * so that bound stays under it.
 */
export interface PacedQueueOptions {
  /** Starts per second. */
  rate: number;
  /** Jobs running at once. */
  concurrency: number;
  /** How far behind schedule starts may catch up, in ms. */
  slackMs?: number;
}

export interface PacedQueue {
  /** Queues a job; it starts when both a slot and its turn are free. */
  push(job: () => Promise<void>): void;
  /** Starts nothing for `ms` (Telegram said "retry after"); jobs running go on. */
  pause(ms: number): void;
  /** Drops the jobs not started yet; resolves once the running ones have finished. */
  stop(): Promise<void>;
}

/** Creates an empty paced queue. */
export function createPacedQueue({ rate, concurrency, slackMs = 10 }: PacedQueueOptions): PacedQueue {
  const interval = 1000 / rate;
  const queued: (() => Promise<void>)[] = [];
  let running = 0;
  let nextStart = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let allDone: (() => void) | undefined;

  function pump(): void {
    while (!stopped && queued.length > 0 && running < concurrency) {
      const now = performance.now();
      nextStart = Math.max(nextStart, now - slackMs);
      if (nextStart > now) {
        timer ??= setTimeout(() => {
          timer = undefined;
          pump();
        }, nextStart - now);
        return;
      }
      nextStart += interval;
      const job = queued.shift()!;
      running++;
      void job()
        .catch(() => {}) // the caller's job handles its own errors
        .finally(() => {
          running--;
          if (running === 0) allDone?.();
          pump();
        });
    }
  }

  return {
    push(job) {
      if (stopped) return;
      queued.push(job);
      pump();
    },
    pause(ms) {
      nextStart = Math.max(nextStart, performance.now() + ms);
    },
    stop() {
      stopped = true;
      queued.length = 0;
      clearTimeout(timer);
      timer = undefined;
      return running === 0 ? Promise.resolve() : new Promise((resolve) => (allDone = resolve));
    },
  };
}
