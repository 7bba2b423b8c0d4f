/**
 * Runs once per `vitest run`: migrates one PGlite instance and dumps its data directory, so each
 * test database starts from a copy (about 0.5 s) instead of running initdb (about 3–5 s); with
 * DATABASE_URL, migrates one PostgreSQL template database that each test database is created
 * from (`CREATE DATABASE … TEMPLATE`) instead of migrating every one.
 */
import { writeFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../src/db/client.js";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteDump: string;
    /** The migrated PostgreSQL template database ("" without DATABASE_URL). */
    postgresTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), "newsbot-test-"));
  const pglite = await PGlite.create({ extensions: { pg_trgm } });
  const database = await openDatabase({ pglite });
  await database.migrate();
  const dump = await pglite.dumpDataDir("gzip");
  const path = join(dir, "migrated.tar.gz");
  await writeFile(path, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();
  project.provide("pgliteDump", path);

  const baseUrl = process.env.DATABASE_URL;
  let template = "";
  if (baseUrl) {
    template = `newsbot_template_${randomBytes(6).toString("hex")}`;
    const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${template}`);
    const url = new URL(baseUrl);
    url.pathname = `/${template}`;
    const migrated = await openDatabase({ databaseUrl: url.toString(), maxConnections: 1 });
    await migrated.migrate();
    // A template must have no open connection while a database is created from it.
    await migrated.close();
    await admin.end();
  }
  project.provide("postgresTemplate", template);
  return async () => {
    await rm(dir, { recursive: true, force: true });
    if (baseUrl && template) {
      const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists ${template} with (force)`);
      await admin.end();
    }
  };
}
