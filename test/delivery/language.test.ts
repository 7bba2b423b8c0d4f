import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS, createSeededApp } from "../support/database.js";
import { createTestBot } from "../support/bot.js";
import { createFakeTelegram, deliverAll, deliveryService, publishArticle } from "../support/fake-broadcast.js";
import { textUpdate } from "../support/telegram.js";

describe.each(BACKENDS)("delivery language on %s", (backend) => {
  let app: Awaited<ReturnType<typeof createSeededApp>>;
  beforeAll(async () => {
    app = await createSeededApp(backend);
  });
  afterAll(() => app?.database.close());

  it("writes each delivery in the subscriber's Telegram language unless the chat chose one", async () => {
    const { bot } = createTestBot(app);
    await bot.handleUpdate(textUpdate("/subscribe economy", { userId: 2001, languageCode: "fr" }));
    await bot.handleUpdate(textUpdate("/subscribe economy", { userId: 2002, languageCode: "uk" }));
    await bot.handleUpdate(textUpdate("/subscribe economy", { userId: 2003, languageCode: "de" }));

    const id = await publishArticle(app, ["economy"]);
    expect(await deliveryService(app).enqueueArticle(id)).toBe(3);
    const telegram = createFakeTelegram();
    await deliverAll(app, telegram);
    const buttonsOf = (chatId: number) =>
      (telegram.sends.find((s) => s.chatId === chatId)!.payload.reply_markup as { inline_keyboard: { text: string }[][] }).inline_keyboard
        .flat()
        .map((b) => b.text);
    expect(buttonsOf(2001)).toContain("👥 Qui est qui");
    expect(buttonsOf(2002)).toContain("👥 Хто є хто");
    expect(buttonsOf(2003)).toContain("👥 Who’s who"); // German is not a bot language: English
  });
});
