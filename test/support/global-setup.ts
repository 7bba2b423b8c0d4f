/**
 * Runs once per `vitest run`: migrates one PGlite instance and dumps its data directory, so each
 * test database starts from a copy (about 0.5 s) instead of running initdb (about 3–5 s).
 */
import { writeFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../src/db/client.js";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteDump: string;
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
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
