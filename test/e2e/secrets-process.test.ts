/**
 * Secrets never reach the logs of a real process (`node --import tsx src/main.ts`): startup,
 * webhook requests, SIGTERM; the in-process half is test/runtime/secrets.test.ts.
 */
import { request as httpRequest } from "node:http";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SECRET_HEADER } from "../../src/transports/webhook.js";
import { startBotApiServer } from "../support/bot-api-server.js";
import { httpPortOf, startBotProcess } from "../support/bot-process.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { ADMIN_API_TOKEN, DB_PASSWORD, expectNoSecrets, WEBHOOK_SECRET } from "../support/secrets.js";
import { textUpdate } from "../support/telegram.js";

describe("a real process: startup, webhook requests, SIGTERM", () => {
  let database: TestDatabase | undefined;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "newsbot-e2e-"));
    if (process.env.DATABASE_URL) database = await createTestDatabase("postgres");
  });
  afterAll(async () => {
    await database?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("starts in webhook mode, answers, shuts down with exit code 0, and never logs a secret", async () => {
    const server = await startBotApiServer();
    // Trust authentication ignores the password, so a made-up one can stand in for a real secret.
    const databaseUrl = database?.url ? Object.assign(new URL(database.url), { password: DB_PASSWORD }).toString() : undefined;
    const bot = startBotProcess(server.apiRoot, {
      WEBHOOK_URL: "https://bot.example.org/telegram/hook",
      WEBHOOK_SECRET,
      ADMIN_API_TOKEN,
      ADMIN_IDS: "5",
      LOG_LEVEL: "trace",
      DATA_DIR: dataDir,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    });

    try {
      await bot.ready(150_000);
      const base = `http://127.0.0.1:${httpPortOf(bot)}`;

      const setWebhook = server.calls.find((c) => c.method === "setWebhook")!;
      expect(setWebhook.payload).toMatchObject({ url: "https://bot.example.org/telegram/hook", secret_token: WEBHOOK_SECRET });
      expect(server.calls.filter((c) => c.method === "setMyCommands").length).toBe(8); // (everyone, admin 5) × (default, fr, ru, uk)
      expect(server.calls.some((c) => c.method === "getUpdates")).toBe(false);

      const post = (secret: string) =>
        fetch(`${base}/telegram/hook`, {
          method: "POST",
          headers: { "content-type": "application/json", [SECRET_HEADER]: secret },
          body: JSON.stringify(textUpdate("/help", { userId: 78 })),
        });
      expect((await post("not-the-secret")).status).toBe(401);
      expect((await post(WEBHOOK_SECRET)).status).toBe(200);
      expect(server.sent().map((c) => c.payload.chat_id)).toEqual([78]);
      // A body no Telegram update comes near is refused before it is read whole (issue 18, row 10).
      // (On a connection of its own: the server closes it rather than read the rest.)
      const huge = await postOnce(`${base}/telegram/hook`, { "content-type": "application/json", [SECRET_HEADER]: WEBHOOK_SECRET }, JSON.stringify(textUpdate(`/subscribe ${"x".repeat(2 * 1024 * 1024)}`, { userId: 79 })));
      expect(huge).toBe(413);
      await expect.poll(() => bot.lines().some((l) => l.msg === "Webhook request over the size limit refused"), { timeout: 5000 }).toBe(true);
      // An unknown command is the user's text: answered, and its name kept out of the log.
      const unknown = await fetch(`${base}/telegram/hook`, {
        method: "POST",
        headers: { "content-type": "application/json", [SECRET_HEADER]: WEBHOOK_SECRET },
        body: JSON.stringify(textUpdate("/my_card_pin_4711", { userId: 79 })),
      });
      expect(unknown.status).toBe(200);
      expect(server.sent().map((c) => c.payload.chat_id)).toEqual([78, 79]);
      expect(bot.output()).not.toContain("my_card_pin");
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect(await (await fetch(`${base}/metrics`)).text()).toMatch(/newsbot_updates_handled_total\{kind="\/help",outcome="ok"\} 1/);

      bot.child.kill("SIGTERM");
      expect(await bot.exited).toBe(0);
      expect(bot.lines().find((l) => l.msg === "Stopped")).toMatchObject({ finishedInTime: true });
      expectNoSecrets(bot.output());
    } finally {
      if (bot.child.exitCode === null) bot.child.kill("SIGKILL");
      await server.close();
    }
  }, 240_000);

  it("in polling mode finishes an update in flight on SIGTERM, confirms it, and exits 0", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const server = await startBotApiServer({ latencyFor: () => gate });
    const bot = startBotProcess(server.apiRoot, { BOT_ROLE: "updates", DATA_DIR: join(dataDir, "polling") });
    try {
      await bot.ready(150_000);
      expect(server.calls.some((c) => c.method === "deleteWebhook")).toBe(true);
      const update = textUpdate("/help", { userId: 79 });
      server.push(update);
      await expect.poll(() => server.sent().length, { timeout: 10_000 }).toBe(1); // held in flight
      bot.child.kill("SIGTERM");
      await expect.poll(() => bot.output().includes('"msg":"Shutting down"'), { timeout: 10_000 }).toBe(true);
      release();
      expect(await bot.exited).toBe(0);
      const confirm = server.calls.filter((c) => c.method === "getUpdates").at(-1)!;
      expect(confirm.payload).toMatchObject({ offset: update.update_id + 1, timeout: 0 });
      expect(bot.output()).toContain('"finishedInTime":true');
    } finally {
      if (bot.child.exitCode === null) bot.child.kill("SIGKILL");
      await server.close();
    }
  }, 240_000);
});

/** POSTs on a fresh connection and resolves with the status (the server may close it before reading the whole body). */
function postOnce(url: string, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: "POST", headers: { ...headers, "content-length": Buffer.byteLength(body) }, agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    // Writing the rest fails once the server has answered and closed: the answer is what counts.
    request.on("error", (error) => setTimeout(() => reject(error), 1000));
    request.end(body);
  });
}
