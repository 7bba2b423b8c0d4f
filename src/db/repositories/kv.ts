/**
 * A key-value store in Postgres, shaped as grammY's `StorageAdapter`, so sessions and conversation
 * state survive a restart.
 */
import { eq, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { kvStore } from "../schema.js";

export interface KeyValueStorage<T> {
  read(key: string): Promise<T | undefined>;
  write(key: string, value: T): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Creates a storage whose keys all start with `prefix` (one namespace per use). */
export function createKeyValueStorage<T>({ db }: { db: Db }, prefix: string): KeyValueStorage<T> {
  const keyOf = (key: string) => `${prefix}:${key}`;
  return {
    async read(key) {
      const [row] = await db.select({ value: kvStore.value }).from(kvStore).where(eq(kvStore.key, keyOf(key)));
      return row?.value as T | undefined;
    },
    async write(key, value) {
      await db
        .insert(kvStore)
        .values({ key: keyOf(key), value })
        .onConflictDoUpdate({ target: kvStore.key, set: { value: sql`excluded.value`, updatedAt: sql`now()` } });
    },
    async delete(key) {
      await db.delete(kvStore).where(eq(kvStore.key, keyOf(key)));
    },
  };
}

/** Named key-value storages over the `kv_store` table (conversation state, sessions). */
export function createKeyValueRepository({ db }: { db: Db }) {
  return {
    /** A storage whose keys live under `prefix`. */
    storage: <T>(prefix: string): KeyValueStorage<T> => createKeyValueStorage<T>({ db }, prefix),
  };
}
