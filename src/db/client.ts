/**
 * Opens the database: PostgreSQL through postgres.js when a URL is given, embedded PGlite in a data
 * directory otherwise. Both are driven by the same drizzle query builder and the same migrations.
 */
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { PGlite } from "@electric-sql/pglite";
import { DataDirLockedError, lockDataDir, type DataDirLock } from "./data-dir-lock.js";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema.js";

export type Schema = typeof schema;
/** The drizzle database, whichever driver is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("../../drizzle", import.meta.url));

export interface Database {
  db: Db;
  kind: "postgres" | "pglite";
  /** Applies the committed migrations in `drizzle/` (idempotent). */
  migrate(): Promise<void>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres:// URL; when absent, PGlite is used. */
  databaseUrl?: string;
  /** Directory for PGlite's files; absent means in memory. */
  dataDir?: string;
  /** Maximum connections of the postgres.js pool. */
  maxConnections?: number;
  /** An existing PGlite instance (tests load a migrated snapshot into one). */
  pglite?: PGlite;
}

/** A database that could not be opened: the message says what to check. */
export class DatabaseUnavailableError extends Error {
  override name = "DatabaseUnavailableError";
}

/** Opens the database described by `options` and checks that it answers. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const database = options.databaseUrl ? openPostgres(options.databaseUrl, options.maxConnections) : await openPglite(options);
  try {
    await database.ping();
  } catch (error) {
    await database.close().catch(() => {});
    const where = options.databaseUrl ? redactUrl(options.databaseUrl) : `PGlite in ${options.dataDir ?? "memory"}`;
    throw new DatabaseUnavailableError(
      `Cannot reach the database at ${where}: ${(error as Error).message}. ` +
        (options.databaseUrl
          ? "Check that PostgreSQL is running and DATABASE_URL is right, or unset DATABASE_URL to use embedded PGlite."
          : "Check that DATA_DIR is writable and not used by another running bot."),
    );
  }
  return database;
}

/**
 * Seconds postgres.js waits before reconnecting a closed connection. Its default grows with every
 * failed attempt of the whole pool up to 20 s, so after a restart of a few seconds every query
 * (and every "try again shortly" answer) waited that long; this waits at most a second.
 */
function reconnectDelaySeconds(failedAttempts: number): number {
  return Math.min(1, 0.05 * 2 ** failedAttempts);
}

/** The session advisory lock that serialises migrations between processes (any fixed key). */
const MIGRATION_LOCK_KEY = 7_311_001;

/**
 * Applies the migrations while holding a session advisory lock on a connection of its own (not
 * one of the pool's, which the migration may need all of). Several processes starting on an empty
 * database would otherwise race (two `CREATE EXTENSION` at once fail); the later ones wait, then
 * find nothing left to apply. A process that dies holding the lock loses it with its connection.
 */
async function migrateOneAtATime(url: string, client: postgres.Sql): Promise<void> {
  const lock = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    await lock`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migratePostgres(drizzlePostgres(client, { schema }), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await lock.end({ timeout: 5 });
  }
}

function openPostgres(url: string, max = 10): Database {
  // onnotice: migrations print "already exists, skipping" notices that are not worth a log line.
  // jit off: every query here is short, and the planner's cost estimates of the enqueue and
  // claim statements (thousands of rows) made PostgreSQL spend 400 ms compiling a 20 ms query.
  const client = postgres(url, { max, onnotice: () => {}, connect_timeout: 10, backoff: reconnectDelaySeconds, connection: { jit: "off" } });
  const db = drizzlePostgres(client, { schema }) as unknown as Db;
  return {
    db,
    kind: "postgres",
    migrate: () => migrateOneAtATime(url, client),
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => client.end({ timeout: 5 }),
  };
}

async function openPglite(options: DatabaseOptions): Promise<Database> {
  // Loaded only here: PGlite costs about 40 MB of memory in a process that talks to PostgreSQL.
  const [{ PGlite }, { pg_trgm }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("@electric-sql/pglite/contrib/pg_trgm"),
    import("drizzle-orm/pglite"),
    import("drizzle-orm/pglite/migrator"),
  ]);
  let client = options.pglite;
  let lock: DataDirLock | undefined;
  if (!client) {
    if (options.dataDir) {
      await mkdir(options.dataDir, { recursive: true });
      try {
        lock = lockDataDir(options.dataDir);
      } catch (error) {
        if (error instanceof DataDirLockedError) throw new DatabaseUnavailableError(error.message);
        throw error;
      }
    }
    try {
      client = await PGlite.create(options.dataDir ?? "memory://", { extensions: { pg_trgm } });
    } catch (error) {
      lock?.release();
      throw new DatabaseUnavailableError(
        `Cannot open embedded PGlite in ${options.dataDir ?? "memory"}: ${(error as Error).message}. ` +
          "Only one process can use a PGlite data directory: stop the other bot, or set DATABASE_URL.",
      );
    }
  }
  const pg = client;
  const db = drizzlePglite(pg, { schema }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    migrate: () => migratePglite(drizzlePglite(pg, { schema }), { migrationsFolder: MIGRATIONS_FOLDER }),
    ping: async () => {
      await pg.query("select 1");
    },
    close: async () => {
      try {
        if (!pg.closed) await pg.close();
      } finally {
        lock?.release();
      }
    },
  };
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}
