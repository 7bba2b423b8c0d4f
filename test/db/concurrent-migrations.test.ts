/**
 * Several processes starting at once on an empty PostgreSQL database: migrations run one at a
 * time under an advisory lock, so every process starts, and the schema is applied once.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.js";

const baseUrl = process.env.DATABASE_URL;

describe.skipIf(!baseUrl)("migrations started by several processes at once (postgres)", () => {
  it("all succeed, each migration applied once", { timeout: 120_000 }, async () => {
    const name = `newsbot_migrate_${randomBytes(5).toString("hex")}`;
    const admin = postgres(baseUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(baseUrl!);
    url.pathname = `/${name}`;
    // Pools of one connection, like the smallest configuration: the lock must not take it.
    const processes = await Promise.all([1, 2, 3, 4].map(() => openDatabase({ databaseUrl: url.toString(), maxConnections: 1 })));
    try {
      const outcomes = await Promise.allSettled(processes.map((database) => database.migrate()));
      expect(outcomes.filter((o) => o.status === "rejected")).toEqual([]);
      const journal = JSON.parse(readFileSync(new URL("../../drizzle/meta/_journal.json", import.meta.url), "utf8")) as { entries: unknown[] };
      const check = postgres(url.toString(), { max: 1 });
      const rows = await check<{ count: number }[]>`select count(*)::int as count from drizzle.__drizzle_migrations`;
      await check.end();
      expect(rows[0]?.count).toBe(journal.entries.length);
    } finally {
      await Promise.all(processes.map((database) => database.close()));
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
