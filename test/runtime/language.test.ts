import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { InlineKeyboardButton } from "grammy/types";
import { createChatLanguageCache } from "../../src/chats/language-cache.js";
import { createTestBot } from "../support/bot.js";
import { BACKENDS, createSeededApp } from "../support/database.js";
import { callbackUpdate, htmlToText, textUpdate } from "../support/telegram.js";

describe.each(BACKENDS)("/language (%s)", (backend) => {
  let app: Awaited<ReturnType<typeof createSeededApp>>;
  beforeEach(async () => {
    app = await createSeededApp(backend);
  });
  afterEach(async () => {
    await app.database.close();
  });

  function buttonsOf(call: { payload: Record<string, unknown> }): InlineKeyboardButton.CallbackButton[] {
    const markup = call.payload.reply_markup as { inline_keyboard: InlineKeyboardButton.CallbackButton[][] };
    return markup.inline_keyboard.flat();
  }

  it("stores the choice per chat and answers in it from then on", async () => {
    const { bot, api } = createTestBot(app);
    const user = { userId: 11, languageCode: "en" };
    await bot.handleUpdate(textUpdate("/language", user));
    const menu = api.of("sendMessage")[0]!;
    expect(htmlToText(String(menu.payload.text))).toContain("I follow your Telegram app’s language");
    const buttons = buttonsOf(menu);
    expect(buttons.map((b) => b.text)).toEqual(["🇬🇧 English", "🇫🇷 Français", "🇷🇺 Русский", "🇺🇦 Українська", "✅ 🔄 Automatic (Telegram’s language)"]);

    await bot.handleUpdate(callbackUpdate(buttons[3]!.callback_data, user));
    expect(String(api.of("editMessageText").at(-1)!.payload.text)).toBe("✅ Відтепер я відповідаю мовою: 🇺🇦 Українська.");
    expect((await app.repos.chats.get(11))?.language).toBe("uk");

    api.clear();
    await bot.handleUpdate(textUpdate("/help", user));
    expect(htmlToText(api.texts()[0]!)).toMatch(/^Команди/);

    // Another chat is not affected.
    api.clear();
    await bot.handleUpdate(textUpdate("/help", { userId: 12, languageCode: "en" }));
    expect(htmlToText(api.texts()[0]!)).toMatch(/^Commands/);
  });

  it("marks the current language and can go back to Telegram's language", async () => {
    const { bot, api, app: botApp } = createTestBot(app);
    const user = { userId: 13, languageCode: "fr" };
    await bot.handleUpdate(textUpdate("/start", user));
    await botApp.deps.chats.setLanguage(13, "ru");
    await bot.handleUpdate(textUpdate("/language", user));
    const menu = api.of("sendMessage").at(-1)!;
    expect(String(menu.payload.text)).toBe("🌐 В этом чате выбран язык: 🇷🇺 Русский. Выберите другой язык:");
    const buttons = buttonsOf(menu);
    expect(buttons[2]!.text).toBe("✅ 🇷🇺 Русский");

    await bot.handleUpdate(callbackUpdate(buttons[4]!.callback_data, user));
    expect((await app.repos.chats.get(13))?.language).toBeNull();
    expect(String(api.of("editMessageText").at(-1)!.payload.text)).toContain("Français");
    api.clear();
    await bot.handleUpdate(textUpdate("/help", user));
    expect(htmlToText(api.texts()[0]!)).toMatch(/^Commandes/);
  });

  it("falls back to English for a language the bot does not speak", async () => {
    const { bot, api } = createTestBot(app);
    await bot.handleUpdate(textUpdate("/help", { userId: 14, languageCode: "de" }));
    expect(htmlToText(api.texts()[0]!)).toMatch(/^Commands/);
    await bot.handleUpdate(textUpdate("/help", { userId: 14, languageCode: "ru-RU" }));
    expect(htmlToText(api.texts()[1]!)).toMatch(/^Команды/);
  });
});

describe("chat language cache", () => {
  function store() {
    const data = new Map<number, string | null>();
    let loads = 0;
    return {
      data,
      loads: () => loads,
      load: async (id: number) => {
        loads++;
        return data.get(id);
      },
      save: async (id: number, language: string | null) => {
        data.set(id, language);
      },
    };
  }

  it("reads the store once per chat, and a change is seen at once", async () => {
    const s = store();
    s.data.set(1, "fr");
    const cache = createChatLanguageCache(s);
    expect(await cache.languageOf(1)).toBe("fr");
    expect(await cache.languageOf(1)).toBe("fr");
    expect(await cache.languageOf(2)).toBeNull();
    expect(await cache.languageOf(2)).toBeNull();
    expect(s.loads()).toBe(2);
    await cache.setLanguage(1, "uk");
    expect(await cache.languageOf(1)).toBe("uk");
    expect(s.data.get(1)).toBe("uk");
    expect(s.loads()).toBe(2);
  });

  it("reloads after the TTL (a change by another instance) and stays bounded", async () => {
    const s = store();
    let now = 0;
    const cache = createChatLanguageCache(s, { ttlMs: 1000, maxEntries: 2, now: () => now });
    s.data.set(1, "fr");
    expect(await cache.languageOf(1)).toBe("fr");
    s.data.set(1, "ru"); // written elsewhere
    now = 999;
    expect(await cache.languageOf(1)).toBe("fr");
    now = 1001;
    expect(await cache.languageOf(1)).toBe("ru");
    await cache.languageOf(2);
    await cache.languageOf(3); // evicts chat 1
    const before = s.loads();
    await cache.languageOf(1);
    expect(s.loads()).toBe(before + 1);
  });

  it("keeps the old value when saving fails", async () => {
    const s = store();
    s.data.set(1, "fr");
    const cache = createChatLanguageCache({ load: s.load, save: async () => Promise.reject(new Error("db down")) });
    await cache.languageOf(1);
    await expect(cache.setLanguage(1, "uk")).rejects.toThrow("db down");
    expect(await cache.languageOf(1)).toBe("fr");
  });
});
