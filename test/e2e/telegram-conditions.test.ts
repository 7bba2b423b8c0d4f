/**
 * The real bot process under conditions Telegram and its users create (issue 18): one user
 * flooding beside others, very long messages, a 429 in the middle of the /post conversation, Telegram unreachable at
 * start. Counts of answers, notices and refusals are asserted; latencies are printed, not asserted.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { startBotApiServer, type ScriptedAnswer, type ServerCall } from "../support/bot-api-server.js";
import { httpPortOf, killAll, startBotProcess } from "../support/bot-process.js";
import { htmlToText, textUpdate } from "../support/telegram.js";
import { percentile } from "../../bench/support/stats.js";

const dirs: string[] = [];
function freshDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "newsbot-e2e-conditions-"));
  dirs.push(dir);
  return dir;
}
/** PGlite in a fresh directory: these tests are about Telegram, not the database. */
const pglite = () => ({ DATA_DIR: freshDataDir(), DATABASE_URL: undefined });
const servers: Awaited<ReturnType<typeof startBotApiServer>>[] = [];
async function server(options: Parameters<typeof startBotApiServer>[0] = {}) {
  const started = await startBotApiServer(options);
  servers.push(started);
  return started;
}
const textsTo = (calls: ServerCall[], chatId: number) => calls.filter((c) => Number(c.payload.chat_id) === chatId).map((c) => htmlToText(String(c.payload.text)));

afterEach(async () => {
  await killAll();
  for (const s of servers.splice(0)) await s.close();
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("the real bot process under Telegram's conditions", () => {
  it("one user sending 300 messages at once gets one notice, not 300 replies; everyone else is answered once", async () => {
    const api = await server({ latencyMs: 5 });
    const bot = startBotProcess(api.apiRoot, { ...pglite(), FLOOD_LIMIT: "20" });
    await bot.ready();
    const flooder = 700_001;
    const others = Array.from({ length: 20 }, (_, i) => 700_100 + i);
    const pushedAt = Date.now();
    api.push(...Array.from({ length: 300 }, () => textUpdate("/help", { userId: flooder })));
    api.push(...others.map((userId) => textUpdate("/latest", { userId })));
    await expect.poll(() => others.every((u) => textsTo(api.delivered(), u).length === 1), { timeout: 60_000, interval: 100 }).toBe(true);
    // The flooder's own 20 answers and notice come in its chat's turn; then nothing more may come.
    await expect.poll(() => textsTo(api.delivered(), flooder).length, { timeout: 60_000, interval: 100 }).toBeGreaterThanOrEqual(21);
    await new Promise((r) => setTimeout(r, 2000));
    const toFlooder = textsTo(api.delivered(), flooder);
    const notices = toFlooder.filter((t) => t.includes("faster than I can answer"));
    const latencies = others.map((u) => (api.delivered().find((c) => Number(c.payload.chat_id) === u)!.at - pushedAt) / 1000);
    console.log(`flooder: ${toFlooder.length} messages (${notices.length} notice); others: p50 ${percentile(latencies, 50).toFixed(2)} s, p99 ${percentile(latencies, 99).toFixed(2)} s`);
    expect(notices).toHaveLength(1);
    expect(toFlooder.length).toBe(21);
    for (const user of others) expect(textsTo(api.delivered(), user)).toHaveLength(1);
  });

  it("ten 1,400-word messages get a short polite answer each, and the others' questions are answered beside them", async () => {
    const api = await server({ latencyMs: 5 });
    const bot = startBotProcess(api.apiRoot, { ...pglite(), FLOOD_LIMIT: "0" });
    await bot.ready();
    const words = Array.from({ length: 1400 }, (_, i) => `word${i % 97}`).join(" ");
    const senders = Array.from({ length: 10 }, (_, i) => 700_400 + i);
    const askers = Array.from({ length: 10 }, (_, i) => 700_500 + i);
    api.push(...senders.flatMap((userId, i) => [textUpdate(`/subscribe ${words}`, { userId }), textUpdate(`who is ${words}?`, { userId: askers[i]! })]));
    await expect.poll(() => [...senders, ...askers].every((u) => textsTo(api.delivered(), u).length === 1), { timeout: 60_000, interval: 100 }).toBe(true);
    for (const user of senders) expect(textsTo(api.delivered(), user)[0]).toContain("That is a long list");
    for (const user of askers) expect(textsTo(api.delivered(), user)[0]!.length).toBeLessThan(1000);
    expect(bot.lines().filter((l) => l.msg === "update" && l.ok === false)).toEqual([]);
  });

  it("a 429 inside the /post conversation is waited out: the admin gets the prompt, then the preview, never an error", async () => {
    const ADMIN = 700_200;
    let limitNext = false;
    const api = await server({
      respond: (call): ScriptedAnswer | undefined => {
        if (!limitNext || call.method !== "sendMessage") return undefined;
        limitNext = false;
        return { status: 429, body: { ok: false, error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } } };
      },
    });
    const bot = startBotProcess(api.apiRoot, { ...pglite(), ADMIN_IDS: String(ADMIN) });
    await bot.ready();
    limitNext = true;
    api.push(textUpdate("/post", { userId: ADMIN }));
    await expect.poll(() => textsTo(api.delivered(), ADMIN).length, { timeout: 30_000, interval: 100 }).toBe(1);
    expect(textsTo(api.delivered(), ADMIN)[0]).toContain("Send me the article");
    expect(api.sent().filter((c) => Number(c.payload.chat_id) === ADMIN)).toHaveLength(2); // the 429, then the prompt

    api.push(textUpdate("Envoys meet in Geneva\nThe delegations discussed the ceasefire on Monday. More at https://example.com/geneva-talks today.", { userId: ADMIN }));
    await expect.poll(() => textsTo(api.delivered(), ADMIN).some((t) => t.includes("Preview")), { timeout: 30_000, interval: 100 }).toBe(true);
    expect(textsTo(api.delivered(), ADMIN).filter((t) => t.includes("Sorry"))).toEqual([]);
    expect(textsTo(api.delivered(), ADMIN).filter((t) => t.includes("Send me the article"))).toHaveLength(1);
  });

  it("with Telegram unreachable at start: a log line per attempt, /healthz 503, then it answers once Telegram does", async () => {
    let down = true;
    const api = await server({
      respond: (call): ScriptedAnswer | undefined => (down && call.method === "getMe" ? { status: 502, raw: "<html>502 Bad Gateway</html>" } : undefined),
    });
    const bot = startBotProcess(api.apiRoot, pglite());
    await expect.poll(() => bot.lines().some((l) => l.msg === "Telegram is not reachable; updates wait until it answers"), { timeout: 60_000, interval: 200 }).toBe(true);
    const health = await fetch(`http://127.0.0.1:${httpPortOf(bot)}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ status: "unavailable", reason: "telegram" });
    expect(bot.lines().some((l) => l.msg === "Bot running")).toBe(false);

    down = false;
    await bot.ready();
    expect((await fetch(`http://127.0.0.1:${httpPortOf(bot)}/healthz`)).status).toBe(200);
    api.push(textUpdate("/help", { userId: 700_300 }));
    await expect.poll(() => textsTo(api.delivered(), 700_300).length, { timeout: 30_000, interval: 100 }).toBe(1);
  });
});
