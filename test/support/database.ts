/**
 * Test databases on both backends: PGlite always, and the PostgreSQL server at DATABASE_URL when
 * it is set (CI). Each call gives a fresh, migrated, empty database.
 */
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import postgres from "postgres";
import { inject } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.js";
import { createRepositories } from "../../src/db/repositories/index.js";
import { loadSeeds } from "../../src/news/seeds.js";
import { createNewsService } from "../../src/news/service.js";

export type Backend = "pglite" | "postgres";

/** The backends this run tests: PGlite, plus Postgres when DATABASE_URL is set. */
export const BACKENDS: Backend[] = process.env.DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

export interface TestDatabase extends Database {
  /** The URL of the per-test Postgres database (postgres backend only). */
  url?: string;
}

/** A fresh migrated database on `backend` (with the seeds loaded if `seeded`); `close()` also drops it. */
export async function createTestDatabase(backend: Backend, options: { maxConnections?: number; seeded?: boolean } = {}): Promise<TestDatabase> {
  if (backend === "pglite") {
    const dump = await readFile(inject(options.seeded ? "pgliteSeededDump" : "pgliteDump"));
    const pglite = await PGlite.create({ loadDataDir: new Blob([dump]), extensions: { pg_trgm } });
    return openDatabase({ pglite });
  }
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) throw new Error("The postgres backend needs DATABASE_URL");
  const name = `newsbot_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  const template = inject(options.seeded ? "postgresSeededTemplate" : "postgresTemplate");
  await createDatabase(admin, name, template);
  const url = withDatabase(baseUrl, name);
  const database = await openDatabase({ databaseUrl: url, maxConnections: options.maxConnections ?? 5 });
  // A copy of the migrated template has nothing left to apply; without one this migrates.
  await database.migrate();
  return {
    ...database,
    url,
    close: async () => {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/**
 * Creates `name` as a copy of the migrated template (much faster than migrating), or empty when
 * there is none. Two copies started at the same moment can collide ("being accessed by other
 * users"): the second tries again.
 */
async function createDatabase(admin: postgres.Sql, name: string, template: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.unsafe(template ? `create database ${name} template ${template}` : `create database ${name}`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== "55006" || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/**
 * A database with the real seeds loaded, and the services over it: a copy of the seeded one the
 * global setup built, or, in a run without that setup (the PostgreSQL restart test), seeded here.
 */
export async function createSeededApp(backend: Backend) {
  const copy = Boolean(inject(backend === "pglite" ? "pgliteSeededDump" : "postgresSeededTemplate"));
  const database = await createTestDatabase(backend, { seeded: copy });
  const repos = createRepositories({ db: database.db });
  const news = createNewsService({ repos });
  if (!copy) await loadSeeds({ repos, news });
  return { database, repos, news };
}
