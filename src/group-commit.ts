/**
 * Group commit: many callers each ask for one item to be written, and get one write per group.
 * A write starts once the I/O callbacks of the current event-loop turn have run (`setImmediate`),
 * so answers that arrived together are written together; at most one write runs at a time, and
 * items that arrive meanwhile go together in the next one. Nothing waits on a timer: a lone item
 * is written at once, and under load the groups grow to whatever arrived during one round trip.
 * (Waiting for the turn matters with PGlite: its queries run on this thread, so without it
 * every answer would be written alone before the next one is even read.)
 */
export interface GroupCommit<T> {
  /** Resolves once a write containing `item` succeeded; rejects with that write's error. */
  add(item: T): Promise<void>;
}

/** Creates a group commit over `write`, which stores a whole group or throws. */
export function createGroupCommit<T>(write: (items: T[]) => Promise<void>): GroupCommit<T> {
  let waiting: { item: T; resolve: () => void; reject: (error: unknown) => void }[] = [];
  let busy = false; // a write is scheduled or running

  async function drain(): Promise<void> {
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
    busy = false;
  }

  return {
    add(item) {
      return new Promise<void>((resolve, reject) => {
        waiting.push({ item, resolve, reject });
        if (!busy) {
          busy = true;
          setImmediate(() => void drain());
        }
      });
    },
  };
}
