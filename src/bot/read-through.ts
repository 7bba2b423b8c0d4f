/**
 * A read-through cache for database reads that many updates repeat between two publications:
 * answers are kept `ttlMs`, concurrent requests for one key share one read, and a failed read is
 * not kept (the next request asks again). Built on lru-cache, which bounds the entries.
 */
import { LRUCache } from "lru-cache";

export interface ReadThroughOptions {
  /** How long an answer is reused. */
  ttlMs: number;
  /** Most keys kept; the least recently used go first. */
  max: number;
  /** The clock, for tests (milliseconds). */
  now?: () => number;
}

/** Wraps `read(key)`; an `undefined` answer is never kept. */
export function createReadThrough<K extends {}, V extends {}>(read: (key: K) => Promise<V | undefined>, options: ReadThroughOptions) {
  const cache = new LRUCache<K, V>({
    max: options.max,
    ttl: options.ttlMs,
    // Expiry is checked on each read: no timers, nothing to stop at shutdown.
    ttlAutopurge: false,
    ttlResolution: 0, // read the clock on every check (it is cheap), so a test's clock is obeyed
    ...(options.now ? { perf: { now: options.now } } : {}),
    fetchMethod: (key) => read(key),
  });
  return {
    get: (key: K): Promise<V | undefined> => cache.fetch(key),
    /** Forgets everything: the next reads go to the database. */
    clear: (): void => cache.clear(),
  };
}
