import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { callbackData } from "../../src/bot/callbacks.js";
import { BACKENDS, createSeededApp } from "../support/database.js";
import { createTestBot } from "../support/bot.js";
import { callbackUpdate, htmlToText, textUpdate } from "../support/telegram.js";

describe.each(BACKENDS)("bot basics on %s", (backend) => {
  let app: Awaited<ReturnType<typeof createSeededApp>>;
  let harness: ReturnType<typeof createTestBot>;
  let seedId: number;

  beforeAll(async () => {
    app = await createSeededApp(backend);
    seedId = (await app.news.latest())[0]!.id;
  });
  afterAll(() => app?.database.close());
  beforeEach(() => {
    harness = createTestBot(app, { adminIds: [99] });
  });

  async function send(text: string, from: Parameters<typeof textUpdate>[1] = {}) {
    harness.api.clear();
    await harness.bot.handleUpdate(textUpdate(text, from));
    return harness.api.of("sendMessage").map((c) => ({ html: String(c.payload.text), text: htmlToText(String(c.payload.text)), payload: c.payload }));
  }

  it("/start welcomes in English with the newest headline and remembers the chat", async () => {
    const [reply] = await send("/start", { userId: 501, firstName: "Ann <script>", languageCode: "en" });
    expect(reply!.text).toContain("Hello, Ann <script>!");
    expect(reply!.html).toContain("Ann &lt;script&gt;");
    expect(reply!.text).toContain("Le plan de paix américain discuté par Witkoff et Dmitriev alarme l’Europe");
    expect(reply!.text).toContain("/latest");
    expect(reply!.payload.parse_mode).toBe("HTML");
    expect(await app.repos.chats.get(501)).toMatchObject({ type: "private", active: true });
  });

  it("/start speaks French to a French Telegram client", async () => {
    const [reply] = await send("/start", { languageCode: "fr-FR", firstName: "Jean" });
    expect(reply!.text).toContain("Bonjour Jean");
    expect(reply!.text).toContain("Dernier titre");
  });

  it("/help lists every public command with one line each, admin ones only for admins", async () => {
    const [forUser] = await send("/help", { userId: 7 });
    for (const command of ["start", "help", "latest", "sources", "subscribe", "unsubscribe", "topics", "who", "language"]) {
      expect(forUser!.text).toMatch(new RegExp(`^/${command} — .+$`, "m"));
    }
    expect(forUser!.text).not.toContain("/post");
    const [forAdmin] = await send("/help", { userId: 99 });
    for (const command of ["post", "stats", "admins", "cancel"]) expect(forAdmin!.text).toMatch(new RegExp(`^/${command} — `, "m"));
  });

  it("/latest shows title, date, summary, link and per-article buttons", async () => {
    const [reply] = await send("/latest");
    expect(reply!.text).toContain(`#${seedId} · Le plan de paix américain`);
    expect(reply!.text).toContain("Nov 20, 2025");
    expect(reply!.text).toContain("https://www.kasparov.ru/material.php?id=691EC16CA4E10");
    expect(reply!.text).toContain("Politico");
    const buttons = (reply!.payload.reply_markup as { inline_keyboard: { callback_data?: string }[][] }).inline_keyboard.flat();
    expect(buttons.map((b) => b.callback_data)).toEqual([callbackData.sources(seedId), callbackData.whosWho(seedId)]);
  });

  it("/latest accepts a topic in any language and a count", async () => {
    const [reply] = await send("/latest Украина 3");
    expect(reply!.text).toContain("Latest news: Ukraine");
    expect(reply!.text).toContain("Le plan de paix");
    const [none] = await send("/latest спорт");
    expect(none!.text).toBe("There are no articles about Sport yet.");
  });

  it("/latest rejects a bad count or an unknown topic, naming the valid topics", async () => {
    for (const bad of ["/latest 0", "/latest 11", "/latest -3", "/latest 2.5", "/latest 99999999999999999999"]) {
      const [reply] = await send(bad);
      expect(reply!.text, bad).toContain("whole number from 1 to 10");
      expect(reply!.text).toContain("ukraine (Ukraine)");
    }
    const [unknown] = await send("/latest <b>mars</b>");
    expect(unknown!.html).toContain("“&lt;b&gt;mars&lt;/b&gt;”");
    expect(unknown!.text).toContain("usa (United States)");
  });

  it("/sources gives the original link first and the cited outlets", async () => {
    const [reply] = await send("/sources");
    const text = reply!.text;
    const linkAt = text.indexOf("https://www.kasparov.ru/material.php?id=691EC16CA4E10");
    expect(linkAt).toBeGreaterThan(0);
    const outletsAt = text.indexOf("Outlets cited: 6");
    expect(outletsAt).toBeGreaterThan(linkAt);
    const speakersAt = text.indexOf("Also quoted:");
    for (const outlet of ["Politico", "RBC", "The Wall Street Journal", "Reuters", "Financial Times", "Axios"]) {
      expect(text.indexOf(outlet), outlet).toBeGreaterThan(outletsAt);
      expect(text.indexOf(`${outlet} · `), outlet).toBeLessThan(speakersAt);
    }
    // Quoted speakers are listed apart from the outlets, after them.
    expect(text.indexOf("Johann Wadephul\n")).toBeGreaterThan(speakersAt);
    const [byNumber] = await send(`/sources ${seedId}`);
    expect(byNumber!.text).toBe(text);
  });

  it("/sources with a bad or unknown number explains what to send", async () => {
    expect((await send("/sources abc"))[0]!.text).toContain("is not an article number");
    expect((await send("/sources 999999"))[0]!.text).toContain("There is no article number 999999");
  });

  it("the Sources, Who's who and Full text buttons answer", async () => {
    harness.api.clear();
    await harness.bot.handleUpdate(callbackUpdate(callbackData.sources(seedId)));
    expect(harness.api.of("answerCallbackQuery")).toHaveLength(1);
    expect(htmlToText(harness.api.texts()[0]!)).toContain("Financial Times");

    harness.api.clear();
    await harness.bot.handleUpdate(callbackUpdate(callbackData.fullText(seedId)));
    const parts = harness.api.texts();
    expect(parts.join("\n")).toContain("Kirill Dmitriev");
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(4096);
  });

  it("a stale or forged button gets a polite notice", async () => {
    harness.api.clear();
    await harness.bot.handleUpdate(callbackUpdate("a:src:99999999"));
    await harness.bot.handleUpdate(callbackUpdate("garbage:<b>"));
    const notices = harness.api.of("answerCallbackQuery").map((c) => String(c.payload.text));
    expect(notices[0]).toContain("There is no article number 99999999");
    expect(notices[1]).toContain("no longer valid");
    expect(harness.api.of("sendMessage")).toHaveLength(0);
  });

  it("unknown commands and chatter get a helpful reply, never silence", async () => {
    expect((await send("/frobnicate now"))[0]!.text).toBe("I don’t know the command /frobnicate. /help lists what I can do.");
    expect((await send("<i>hello</i> & bye"))[0]!.text).toContain("/help");
    const huge = await send("x".repeat(10_000));
    expect(huge).toHaveLength(1);
  });
});
