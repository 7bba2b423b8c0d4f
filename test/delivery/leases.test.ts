/** Short leases kept alive by the worker's heartbeat; a killed predecessor's rows are taken back. */
import { sql } from "drizzle-orm";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { BACKENDS, createSeededApp } from "../support/database.js";
import { createFakeTelegram, deliveryService, publishArticle, resetDeliveryTables, subscribeChats, testWorker, waitUntilDrained } from "../support/fake-broadcast.js";
import { TEST_TOKEN } from "../support/telegram.js";

type App = Awaited<ReturnType<typeof createSeededApp>>;

describe.each(BACKENDS)("delivery leases (%s)", (backend) => {
  let app: App;
  const stops: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    app = await createSeededApp(backend);
  });
  afterAll(() => app.database.close());
  beforeEach(() => resetDeliveryTables(app));
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
  });

  it("a live worker's short leases are renewed: a send slower than the lease is not taken by another worker", async () => {
    const chats = await subscribeChats(app, 3, ["europe"], 9100);
    await deliveryService(app).enqueueArticle(await publishArticle(app, ["europe"]));
    // Every send takes far longer than the lease; the heartbeat keeps the rows leased meanwhile
    // (without it, the other workers below take the rows once the lease lapses: checked by hand).
    const slow = createFakeTelegram({ latencyMs: () => 4000 });
    const first = testWorker(app, slow, { leaseMs: 1500, heartbeatMs: 150, concurrency: 3, batchSize: 3 });
    stops.push(() => first.stop());
    first.start();
    const leasedByFirst = async () => {
      const result = (await app.database.db.execute(
        sql`select count(*)::int as n from deliveries where leased_by = ${first.id} and lease_until > now()`,
      )) as unknown;
      const rows = (Array.isArray(result) ? result : (result as { rows: { n: number }[] }).rows) as { n: number }[];
      return Number(rows[0]!.n);
    };
    while ((await leasedByFirst()) < 3) await new Promise((r) => setTimeout(r, 20));
    // Well past the first lease's end, the rows are still leased, and another worker gets none.
    await new Promise((r) => setTimeout(r, 2500));
    expect(await leasedByFirst()).toBe(3);
    const fast = createFakeTelegram();
    const other = testWorker(app, fast, { leaseMs: 1500 });
    other.start();
    await new Promise((r) => setTimeout(r, 200));
    await other.stop();
    expect(fast.sends).toEqual([]);
    await waitUntilDrained(app);
    expect(Object.fromEntries(slow.delivered())).toEqual(Object.fromEntries(chats.map((c) => [c, 1])));
  });

  it.runIf(backend === "pglite")("on PGlite the one worker takes back, at start, every row a killed process held", async () => {
    const chats = await subscribeChats(app, 4, ["nato"], 9200);
    await deliveryService(app).enqueueArticle(await publishArticle(app, ["nato"]));
    expect(await app.repos.deliveries.claim({ workerId: "killed", limit: 10, leaseMs: 10 * 60_000 })).toHaveLength(4);
    const telegram = createFakeTelegram();
    const restarted = createApp(app.database, { log: pino({ level: "silent" }), adminIds: [], takesUpdates: false });
    const worker = restarted.startDeliveryWorker(TEST_TOKEN, { fetch: telegram.fetch }, { autoRetry: false, rate: 100 });
    stops.push(() => worker.stop());
    await waitUntilDrained(app);
    expect(Object.fromEntries(telegram.delivered())).toEqual(Object.fromEntries(chats.map((c) => [c, 1])));
  });
});
