import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Update } from "grammy/types";
import { BACKENDS, createSeededApp } from "../support/database.js";
import { createTestBot } from "../support/bot.js";
import { htmlToText, textUpdate } from "../support/telegram.js";

const ROOT = 100; // in ADMIN_IDS
const SOURCE_CHANNEL = -1001234567890;
type App = Awaited<ReturnType<typeof createSeededApp>>;

let nextUpdateId = 880_000;
function channelPost(chatId: number, text: { text?: string; caption?: string }): Update {
  nextUpdateId++;
  return {
    update_id: nextUpdateId,
    channel_post: { message_id: nextUpdateId, date: 1_763_625_600, chat: { id: chatId, type: "channel", title: "Channel" }, ...text },
  } as Update;
}

describe.each(BACKENDS)("/admins and the source channel (%s)", (backend) => {
  let app: App;
  beforeAll(async () => {
    app = await createSeededApp(backend);
  });
  afterAll(async () => {
    await app.database.close();
  });

  it("/admins add, list and remove, with permission checks", async () => {
    const { bot, api } = createTestBot(app, { adminIds: [ROOT] });
    const say = async (text: string, userId: number) => {
      await bot.handleUpdate(textUpdate(text, { userId }));
      return htmlToText(api.texts().at(-1)!);
    };

    expect(await say("/admins", 300)).toContain("only admins can see or change");
    expect(await say("/admins add 300", 300)).toContain("only admins can see or change");
    expect(await app.repos.admins.isAdmin(300)).toBe(false);

    expect(await say("/admins add 300", ROOT)).toBe("300 is now an admin.");
    expect(await say("/admins add 300", ROOT)).toBe("300 is already an admin.");
    expect(await say("/admins add 100", ROOT)).toBe("100 is already an admin.");
    // The new admin may now manage admins and publish.
    expect(await say("/admins add 301", 300)).toBe("301 is now an admin.");
    const list = await say("/admins", 300);
    expect(list).toContain("100 (from ADMIN_IDS)");
    expect(list).toContain("300 (added by 100)");
    expect(list).toContain("301 (added by 300)");

    for (const bad of ["abc", "0", "-5", "12.5", "1234567890123456"]) {
      expect(await say(`/admins add ${bad}`, ROOT)).toContain(`“${bad}” is not a Telegram user id`);
    }
    expect(await say("/admins add <b>", ROOT)).toContain("“<b>” is not a Telegram user id");
    expect(api.texts().at(-1)).toContain("&lt;b&gt;");
    expect(await say("/admins promote 5", ROOT)).toContain("/admins add id adds an admin");
    expect(await say("/admins add", ROOT)).toContain("/admins add id adds an admin");

    expect(await say("/admins remove 100", 300)).toContain("100 is an admin from ADMIN_IDS");
    expect(await say("/admins remove 301", 300)).toBe("301 is no longer an admin.");
    expect(await say("/admins remove 301", 300)).toBe("301 is not an admin.");
    expect(await say("/admins remove 300", ROOT)).toBe("300 is no longer an admin.");
    expect(await say("/admins", 300)).toContain("only admins can see or change");
    expect(await app.repos.admins.list()).toEqual([]);
  });

  it("publishes posts of the configured channel and ignores other channels", async () => {
    const broadcasts: number[] = [];
    const { bot, api } = createTestBot(app, { sourceChannelId: SOURCE_CHANNEL, broadcast: async (id) => (broadcasts.push(id), 4) });
    const before = await app.repos.articles.count();

    await bot.handleUpdate(channelPost(-100999, { text: "Not our channel\nSome text that must not be stored." }));
    expect(await app.repos.articles.count()).toBe(before);
    expect(broadcasts).toEqual([]);

    await bot.handleUpdate(channelPost(SOURCE_CHANNEL, { text: "Sanctions eased on oil exports\nThe decision was announced on Friday. https://example.net/oil" }));
    expect(broadcasts).toHaveLength(1);
    const article = await app.news.byId(broadcasts[0]!);
    expect(article).toMatchObject({ title: "Sanctions eased on oil exports", url: "https://example.net/oil", origin: "channel" });
    expect(article!.publishedAt.toISOString()).toBe("2025-11-20T08:00:00.000Z");

    // The same post again (edited and re-sent, or delivered twice) is not published twice.
    await bot.handleUpdate(channelPost(SOURCE_CHANNEL, { text: "Sanctions eased on oil exports\nThe decision was announced on Friday. https://example.net/oil" }));
    // A photo with a caption counts; a post without text does not.
    await bot.handleUpdate(channelPost(SOURCE_CHANNEL, { caption: "Photo of the day\nA ship in the port of Odesa." }));
    await bot.handleUpdate(channelPost(SOURCE_CHANNEL, {}));
    expect(broadcasts).toHaveLength(2);
    expect(await app.repos.articles.count()).toBe(before + 2);
    // Nothing is ever said in a channel.
    expect(api.of("sendMessage")).toEqual([]);
  });

  it("ignores channel posts when no source channel is configured", async () => {
    const broadcasts: number[] = [];
    const { bot } = createTestBot(app, { broadcast: async (id) => (broadcasts.push(id), 0) });
    await bot.handleUpdate(channelPost(SOURCE_CHANNEL, { text: "Unconfigured\nThis must not be stored anywhere." }));
    expect(broadcasts).toEqual([]);
  });
});
