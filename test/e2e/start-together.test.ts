import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { startBotApiServer } from "../support/bot-api-server.js";
import { killAll, startBotProcess } from "../support/bot-process.js";

/**
 * Three processes started at the same moment on an empty PostgreSQL database (a first deployment
 * with replicas): migrations take turns under their lock, the seeds are loaded once, every
 * process runs.
 */
describe.skipIf(!process.env.DATABASE_URL)("three processes starting together on an empty database", () => {
  const name = `newsbot_together_${randomBytes(5).toString("hex")}`;
  const admin = process.env.DATABASE_URL ? postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} }) : undefined;
  afterAll(async () => {
    await killAll();
    await admin?.unsafe(`drop database if exists ${name} with (force)`);
    await admin?.end();
  });

  it("all start; each migration and each seed is applied once", async () => {
    await admin!.unsafe(`create database ${name}`);
    const url = Object.assign(new URL(process.env.DATABASE_URL!), { pathname: `/${name}` }).toString();
    const server = await startBotApiServer();
    try {
      const bots = [1, 2, 3].map(() => startBotProcess(server.apiRoot, { DATABASE_URL: url, BOT_ROLE: "delivery" }));
      await Promise.all(bots.map((bot) => bot.ready(120_000)));
      const db = postgres(url, { max: 1, onnotice: () => {} });
      try {
        const migrations = await db<{ count: number }[]>`select count(*)::int as count from drizzle.__drizzle_migrations`;
        const distinct = await db<{ count: number }[]>`select count(distinct hash)::int as count from drizzle.__drizzle_migrations`;
        expect(migrations[0]!.count).toBe(distinct[0]!.count);
        const articles = await db<{ count: number; urls: number }[]>`select count(*)::int as count, count(distinct url)::int as urls from articles`;
        expect(articles[0]!.count).toBeGreaterThan(0);
        expect(articles[0]!.count).toBe(articles[0]!.urls);
        const topics = await db<{ count: number; slugs: number }[]>`select count(*)::int as count, count(distinct slug)::int as slugs from topics`;
        expect(topics[0]!.count).toBe(topics[0]!.slugs);
      } finally {
        await db.end();
      }
      for (const bot of bots) {
        bot.child.kill("SIGTERM");
        expect(await bot.exited).toBe(0);
      }
    } finally {
      await server.close();
    }
  }, 180_000);
});
