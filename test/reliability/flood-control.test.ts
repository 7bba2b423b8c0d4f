/** One user flooding the bot gets one notice; everyone else is answered as usual. */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
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
  afterEach(() => vi.useRealTimers());

  it("drops a flooder's extra updates with one polite notice, and answers others at once", async () => {
    // Only the limiter's window timer is faked: the burst below falls in one window, however slow the machine.
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const api = createRecordingApi();
    let dropped = 0;
    const bot = createBot({ ...testDeps(app), onFloodDropped: () => dropped++ }, {
      token: TEST_TOKEN,
      botInfo: TEST_BOT_INFO,
      client: { fetch: api.fetch },
      autoRetry: false,
      floodLimit: { updates: 5, perMs: 10_000 },
    });
    const flooder = { userId: 701, languageCode: "fr" };
    await Promise.all(Array.from({ length: 200 }, (_, i) => bot.handleUpdate(textUpdate(`/latest ${i % 3}`, flooder))));
    await bot.handleUpdate(textUpdate("/start", { userId: 702 }));

    const toFlooder = api.of("sendMessage").filter((c) => c.payload.chat_id === 701);
    const notices = toFlooder.filter((c) => String(c.payload.text).includes("plus vite que je ne peux répondre"));
    expect(notices).toHaveLength(1);
    expect(toFlooder.length).toBeLessThanOrEqual(5 * 2 + 1); // five handled updates (a reply or two each) and the notice
    expect(dropped).toBe(195);
    expect(htmlToText(String(api.of("sendMessage").find((c) => c.payload.chat_id === 702)!.payload.text))).toMatch(/\S/);

    // The next window: the flooder is answered again; no second notice within the minute.
    vi.advanceTimersByTime(10_000);
    const before = toFlooder.length;
    await bot.handleUpdate(textUpdate("/help", flooder));
    expect(api.of("sendMessage").filter((c) => c.payload.chat_id === 701).length).toBeGreaterThan(before);
  });
});
