import { PassThrough, Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/create-bot.js";
import { createLocalSession, LOCAL_BOT_INFO } from "../../src/transports/local.js";
import { createSeededApp } from "../support/database.js";
import { testDeps } from "../support/bot.js";

describe("local terminal mode", () => {
  let app: Awaited<ReturnType<typeof createSeededApp>>;
  beforeAll(async () => {
    app = await createSeededApp("pglite");
  });
  afterAll(() => app?.database.close());

  async function converse(lines: string[], languageCode = "en"): Promise<string> {
    const output = new PassThrough();
    const chunks: string[] = [];
    output.on("data", (chunk: Buffer) => chunks.push(chunk.toString("utf8")));
    const session = createLocalSession({ output, languageCode });
    const bot = createBot(testDeps(app), { token: "0:local", botInfo: LOCAL_BOT_INFO, client: { fetch: session.fetch }, autoRetry: false });
    await session.run(bot, Readable.from([lines.join("\n") + "\n"]));
    return chunks.join("");
  }

  it("prints each reply as plain text with numbered buttons and ends with the input", async () => {
    const out = await converse(["/start", "/latest"]);
    expect(out).toContain("you> /start");
    expect(out).toContain("bot> 👋 Hello, You!");
    expect(out).toContain("you> /latest");
    expect(out).toContain("Le plan de paix américain discuté par Witkoff et Dmitriev alarme l’Europe");
    expect(out).toMatch(/\[#1\] 🔗 Original article → https:\/\/www\.kasparov\.ru/);
    expect(out).not.toMatch(/<\/?b>/);
  });

  it("#N presses button N of the last message with buttons", async () => {
    const out = await converse(["/latest", "#1"]);
    // Button 1 of /latest is "#<id> · Sources": pressing it prints the sources card.
    expect(out).toContain("you> #1");
    expect(out).toContain("📚 Sources of “Le plan de paix");
    expect(out).toContain("Financial Times");
  });

  it("explains a button number that does not exist", async () => {
    const out = await converse(["/help", "#7"]);
    expect(out).toContain("(no button #7 on the last message)");
  });

  it("answers in the terminal user's language", async () => {
    const out = await converse(["/start"], "fr");
    expect(out).toContain("Bonjour You");
  });
});

