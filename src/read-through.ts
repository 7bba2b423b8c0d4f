/**
 * A read-through cache for database reads that many updates repeat (the newest articles, entity
 * cards, chat languages): answers are kept `ttlMs`, concurrent requests for one key share one read,
 * and a failed read is not kept (the next request asks again). Built on lru-cache, which bounds the
 * entries, dropping the least recently used.
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
    // lru-cache reads a start time of 0 as "never expires": a test clock starting at 0 is moved on by 1 ms.
    ...(options.now ? { perf: { now: () => options.now!() + 1 } } : {}),
    fetchMethod: (key) => read(key),
  });
  return {
    get: (key: K): Promise<V | undefined> => cache.fetch(key),
    /** Stores a value just written to the database, so the next read needs no query. */
    set: (key: K, value: V): void => void cache.set(key, value),
    /** Forgets everything: the next reads go to the database. */
    clear: (): void => cache.clear(),
  };
}
