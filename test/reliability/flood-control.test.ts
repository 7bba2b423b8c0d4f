/** One user flooding the bot gets one notice; everyone else is answered as usual. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/create-bot.js";
import { testDeps } from "../support/bot.js";
import { createSeededApp } from "../support/database.js";
import { createRecordingApi, htmlToText, TEST_BOT_INFO, TEST_TOKEN, textUpdate } from "../support/telegram.js";

describe("per-user flood control", () => {
  let app: Awaited<ReturnType<typeof createSeededApp>>;
  beforeAll(async () => {
    app = await createSeededApp("pglite");
  });
  afterAll(() => app.database.close());

  /** The bot with a limit of 5 updates per 10 s on `clock`, counting what it drops. */
  function floodBot(clock: () => number) {
    const api = createRecordingApi();
    const counts = { dropped: 0 };
    const bot = createBot({ ...testDeps(app), onFloodDropped: () => counts.dropped++ }, {
      token: TEST_TOKEN,
      botInfo: TEST_BOT_INFO,
      client: { fetch: api.fetch },
      autoRetry: false,
      floodLimit: { updates: 5, perMs: 10_000, now: clock },
    });
    return { api, bot, counts };
  }

  it("drops a flooder's extra updates with one polite notice, and answers others at once", async () => {
    // The windows' clock is the test's: the burst below falls in one window, however slow the machine.
    let clock = 1_000_000;
    const { api, bot, counts } = floodBot(() => clock);
    const flooder = { userId: 701, languageCode: "fr" };
    await Promise.all(Array.from({ length: 200 }, (_, i) => bot.handleUpdate(textUpdate(`/latest ${i % 3}`, flooder))));
    await bot.handleUpdate(textUpdate("/start", { userId: 702 }));

    const toFlooder = api.of("sendMessage").filter((c) => c.payload.chat_id === 701);
    const notices = toFlooder.filter((c) => String(c.payload.text).includes("plus vite que je ne peux répondre"));
    expect(notices).toHaveLength(1);
    expect(toFlooder.length).toBeLessThanOrEqual(5 * 2 + 1); // five handled updates (a reply or two each) and the notice
    expect(counts.dropped).toBe(195);
    expect(htmlToText(String(api.of("sendMessage").find((c) => c.payload.chat_id === 702)!.payload.text))).toMatch(/\S/);

    // The next window: the flooder is answered again; no second notice within the minute.
    clock += 10_000;
    const before = toFlooder.length;
    await bot.handleUpdate(textUpdate("/help", flooder));
    expect(api.of("sendMessage").filter((c) => c.payload.chat_id === 701).length).toBeGreaterThan(before);
  });

  it("counts each user's window from their own first update: a flood crossing another user's window gets its limit once", async () => {
    let clock = 2_000_000;
    const { api, bot, counts } = floodBot(() => clock);
    await bot.handleUpdate(textUpdate("/help", { userId: 711 })); // another user's window opens at 0 s
    clock += 9_000;
    const flooder = { userId: 712 };
    // 100 updates from 9 s to 12 s: past the other user's window end, still inside the flooder's own.
    for (let i = 0; i < 100; i++) {
      await bot.handleUpdate(textUpdate("/help", flooder));
      clock += 30;
    }
    expect(counts.dropped).toBe(95);
    const toFlooder = api.of("sendMessage").filter((c) => c.payload.chat_id === 712);
    expect(toFlooder).toHaveLength(5 + 1); // five answers, then the notice after them
    expect(String(toFlooder.at(-1)!.payload.text)).toContain("faster than I can answer");
  });
});
