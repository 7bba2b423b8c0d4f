/** Start-up while Telegram is unreachable: clear log lines, /healthz 503, and on once it answers. */
import { describe, expect, it } from "vitest";
import { Bot } from "grammy";
import { createHttpApp } from "../../src/http/server.js";
import { TokenRefusedError, waitForTelegram } from "../../src/transports/telegram-startup.js";
import { captureLogs } from "../support/logs.js";
import { TEST_BOT_INFO, TEST_TOKEN } from "../support/telegram.js";

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

describe("waiting for Telegram at start", () => {
  it("logs every failed attempt with its reason (never the token), then knows the bot once getMe answers", async () => {
    // No redaction here: the log lines themselves must not carry the URL with the token.
    const logs = captureLogs();
    let getMes = 0;
    const fetch: typeof globalThis.fetch = async (input) => {
      getMes++;
      if (getMes === 1) throw new TypeError(`request to ${String(input)} failed`, { cause: { code: "ECONNREFUSED" } });
      if (getMes === 2) return json({ ok: false, error_code: 502, description: "Bad Gateway" }, 502);
      return json({ ok: true, result: TEST_BOT_INFO });
    };
    const bot = new Bot(TEST_TOKEN, { client: { fetch } });
    const sleeps: number[] = [];
    await waitForTelegram(bot, { log: logs.log, apiRoot: "http://127.0.0.1:9", retryMs: 5000, sleep: async (ms) => void sleeps.push(ms) });
    expect(bot.botInfo.username).toBe(TEST_BOT_INFO.username);
    expect(sleeps).toEqual([5000, 5000]);
    const waits = logs.lines().filter((l) => l.msg === "Telegram is not reachable; updates wait until it answers");
    expect(waits.map((l) => [l.attempt, l.reason])).toEqual([
      [1, "ECONNREFUSED"],
      [2, "502 Bad Gateway"],
    ]);
    expect(logs.lines().some((l) => l.msg === "Telegram answers now")).toBe(true);
    expect(logs.text()).not.toContain(TEST_TOKEN);
  });

  it("stops at once, with a clear reason, when Telegram refuses the token", async () => {
    const fetch: typeof globalThis.fetch = async () => json({ ok: false, error_code: 401, description: "Unauthorized" }, 401);
    const bot = new Bot(TEST_TOKEN, { client: { fetch } });
    const logs = captureLogs();
    await expect(waitForTelegram(bot, { log: logs.log, apiRoot: "https://api.telegram.org", sleep: async () => undefined })).rejects.toThrow(TokenRefusedError);
    await expect(waitForTelegram(bot, { log: logs.log, apiRoot: "https://api.telegram.org", sleep: async () => undefined })).rejects.toThrow(/Check BOT_TOKEN/);
  });

  it("/healthz answers 503 naming what the process waits for, then 200", async () => {
    let waiting: string | undefined = "telegram";
    const http = createHttpApp({ ping: async () => undefined, log: captureLogs().log, waitingFor: () => waiting });
    const first = await http.request("/healthz");
    expect(first.status).toBe(503);
    expect(await first.json()).toEqual({ status: "unavailable", reason: "telegram" });
    waiting = undefined;
    expect((await http.request("/healthz")).status).toBe(200);
  });
});
