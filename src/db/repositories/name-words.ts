/** The words entity names are made of, for the in-memory "could this be a name?" check. */
import { sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { entityAliases } from "../schema.js";

/** Creates the name-word repository (read only, over `entity_aliases`). */
export function createNameWordRepository({ db }: { db: Db }) {
  return {
    /** Every distinct word of every normalised alias ("kiril dmitriev" gives "kiril" and "dmitriev"). */
    async all(): Promise<string[]> {
      const word = sql<string>`w`;
      const rows = await db
        .selectDistinct({ word })
        .from(sql`${entityAliases}, unnest(string_to_array(${entityAliases.normalized}, ' ')) as w`)
        .where(sql`w <> ''`);
      return rows.map((row) => row.word);
    },
  };
}

export type NameWordRepository = ReturnType<typeof createNameWordRepository>;
