import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database, type Db } from "../../src/db/client.js";
import { isDatabaseUnavailable } from "../../src/db/unavailable.js";

/**
 * A server-side close of the connection a transaction runs on (what a PostgreSQL restart does to
 * every connection, here done to one with `pg_terminate_backend`). postgres.js 3.4.9 then wrote the
 * transaction's ROLLBACK to a null socket and crashed the process with an uncaught TypeError, and
 * the connection never worked again; `patches/postgres+3.4.9.patch` fixes both. Only the backend of
 * this test's own connection is terminated.
 */
/** The server process behind the connection `db` runs on (postgres.js returns rows as an array). */
async function backendPid(db: Pick<Db, "execute">): Promise<number> {
  const rows = (await db.execute(sql`select pg_backend_pid() as pid`)) as unknown as { pid: number }[];
  return rows[0]!.pid;
}

describe.skipIf(!process.env.DATABASE_URL)("a PostgreSQL connection closed by the server in a transaction", () => {
  let database: Database;
  let admin: postgres.Sql;

  beforeAll(async () => {
    // One connection, so the query after the loss must reconnect that same connection.
    database = await openDatabase({ databaseUrl: process.env.DATABASE_URL!, maxConnections: 1 });
    admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await database?.close();
    await admin?.end();
  });

  it("rejects the transaction as 'database unavailable', and the next query succeeds on a new connection", async () => {
    const uncaught: unknown[] = [];
    const record = (error: unknown) => uncaught.push(error);
    process.on("uncaughtException", record);
    try {
      for (let round = 1; round <= 3; round++) {
        let killedPid: number | undefined;
        const transaction = database.db.transaction(async (tx) => {
          killedPid = await backendPid(tx);
          await tx.execute(sql`select pg_sleep(5)`);
        });
        const outcome = transaction.then(
          () => "committed",
          (error: unknown) => error,
        );
        await expect.poll(() => killedPid, { timeout: 10_000, interval: 10 }).toBeDefined();
        await admin`select pg_terminate_backend(${killedPid!})`;

        const error = await outcome;
        expect(isDatabaseUnavailable(error), `round ${round}: ${String(error)}`).toBe(true);
        // The crash came from a setImmediate after the rejection: give it the chance to happen.
        await new Promise((resolve) => setTimeout(resolve, 20));
        expect(uncaught.map(String)).toEqual([]);

        expect(await backendPid(database.db)).not.toBe(killedPid);
      }
    } finally {
      process.off("uncaughtException", record);
    }
  });
});
