import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBotApiServer } from "../support/bot-api-server.js";
import { httpPortOf, killAll, startBotProcess } from "../support/bot-process.js";
import { createSeededApp } from "../support/database.js";
import { subscribeChats } from "../support/fake-broadcast.js";
import { textUpdate } from "../support/telegram.js";

const ADMIN_API_TOKEN = "two-processes-admin-token-0123456789";
const TITLE = "Envoys agree on a reliability round";

/**
 * Two bot processes on one PostgreSQL database, as in a scaled deployment: one takes updates
 * (polling, admin HTTP API, BOT_ROLE=updates), the other only delivers (BOT_ROLE=delivery).
 * An article published over the first one's API reaches every subscriber exactly once, including
 * chats that subscribed through the first one a moment before; no update is lost or answered twice.
 */
describe.skipIf(!process.env.DATABASE_URL)("two bot processes on one PostgreSQL", () => {
  let app: Awaited<ReturnType<typeof createSeededApp>>;
  let server: Awaited<ReturnType<typeof startBotApiServer>>;

  beforeAll(async () => {
    app = await createSeededApp("postgres");
    server = await startBotApiServer({ latencyMs: 5 });
  });
  afterAll(async () => {
    await killAll();
    await server?.close();
    await app?.database.close();
  });

  it("publishes through one, delivers through the other: one copy each, every update answered once", async () => {
    const subscribers = await subscribeChats(app, 300, ["diplomacy"], 800_000);
    const env = { DATABASE_URL: app.database.url };
    const updates = startBotProcess(server.apiRoot, { ...env, BOT_ROLE: "updates", ADMIN_API_TOKEN });
    const delivery = startBotProcess(server.apiRoot, { ...env, BOT_ROLE: "delivery", BROADCAST_RATE: "300", BROADCAST_PAID: "true" });
    await Promise.all([updates.ready(), delivery.ready()]);

    // Forty users subscribe through the polling process.
    const users = Array.from({ length: 40 }, (_, i) => 810_000 + i);
    server.push(...users.map((userId) => textUpdate("/subscribe diplomacy", { userId })));
    const repliesTo = (user: number) => server.sent().filter((c) => Number(c.payload.chat_id) === user && !String(c.payload.text).includes(TITLE));
    // /subscribe answers with a confirmation and the newest article of the topic, in one message.
    await expect.poll(() => users.every((u) => repliesTo(u).length === 1), { timeout: 30_000, interval: 100 }).toBe(true);

    const response = await fetch(`http://127.0.0.1:${httpPortOf(updates)}/api/articles`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_API_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ title: TITLE, body: "The envoys agreed to meet again in Geneva next week, officials said.", topics: ["diplomacy"] }),
    });
    expect(response.status).toBe(201);
    const published = (await response.json()) as { id: number; deliveries: number };
    expect(published.deliveries).toBe(subscribers.length + users.length);
    // More updates while the other process broadcasts.
    server.push(...users.map((userId) => textUpdate("/n1", { userId })));

    const articleCopies = () => server.sent().filter((c) => String(c.payload.text).includes(TITLE));
    await expect.poll(async () => (await app.repos.deliveries.countByStatus(published.id)).pending, { timeout: 60_000, interval: 100 }).toBe(0);
    await expect.poll(() => users.every((u) => repliesTo(u).length === 2), { timeout: 30_000, interval: 100 }).toBe(true);
    await new Promise((r) => setTimeout(r, 1000)); // time for a late duplicate to show up

    const copies = new Map<number, number>();
    for (const call of articleCopies()) copies.set(Number(call.payload.chat_id), (copies.get(Number(call.payload.chat_id)) ?? 0) + 1);
    const everyone = [...subscribers, ...users];
    console.log(
      `[two processes] ${articleCopies().length} article copies for ${everyone.length} subscribers ` +
        `(${everyone.filter((c) => copies.get(c) === 1).length} exactly once); ${users.length * 2} updates, ` +
        `${users.reduce((n, u) => n + repliesTo(u).length, 0)} replies`,
    );
    expect(everyone.filter((chat) => copies.get(chat) !== 1)).toEqual([]);
    expect(articleCopies()).toHaveLength(everyone.length);
    for (const user of users) {
      const texts = repliesTo(user).map((c) => String(c.payload.text));
      expect(texts.filter((t) => t.startsWith("✅ Subscribed"))).toHaveLength(1);
      expect(texts.filter((t) => t.includes("/n1"))).toHaveLength(1);
      expect(texts).toHaveLength(2);
    }
    // Only the updates process polled; only the delivery process ran a worker.
    expect(updates.output()).toContain('"worker":false');
    expect(delivery.output()).toContain('"transport":"none"');

    updates.child.kill("SIGTERM");
    delivery.child.kill("SIGTERM");
    expect(await updates.exited).toBe(0);
    expect(await delivery.exited).toBe(0);
  }, 180_000); // two process starts; slow on a loaded CI machine
});
