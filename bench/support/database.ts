/**
 * The benchmark's scratch database: a fresh in-memory PGlite by default, or, when DATABASE_URL is
 * set, a new database on that server (named from DATABASE_URL's, with a random suffix) that is
 * dropped afterwards. Either way migrated and seeded like the bot's own start.
 */
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openDatabase, redactUrl, type Database } from "../../src/db/client.js";
import { createRepositories, type Repositories } from "../../src/db/repositories/index.js";
import { loadSeeds } from "../../src/news/seeds.js";
import { createNewsService, type NewsService } from "../../src/news/service.js";

export interface BenchDatabase {
  database: Database;
  repos: Repositories;
  news: NewsService;
  kind: "pglite" | "postgres";
  /** The scratch database's URL (Postgres only). */
  url?: string;
  /** Human-readable: "PGlite (in memory)" or the redacted scratch URL. */
  label: string;
  /** Closes and, on Postgres, drops the scratch database. */
  close(): Promise<void>;
}

/** `url` with its database name replaced. */
export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** Creates an empty scratch database on the server of `baseUrl`; returns its URL and a dropper. */
export async function createScratchDatabase(baseUrl: string, prefix = "bench"): Promise<{ url: string; drop(): Promise<void> }> {
  const base = new URL(baseUrl).pathname.replace(/^\//, "") || "postgres";
  const name = `${base}_${prefix}_${randomBytes(4).toString("hex")}`.replace(/[^a-z0-9_]/gi, "_").toLowerCase();
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  return {
    url: withDatabaseName(baseUrl, name),
    drop: async () => {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

/** Opens a migrated, seeded scratch database on the backend DATABASE_URL selects. */
export async function openBenchDatabase(options: { databaseUrl?: string; maxConnections?: number } = {}): Promise<BenchDatabase> {
  const scratch = options.databaseUrl ? await createScratchDatabase(options.databaseUrl) : undefined;
  const database = await openDatabase({ databaseUrl: scratch?.url, maxConnections: options.maxConnections ?? 10 });
  await database.migrate();
  const repos = createRepositories({ db: database.db });
  const news = createNewsService({ repos });
  await loadSeeds({ repos, news });
  return {
    database,
    repos,
    news,
    kind: database.kind,
    url: scratch?.url,
    label: scratch ? `PostgreSQL ${redactUrl(scratch.url)}` : "PGlite (in memory)",
    close: async () => {
      await database.close();
      await scratch?.drop();
    },
  };
}
