import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/create-bot.js";
import { createDeliveryRenderer } from "../../src/bot/delivery-renderer.js";
import { createI18n } from "../../src/bot/i18n.js";
import { createDeliveryApi } from "../../src/delivery/api.js";
import { createDeliveryWorker, type DeliveryWorker } from "../../src/delivery/worker.js";
import { startPolling, type PollingHandle } from "../../src/transports/polling.js";
import { testDeps } from "../support/bot.js";
import { startBotApiServer, type ScriptedAnswer, type ServerCall } from "../support/bot-api-server.js";
import { BACKENDS, createSeededApp } from "../support/database.js";
import { deliveryService, publishArticle, subscribeChats } from "../support/fake-broadcast.js";
import { captureLogs } from "../support/logs.js";
import { TEST_TOKEN, textUpdate } from "../support/telegram.js";

const FAULT_MS = 3000;
const FAULTS = ["500", "hang", "malformed", "502"] as const;

/** What a broken Bot API (or the proxy in front of it) answers, in turn. */
function fault(kind: (typeof FAULTS)[number]): ScriptedAnswer {
  switch (kind) {
    case "500":
      return { status: 500, body: { ok: false, error_code: 500, description: "Internal Server Error" } };
    case "502":
      return { status: 502, raw: "<html><body>502 Bad Gateway</body></html>" };
    case "malformed":
      return { status: 200, raw: '{"ok":true,"result":[{"update_id":' };
    case "hang":
      return "hang";
  }
}

/**
 * The Bot API fails for a while (500s, 502 HTML pages, malformed JSON, requests that never answer):
 * the polling bot and the delivery worker, configured as in production (auto-retry on, timeouts
 * shortened to keep the test quick), back off and recover. Every update is answered exactly once
 * and every subscriber gets the article exactly once.
 */
describe.each(BACKENDS)("the Bot API misbehaving for %s seconds (%s)".replace("%s", String(FAULT_MS / 1000)), (backend) => {
  let app: Awaited<ReturnType<typeof createSeededApp>>;
  let server: Awaited<ReturnType<typeof startBotApiServer>>;
  let polling: PollingHandle | undefined;
  let worker: DeliveryWorker | undefined;
  let faultsUntil = 0;
  let turn = 0;
  const served = new Map<string, number>();

  beforeAll(async () => {
    app = await createSeededApp(backend);
    server = await startBotApiServer({
      latencyMs: 2,
      respond: (call: ServerCall) => {
        if (Date.now() > faultsUntil || (call.method !== "getUpdates" && call.method !== "sendMessage")) return undefined;
        const kind = FAULTS[turn++ % FAULTS.length]!;
        served.set(kind, (served.get(kind) ?? 0) + 1);
        return fault(kind);
      },
    });
  });
  afterAll(async () => {
    await polling?.stop();
    await worker?.stop();
    await server?.close();
    await app?.database.close();
  });

  it("backs off and recovers: every update answered once, every delivery sent once", async () => {
    const logs = captureLogs({ level: "warn" });
    // 5 s timeouts (production: 500 s for the bot, 30 s for the worker): a timeout that fires on a
    // call the server did answer makes a duplicate, and with 1–2 s timeouts an event loop stalled by
    // in-process PGlite was enough to cause that. Hung calls are simply never answered here.
    const bot = createBot({ ...testDeps(app), log: logs.log }, { token: TEST_TOKEN, client: { apiRoot: server.apiRoot, timeoutSeconds: 5 } });
    polling = await startPolling(bot, logs.log, { timeoutSeconds: 1 });

    const subscribers = await subscribeChats(app, 60, ["diplomacy"], 60_000);
    const articleId = await publishArticle(app, ["diplomacy"]);
    faultsUntil = Date.now() + FAULT_MS;
    expect(await deliveryService(app).enqueueArticle(articleId)).toBe(subscribers.length);
    worker = createDeliveryWorker({
      repos: app.repos,
      api: createDeliveryApi(TEST_TOKEN, { client: { apiRoot: server.apiRoot, timeoutSeconds: 5 }, maxDelaySeconds: 5 }),
      render: createDeliveryRenderer({ news: app.news, i18n: createI18n() }),
      log: pino({ level: "silent" }),
      rate: 200,
      idleMs: 50,
      backoffMs: () => 300,
      maxAttempts: 20,
    });
    worker.start();
    const users = Array.from({ length: 30 }, (_, i) => 61_000 + i);
    for (let n = 0; n < 3; n++) server.push(...users.map((userId) => textUpdate(`/n${n}`, { userId })));

    const answers = () => server.delivered().filter((c) => users.includes(Number(c.payload.chat_id)));
    await expect.poll(() => answers().length, { timeout: 60_000, interval: 200 }).toBeGreaterThanOrEqual(users.length * 3);
    await expect.poll(async () => (await app.repos.deliveries.countByStatus(articleId)).pending, { timeout: 60_000, interval: 200 }).toBe(0);
    await new Promise((r) => setTimeout(r, 1500)); // time for a late duplicate to show up
    expect(Date.now()).toBeGreaterThan(faultsUntil);

    const perUser = new Map<number, string[]>();
    for (const call of answers()) {
      const user = Number(call.payload.chat_id);
      perUser.set(user, [...(perUser.get(user) ?? []), /\/n\d/.exec(String(call.payload.text))?.[0] ?? String(call.payload.text)]);
    }
    const copies = new Map<number, number>();
    for (const call of server.delivered()) {
      const chat = Number(call.payload.chat_id);
      if (subscribers.includes(chat)) copies.set(chat, (copies.get(chat) ?? 0) + 1);
    }
    console.log(
      `[bot api faults, ${backend}] faults served: ${[...served].map(([k, v]) => `${k}×${v}`).join(", ")}; ` +
        `${answers().length} answers to ${users.length * 3} updates; ${[...copies.values()].reduce((a, b) => a + b, 0)} copies for ${subscribers.length} subscribers`,
    );
    expect(served.get("hang")).toBeGreaterThan(0);
    expect(served.get("malformed")).toBeGreaterThan(0);
    for (const user of users) expect(perUser.get(user), `answers to ${user}`).toEqual(["/n0", "/n1", "/n2"]);
    expect(await app.repos.deliveries.countByStatus(articleId)).toEqual({ pending: 0, sent: subscribers.length, failed: 0, cancelled: 0, held: 0, digested: 0 });
    expect(subscribers.filter((chat) => copies.get(chat) !== 1)).toEqual([]);
  }, 120_000);
});
