import { pino } from "pino";
import { createUpdateInbox } from "../../src/transports/inbox.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Update } from "grammy/types";
import { createBot } from "../../src/bot/create-bot.js";
import { createMetrics } from "../../src/http/metrics.js";
import { createHttpApp } from "../../src/http/server.js";
import { createWebhookTransport, MAX_UPDATE_BYTES, SECRET_HEADER, webhookPath } from "../../src/transports/webhook.js";
import { testDeps } from "../support/bot.js";
import { BACKENDS, createSeededApp } from "../support/database.js";
import { captureLogs } from "../support/logs.js";
import { createRecordingApi, TEST_BOT_INFO, TEST_TOKEN, textUpdate } from "../support/telegram.js";

const SECRET = "s3cret_webhook-token_for_tests";
const URL_ = "https://bot.example.org/telegram/hook";

describe.each(BACKENDS)("webhook (%s)", (backend) => {
  let app: Awaited<ReturnType<typeof createSeededApp>>;
  beforeEach(async () => {
    app = await createSeededApp(backend);
  });
  afterEach(async () => {
    await app.database.close();
  });

  /** The whole HTTP app with the webhook route; sendMessage waits for `holdSends` when given. */
  function setup(options: { holdSends?: Promise<void> } = {}) {
    const api = createRecordingApi();
    const logs = captureLogs();
    const metrics = createMetrics();
    const fetchWithDelay: typeof fetch = async (input, init) => {
      if (options.holdSends && String(input).endsWith("/sendMessage")) await options.holdSends;
      return api.fetch(input, init);
    };
    const bot = createBot(
      { ...testDeps(app), log: logs.log, observeUpdate: metrics.observeUpdate },
      { token: TEST_TOKEN, botInfo: TEST_BOT_INFO, client: { fetch: fetchWithDelay }, autoRetry: false },
    );
    const webhook = createWebhookTransport(bot, {
      url: URL_,
      secretToken: SECRET,
      inbox: createUpdateInbox({ repo: app.repos.processedUpdates, log: pino({ level: "silent" }) }),
      log: logs.log,
      onDuplicate: metrics.duplicateUpdate,
    });
    const http = createHttpApp({ ping: app.database.ping, metrics, routes: [{ path: "/", app: webhook.app }], log: logs.log });
    const post = (update: Update, secret: string | null = SECRET) =>
      http.request("/telegram/hook", {
        method: "POST",
        headers: { "content-type": "application/json", ...(secret === null ? {} : { [SECRET_HEADER]: secret }) },
        body: JSON.stringify(update),
      });
    return { api, logs, metrics, webhook, http, post };
  }

  it("listens at the path of WEBHOOK_URL", () => {
    expect(webhookPath(URL_)).toBe("/telegram/hook");
    expect(webhookPath("https://example.org")).toBe("/");
  });

  it("refuses a missing or wrong secret with 401 and does not process the update", async () => {
    const { api, post } = setup();
    const update = textUpdate("/help", { userId: 501 });
    expect((await post(update, null)).status).toBe(401);
    expect((await post(update, "wrong-secret")).status).toBe(401);
    expect((await post(update, SECRET.slice(0, -1))).status).toBe(401);
    expect(api.of("sendMessage")).toHaveLength(0);
    // Not recorded either: the same update with the right secret is still handled.
    expect((await post(update)).status).toBe(200);
    expect(api.of("sendMessage")).toHaveLength(1);
  });

  it("refuses a body over the size limit with 413, and answers the next update", async () => {
    const { api, http, post } = setup();
    const huge = textUpdate(`/subscribe ${"x".repeat(MAX_UPDATE_BYTES)}`, { userId: 503 });
    const request = (headers: Record<string, string>, body: string) => http.request("/telegram/hook", { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
    expect((await request({ [SECRET_HEADER]: SECRET }, JSON.stringify(huge))).status).toBe(413);
    // A stream without a length is cut off while it is read.
    const chunks = new TextEncoder().encode(JSON.stringify(huge));
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(chunks);
        controller.close();
      },
    });
    const streamed = await http.request(new Request("http://bot/telegram/hook", { method: "POST", headers: { "content-type": "application/json", [SECRET_HEADER]: SECRET }, body: stream, duplex: "half" } as RequestInit));
    expect(streamed.status).toBe(413);
    // Without the secret it is a 401 whatever its size.
    expect((await request({}, JSON.stringify(huge))).status).toBe(401);
    expect(api.of("sendMessage")).toHaveLength(0);
    expect((await post(textUpdate("/help", { userId: 503 }))).status).toBe(200);
    expect(api.of("sendMessage")).toHaveLength(1);
  });

  it("accepts the right secret and answers the update", async () => {
    const { api, post } = setup();
    const response = await post(textUpdate("/help", { userId: 502 }));
    expect(response.status).toBe(200);
    expect(api.of("sendMessage")).toHaveLength(1);
    expect(api.of("sendMessage")[0]!.payload.chat_id).toBe(502);
  });

  it("processes a duplicate update_id once, also when both copies arrive together", async () => {
    const { api, post, logs, metrics } = setup();
    const first = textUpdate("/help", { userId: 503 });
    expect((await post(first)).status).toBe(200);
    expect((await post(first)).status).toBe(200); // acknowledged, so Telegram stops retrying
    expect(api.of("sendMessage")).toHaveLength(1);

    const second = textUpdate("/help", { userId: 504 });
    const statuses = await Promise.all([post(second), post(second), post(second)]);
    expect(statuses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(api.of("sendMessage").filter((c) => c.payload.chat_id === 504)).toHaveLength(1);
    expect(logs.lines().filter((l) => l.msg === "Duplicate update skipped")).toHaveLength(3);
    expect(await metrics.render()).toMatch(/newsbot_duplicate_updates_total 3/);
  });

  it("keeps update ids for a day: the purge removes only older ones", async () => {
    const isNew = async (updateId: number) => (await app.repos.processedUpdates.record([{ update_id: updateId } as Update], 60_000)).has(updateId);
    expect(await isNew(1)).toBe(true);
    expect(await app.repos.processedUpdates.purgeOlderThan(24 * 3600 * 1000)).toBe(0);
    expect(await isNew(1)).toBe(false);
    // Everything received before "one minute from now" is older than -60 s.
    expect(await app.repos.processedUpdates.purgeOlderThan(-60_000)).toBe(1);
    expect(await isNew(1)).toBe(true);
  });

  it("rejects a body that is not an update", async () => {
    const { http } = setup();
    const response = await http.request("/telegram/hook", {
      method: "POST",
      headers: { "content-type": "application/json", [SECRET_HEADER]: SECRET },
      body: "not json",
    });
    expect(response.status).toBe(400);
  });

  it("on shutdown finishes the updates in flight and refuses new ones without recording them", async () => {
    let release!: () => void;
    const { api, post, webhook } = setup({ holdSends: new Promise<void>((resolve) => (release = resolve)) });
    const updates = [601, 602, 603, 604].map((userId) => textUpdate("/help", { userId }));
    const responses = updates.map((u) => post(u));
    await expect.poll(() => webhook.inFlight).toBe(4);
    let stopped = false;
    const stopping = webhook.stop().then(() => (stopped = true));
    const late = textUpdate("/help", { userId: 605 });
    expect((await post(late)).status).toBe(503);
    expect(stopped).toBe(false); // waiting for the four in flight
    release();
    await stopping;
    expect(webhook.inFlight).toBe(0);
    expect((await Promise.all(responses)).map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(api.of("sendMessage").map((c) => c.payload.chat_id))).toEqual(new Set([601, 602, 603, 604]));
    // The refused update was not recorded: Telegram's retry (to another instance or after restart) is handled.
    expect((await app.repos.processedUpdates.record([late], 60_000)).has(late.update_id)).toBe(true);
  });

  it("serves /healthz (503 once the database is gone) and /metrics", async () => {
    const { http, post } = setup();
    await post(textUpdate("/help", { userId: 701 }));
    await post(textUpdate("/nonsense", { userId: 701 }));
    const metrics = await http.request("/metrics");
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get("content-type")).toMatch(/text\/plain/);
    const text = await metrics.text();
    expect(text).toMatch(/newsbot_updates_handled_total\{kind="\/help",outcome="ok"\} 1/);
    expect(text).toMatch(/newsbot_updates_handled_total\{kind="command",outcome="ok"\} 1/);
    expect(text).toMatch(/newsbot_update_handler_seconds_count\{kind="\/help"\} 1/);
    expect(text).toContain("newsbot_delivery_queue_depth");
    expect(text).toContain("newsbot_deliveries_total");

    const healthy = await http.request("/healthz");
    expect(healthy.status).toBe(200);
    const { log } = captureLogs();
    const failing = createHttpApp({ ping: () => Promise.reject(new Error("connection refused")), log });
    expect((await failing.request("/healthz")).status).toBe(503);
    const hanging = createHttpApp({ ping: () => new Promise<void>(() => {}), log, pingTimeoutMs: 50 });
    expect((await hanging.request("/healthz")).status).toBe(503);
    expect((await hanging.request("/metrics")).status).toBe(404); // no metrics given, no route
  });
});
