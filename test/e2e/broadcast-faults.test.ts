import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBotApiServer, type ScriptedAnswer } from "../support/bot-api-server.js";
import { killAll, startBotProcess } from "../support/bot-process.js";
import { createSeededApp } from "../support/database.js";
import { createRandom } from "../../bench/support/random.js";
import { deliveryService, publishArticle, subscribeChats } from "../support/fake-broadcast.js";

const SUBSCRIBERS = 400;

/**
 * A broadcast through a Bot API that fails now and then (issue 18, row 6): 5 % of sends answer
 * 500, 5 % a chat's 429, 1 % never answer. The delivery process (its own process, BOT_ROLE=delivery,
 * PostgreSQL) gets every subscriber exactly one copy; the pace is printed.
 */
describe.skipIf(!process.env.DATABASE_URL)("a broadcast while the Bot API fails 11 % of sends", () => {
  let app: Awaited<ReturnType<typeof createSeededApp>>;
  let server: Awaited<ReturnType<typeof startBotApiServer>>;
  let articleId: number;
  const served = { error: 0, limited: 0, hung: 0 };

  beforeAll(async () => {
    app = await createSeededApp("postgres");
    await subscribeChats(app, SUBSCRIBERS, ["diplomacy"], 900_000);
    articleId = await publishArticle(app, ["diplomacy"]);
    expect(await deliveryService(app).enqueueArticle(articleId)).toBe(SUBSCRIBERS);
    const random = createRandom(18);
    server = await startBotApiServer({
      latencyMs: 20,
      respond: (call): ScriptedAnswer | undefined => {
        if (call.method !== "sendMessage") return undefined;
        const roll = random.next();
        if (roll < 0.05) return (served.error++, { status: 500, body: { ok: false, error_code: 500, description: "Internal Server Error" } });
        if (roll < 0.1) return (served.limited++, { status: 429, body: { ok: false, error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } } });
        if (roll < 0.11) return (served.hung++, "hang");
        return undefined;
      },
    });
  });
  afterAll(async () => {
    await killAll();
    await server?.close();
    await app?.database.close();
  });

  it("every subscriber gets one copy, the failed sends retried from the queue", async () => {
    const bot = startBotProcess(server.apiRoot, { DATABASE_URL: app.database.url, BOT_ROLE: "delivery", BROADCAST_RATE: "25" });
    await bot.ready();
    const startedAt = Date.now();
    await expect.poll(async () => (await app.repos.deliveries.countByStatus(articleId)).pending, { timeout: 150_000, interval: 200 }).toBe(0);
    const seconds = (Date.now() - startedAt) / 1000;
    const copies = new Map<number, number>();
    for (const call of server.delivered()) copies.set(Number(call.payload.chat_id), (copies.get(Number(call.payload.chat_id)) ?? 0) + 1);
    // The pace until 95 % have their copy: the tail is the last retries' backoff and the hung calls' 10 s.
    const firstAt = Math.min(...server.sent().map((c) => c.at));
    const at95 = server.delivered().map((c) => c.at).sort((a, b) => a - b)[Math.ceil(0.95 * SUBSCRIBERS) - 1]!;
    console.log(
      `[faults] ${SUBSCRIBERS} subscribers in ${seconds.toFixed(1)} s; 95 % in ${((at95 - firstAt) / 1000).toFixed(1)} s (${((0.95 * SUBSCRIBERS) / ((at95 - firstAt) / 1000)).toFixed(1)} messages/s at BROADCAST_RATE=25); ` +
        `served ${served.error} 500s, ${served.limited} 429s, ${served.hung} hangs; ${server.sent().length} sendMessage calls`,
    );
    expect(served.error + served.limited + served.hung).toBeGreaterThan(0);
    expect(await app.repos.deliveries.countByStatus(articleId)).toEqual({ pending: 0, sent: SUBSCRIBERS, failed: 0, cancelled: 0, held: 0, digested: 0 });
    expect([...copies.values()].every((n) => n === 1)).toBe(true);
    expect(copies.size).toBe(SUBSCRIBERS);
    bot.child.kill("SIGTERM");
    expect(await bot.exited).toBe(0);
  }, 200_000);
});
