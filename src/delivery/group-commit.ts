/**
 * Group commit: many callers each ask for one item to be written, and get one write per group.
 * At most one write runs at a time; items that arrive meanwhile wait for it to finish and then go
 * together in the next write. So nothing waits on a timer: a lone item is written at once, and
 * under load the groups grow to whatever arrived during one round trip.
 */
export interface GroupCommit<T> {
  /** Resolves once a write containing `item` succeeded; rejects with that write's error. */
  add(item: T): Promise<void>;
}

/** Creates a group commit over `write`, which stores a whole group or throws. */
export function createGroupCommit<T>(write: (items: T[]) => Promise<void>): GroupCommit<T> {
  let waiting: { item: T; resolve: () => void; reject: (error: unknown) => void }[] = [];
  let writing = false;

  async function drain(): Promise<void> {
    writing = true;
    while (waiting.length > 0) {
      const group = waiting;
      waiting = [];
      try {
        await write(group.map((w) => w.item));
        for (const w of group) w.resolve();
      } catch (error) {
        for (const w of group) w.reject(error);
      }
    }
    writing = false;
  }

  return {
    add(item) {
      return new Promise<void>((resolve, reject) => {
        waiting.push({ item, resolve, reject });
        if (!writing) void drain();
      });
    },
  };
}
