import { pino } from "pino";
import { createUpdateInbox } from "../../src/transports/inbox.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/create-bot.js";
import { createHttpApp } from "../../src/http/server.js";
import { maskSecrets } from "../../src/logger.js";
import { createWebhookTransport, SECRET_HEADER } from "../../src/transports/webhook.js";
import { testDeps } from "../support/bot.js";
import { createSeededApp } from "../support/database.js";
import { captureLogs } from "../support/logs.js";
import { ADMIN_API_TOKEN, DB_PASSWORD, expectNoSecrets, SECRETS, WEBHOOK_SECRET } from "../support/secrets.js";
import { TEST_BOT_INFO, TEST_TOKEN, textUpdate } from "../support/telegram.js";

describe("secrets never reach the logs", () => {
  it("masks secrets inside messages, URLs and JSON escapes", () => {
    const line = JSON.stringify({ msg: `GET https://api.telegram.org/bot${TEST_TOKEN}/getMe`, url: `postgres://u:${encodeURIComponent("p@ss/w")}@h/db` });
    const masked = maskSecrets(line, [TEST_TOKEN, "p@ss/w"]);
    expect(masked).not.toContain(TEST_TOKEN);
    expect(masked).not.toContain(encodeURIComponent("p@ss/w"));
    expect(masked).toContain("[secret]");
  });

  describe("in process: updates, webhook requests and network errors", () => {
    let app: Awaited<ReturnType<typeof createSeededApp>>;
    beforeAll(async () => {
      app = await createSeededApp("pglite");
    });
    afterAll(async () => {
      await app.database.close();
    });

    it("logs updates, refused requests and failures without the token or the secrets", async () => {
      const logs = captureLogs({ level: "trace", secrets: SECRETS });
      // A network error whose message carries the request URL, token included (some fetch errors do).
      const fetch: typeof globalThis.fetch = async (input) => {
        throw new TypeError(`request to ${String(input)} failed, reason: connect ECONNREFUSED`);
      };
      const bot = createBot({ ...testDeps(app), log: logs.log }, { token: TEST_TOKEN, botInfo: TEST_BOT_INFO, client: { fetch }, autoRetry: false });
      const webhook = createWebhookTransport(bot, { url: "https://example.org/hook", secretToken: WEBHOOK_SECRET, inbox: createUpdateInbox({ repo: app.repos.processedUpdates, log: pino({ level: "silent" }) }), log: logs.log });
      const http = createHttpApp({ ping: app.database.ping, routes: [{ path: "/", app: webhook.app }], log: logs.log });
      const post = (secret: string) =>
        http.request("/hook", {
          method: "POST",
          headers: { "content-type": "application/json", [SECRET_HEADER]: secret, authorization: `Bearer ${ADMIN_API_TOKEN}` },
          body: JSON.stringify(textUpdate("/help", { userId: 77 })),
        });
      expect((await post(`${WEBHOOK_SECRET}x`)).status).toBe(401);
      expect((await post(WEBHOOK_SECRET)).status).toBe(200);
      // An unknown command is user text: its name is not logged.
      const unknown = await http.request("/hook", {
        method: "POST",
        headers: { "content-type": "application/json", [SECRET_HEADER]: WEBHOOK_SECRET },
        body: JSON.stringify(textUpdate("/my_bank_pin_4711 please", { userId: 78 })),
      });
      expect(unknown.status).toBe(200);
      logs.log.info({ config: { botToken: TEST_TOKEN, webhookSecret: WEBHOOK_SECRET, databaseUrl: `postgres://u:${DB_PASSWORD}@h/db` } }, "config");
      logs.log.error({ err: new Error(`connect to postgres://u:${DB_PASSWORD}@h/db failed`) }, "db");

      const text = logs.text();
      expect(logs.lines().some((l) => l.msg === "Could not reach Telegram")).toBe(true);
      expect(logs.lines().some((l) => l.msg === "update" && l.command === "help" && l.chatId === 77)).toBe(true);
      expect(logs.lines().some((l) => l.msg === "update" && l.command === "unknown" && l.chatId === 78)).toBe(true);
      expect(text).not.toContain("bank_pin");
      expectNoSecrets(text);
    });
  });

});
