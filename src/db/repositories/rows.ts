/** The rows of a raw query, whichever driver ran it (PGlite returns `{ rows }`, postgres.js an array). */
import type { SQL } from "drizzle-orm";
import type { Db } from "../client.js";

export type QueryRunner = Pick<Db, "execute">;

export async function rowsOf<T>(db: QueryRunner, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
