/** Counts work in progress so that shutdown can wait for it instead of cutting it off. */
export function createInFlight() {
  const running = new Set<Promise<unknown>>();
  let idleWaiters: (() => void)[] = [];

  return {
    /** Registers `task` until it settles; returns it unchanged. */
    track<T>(task: Promise<T>): Promise<T> {
      const entry = task.then(
        () => undefined,
        () => undefined,
      );
      running.add(entry);
      void entry.then(() => {
        running.delete(entry);
        if (running.size === 0) {
          const waiters = idleWaiters;
          idleWaiters = [];
          for (const wake of waiters) wake();
        }
      });
      return task;
    },
    get size() {
      return running.size;
    },
    /** Resolves when nothing is in progress. */
    idle(): Promise<void> {
      if (running.size === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
  };
}

export type InFlight = ReturnType<typeof createInFlight>;
