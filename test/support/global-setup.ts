/**
 * Runs once per `vitest run`: migrates one PGlite instance and dumps its data directory, then
 * loads the seeds into it and dumps it again, so each test database starts from a copy (about
 * 0.5 s) instead of running initdb (about 3–5 s) and the seeds' analysis (1–3 s); with
 * DATABASE_URL, builds the same two PostgreSQL template databases that each test database is
 * created from (`CREATE DATABASE … TEMPLATE`).
 */
import { writeFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { TestProject } from "vitest/node";
import { openDatabase, type Database } from "../../src/db/client.js";
import { createRepositories } from "../../src/db/repositories/index.js";
import { loadSeeds } from "../../src/news/seeds.js";
import { createNewsService } from "../../src/news/service.js";

async function seed(database: Database): Promise<void> {
  const repos = createRepositories({ db: database.db });
  await loadSeeds({ repos, news: createNewsService({ repos }) });
}

declare module "vitest" {
  export interface ProvidedContext {
    /** A migrated PGlite data directory (gzipped tar), and the same with the seeds loaded. */
    pgliteDump: string;
    pgliteSeededDump: string;
    /** The migrated PostgreSQL template database, and the seeded one ("" without DATABASE_URL). */
    postgresTemplate: string;
    postgresSeededTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), "newsbot-test-"));
  const pglite = await PGlite.create({ extensions: { pg_trgm } });
  const database = await openDatabase({ pglite });
  await database.migrate();
  const dumpTo = async (name: string) => {
    const path = join(dir, name);
    await writeFile(path, Buffer.from(await (await pglite.dumpDataDir("gzip")).arrayBuffer()));
    return path;
  };
  project.provide("pgliteDump", await dumpTo("migrated.tar.gz"));
  await seed(database);
  project.provide("pgliteSeededDump", await dumpTo("seeded.tar.gz"));
  await pglite.close();

  const baseUrl = process.env.DATABASE_URL;
  const suffix = randomBytes(6).toString("hex");
  const templates = baseUrl ? [`newsbot_template_${suffix}`, `newsbot_seeded_${suffix}`] : [];
  if (baseUrl) {
    const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
    for (const [index, template] of templates.entries()) {
      await admin.unsafe(index === 0 ? `create database ${template}` : `create database ${template} template ${templates[0]}`);
      const url = new URL(baseUrl);
      url.pathname = `/${template}`;
      const database = await openDatabase({ databaseUrl: url.toString(), maxConnections: 1 });
      if (index === 0) await database.migrate();
      else await seed(database);
      // A template must have no open connection while a database is created from it.
      await database.close();
    }
    await admin.end();
  }
  project.provide("postgresTemplate", templates[0] ?? "");
  project.provide("postgresSeededTemplate", templates[1] ?? "");
  return async () => {
    await rm(dir, { recursive: true, force: true });
    if (templates.length > 0) {
      const admin = postgres(baseUrl!, { max: 1, onnotice: () => {} });
      for (const template of templates.reverse()) await admin.unsafe(`drop database if exists ${template} with (force)`);
      await admin.end();
    }
  };
}
