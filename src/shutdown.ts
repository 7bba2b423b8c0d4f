/**
 * Graceful shutdown: ordered steps (stop taking updates → finish those in flight → stop the delivery
 * worker → close HTTP → close the database) under one deadline, so the process always exits in time.
 */
import type { Logger } from "pino";

export interface ShutdownStep {
  name: string;
  run: () => Promise<void> | void;
}

/**
 * Runs `steps` in order; a failing step is logged and the next one still runs.
 * Resolves true when all finished before `deadlineMs`, false when the deadline cut them short.
 */
export async function runShutdown(steps: ShutdownStep[], options: { log: Logger; deadlineMs?: number }): Promise<boolean> {
  const deadlineMs = options.deadlineMs ?? 9_000;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), deadlineMs);
    timer.unref();
  });
  const work = (async () => {
    for (const step of steps) {
      const started = Date.now();
      try {
        await step.run();
        options.log.debug({ step: step.name, durationMs: Date.now() - started }, "Shutdown step done");
      } catch (error) {
        options.log.error({ err: error, step: step.name }, "Shutdown step failed");
      }
    }
    return true as const;
  })();
  const finished = await Promise.race([work, deadline]);
  clearTimeout(timer);
  if (!finished) options.log.warn({ deadlineMs }, "Shutdown did not finish in time; exiting anyway");
  return finished;
}

/**
 * Resolves with the result of {@link runShutdown} after the first SIGINT or SIGTERM. A second signal
 * exits at once (someone pressed Ctrl+C twice).
 */
export function onShutdownSignal(steps: () => ShutdownStep[], options: { log: Logger; deadlineMs?: number }): Promise<boolean> {
  return new Promise((resolve) => {
    let started = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (started) {
        options.log.warn({ signal }, "Second signal: exiting now");
        process.exit(1);
      }
      started = true;
      options.log.info({ signal }, "Shutting down");
      void runShutdown(steps(), options).then(resolve);
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  });
}
