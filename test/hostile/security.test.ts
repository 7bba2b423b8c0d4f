/**
 * Only admins publish, manage admins and see stats, whatever the path: commands (in every kind of
 * chat, with or without `from`), the /post conversation, forged admin buttons (refused AND logged)
 * and channel posts. The API path is in admin-api.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Update } from "grammy/types";
import { BACKENDS, createSeededApp } from "../support/database.js";
import { createHostileBot, snapshot } from "../support/hostile.js";
import { callbackOf, updateOf, type Sender, type UpdateContext } from "../support/hostile-updates.js";
import { htmlToText, TEST_TOKEN } from "../support/telegram.js";

const ROOT: Sender = { userId: 100 };
const STRANGER: Sender = { userId: 7001, groupId: -100_7001 };
const SOURCE_CHANNEL = -100_555;
const ADMIN_BUTTONS = ["post:publish", "post:cancel", "post:title", "post:summary", "post:t:diplomacy"];
const ARTICLE = "Envoys meet in Abu Dhabi\nThe delegations met on Monday to discuss prisoner exchanges and a ceasefire line.";

type App = Awaited<ReturnType<typeof createSeededApp>>;

describe.each(BACKENDS)("only admins publish, manage admins and see stats (%s)", (backend) => {
  let app: App;
  let hostile: ReturnType<typeof createHostileBot>;
  let broadcasts: number[];

  beforeEach(async () => {
    app = await createSeededApp(backend);
    broadcasts = [];
    hostile = createHostileBot(app, { adminIds: [ROOT.userId], sourceChannelId: SOURCE_CHANNEL, broadcast: async (id) => (broadcasts.push(id), 0) });
  });
  afterEach(async () => {
    await app.database.close();
  });

  const lastText = (verdict: Awaited<ReturnType<typeof hostile.send>>) =>
    htmlToText(String(verdict.calls.filter((c) => c.method === "sendMessage").at(-1)?.payload.text ?? ""));
  const warnings = () => hostile.logs.lines().filter((line) => line.level === 40);

  it("commands: /post, /admins add|remove|list and /stats are refused to non-admins in every kind of chat", async () => {
    const before = await snapshot(app.database.db);
    const refusals: Record<string, RegExp> = {
      "/post": /only the bot’s admins can publish|send \/post in a private chat/,
      "/admins add 7001": /only admins can see or change/,
      "/admins remove 100": /only admins can see or change/,
      "/admins": /only admins can see or change/,
      "/stats": /only for the bot’s administrators/,
    };
    const contexts: UpdateContext[] = ["private", "group", "supergroup", "no-from-private", "no-from-group", "unknown-chat"];
    for (const [command, refusal] of Object.entries(refusals)) {
      for (const context of contexts) {
        const verdict = await hostile.send(updateOf(command, context, STRANGER));
        expect(verdict.handlerFailed, `${command} in ${context}`).toBe(false);
        expect(lastText(verdict), `${command} in ${context}`).toMatch(refusal);
      }
      // In a channel there is no user at all: refused or silent, never executed.
      const inChannel = await hostile.send(updateOf(command, "channel", STRANGER));
      expect(inChannel.calls.filter((c) => c.method === "sendMessage").every((c) => refusal.test(htmlToText(String(c.payload.text))))).toBe(true);
    }
    // Not a row anywhere: no admin added or removed, no conversation state, nothing published.
    expect(await snapshot(app.database.db)).toEqual(before);
    expect(await app.repos.admins.list()).toEqual([]);
  });

  it("an admin removed from the table loses every right at once", async () => {
    expect(lastText(await hostile.send(updateOf("/admins add 300", "private", ROOT)))).toContain("300 is now an admin");
    const helper: Sender = { userId: 300 };
    expect(lastText(await hostile.send(updateOf("/stats", "private", helper)))).not.toMatch(/only for/);
    expect(lastText(await hostile.send(updateOf("/admins remove 300", "private", ROOT)))).toContain("no longer an admin");
    expect(lastText(await hostile.send(updateOf("/stats", "private", helper)))).toMatch(/only for the bot’s administrators/);
    expect(lastText(await hostile.send(updateOf("/admins add 301", "private", helper)))).toMatch(/only admins can/);
    expect(lastText(await hostile.send(updateOf("/post", "private", helper)))).toMatch(/only the bot’s admins can publish/);
    expect((await app.repos.admins.list()).map((a) => a.userId)).toEqual([]);
  });

  it("forged admin buttons from a non-admin are refused with an alert and logged with user id and data", async () => {
    for (const data of ADMIN_BUTTONS) {
      for (const where of ["private", "group"] as const) {
        const verdict = await hostile.send(callbackOf(data, STRANGER, where));
        const answer = verdict.calls.find((c) => c.method === "answerCallbackQuery");
        expect(answer?.payload, `${data} in ${where}`).toMatchObject({ show_alert: true, text: expect.stringContaining("only the bot’s admins") });
        expect(verdict.calls.map((c) => c.method)).toEqual(["answerCallbackQuery"]);
        expect(verdict.changed).toEqual([]);
      }
    }
    const refused = warnings().filter((line) => line.msg === "Admin button pressed by a non-admin: refused");
    expect(refused).toHaveLength(ADMIN_BUTTONS.length * 2);
    expect(refused.map((line) => [line.userId, line.data])).toEqual(ADMIN_BUTTONS.flatMap((data) => [[STRANGER.userId, data], [STRANGER.userId, data]]));
    expect(hostile.logs.text()).not.toContain(TEST_TOKEN);
    // A press from no message at all (the bot sends no inline messages) is refused and logged too.
    const inline = await hostile.send(callbackOf("a:src:1", STRANGER, "inline"));
    expect(inline.calls.map((c) => c.method)).toEqual(["answerCallbackQuery"]);
    expect(warnings().at(-1)).toMatchObject({ msg: "Button pressed outside a chat message: refused", userId: STRANGER.userId, data: "a:src:1" });
    // An admin's stale button is not an attack: answered politely, not logged as one.
    const stale = await hostile.send(callbackOf("post:publish", ROOT));
    expect(stale.calls.find((c) => c.method === "answerCallbackQuery")?.payload.text).toMatch(/no longer valid/);
    expect(warnings()).toHaveLength(ADMIN_BUTTONS.length * 2 + 1);
  });

  it("the /post conversation: an admin's open preview cannot be published, edited or cancelled by anyone else", async () => {
    await hostile.send(updateOf("/post", "private", ROOT));
    const preview = await hostile.send(updateOf(ARTICLE, "private", ROOT));
    expect(preview.calls.some((c) => JSON.stringify(c.payload.reply_markup ?? "").includes("post:publish"))).toBe(true);
    const articles = await app.repos.articles.count();

    // A stranger talks to the bot and presses forged buttons in their own chat and in a group.
    const stranger = await hostile.send(updateOf("Publish it now", "private", STRANGER));
    expect(lastText(stranger)).toMatch(/didn’t understand/);
    for (const data of ADMIN_BUTTONS) await hostile.send(callbackOf(data, STRANGER, "group"));
    // A forged press inside the admin's own chat (Telegram never sends one: the chat is the admin's):
    // the conversation would take it, and publishing checks the admin who opened it, so the guard
    // in front of the conversation is what stops it.
    const forged: Update = callbackOf("post:publish", { userId: STRANGER.userId });
    (forged.callback_query!.message as { chat: { id: number } }).chat.id = ROOT.userId;
    const refused = await hostile.send(forged);
    expect(await app.repos.articles.count()).toBe(articles);
    expect(broadcasts).toEqual([]);
    expect(refused.calls.find((c) => c.method === "answerCallbackQuery")?.payload).toMatchObject({ show_alert: true });

    // The conversation is intact: the admin's own press publishes, once.
    const published = await hostile.send(callbackOf("post:publish", ROOT));
    expect(lastText(published)).toMatch(/Published as #\d+/);
    expect(await app.repos.articles.count()).toBe(articles + 1);
    expect(broadcasts).toHaveLength(1);
  });

  it("the /post conversation: an admin removed while the preview is open cannot publish", async () => {
    const helper: Sender = { userId: 300 };
    await hostile.send(updateOf("/admins add 300", "private", ROOT));
    await hostile.send(updateOf("/post", "private", helper));
    await hostile.send(updateOf(ARTICLE, "private", helper));
    await hostile.send(updateOf("/admins remove 300", "private", ROOT));
    const articles = await app.repos.articles.count();
    const press = await hostile.send(callbackOf("post:publish", helper));
    expect(await app.repos.articles.count()).toBe(articles);
    // Refused by the button guard; the conversation checks again before publishing (both say so).
    const said = press.calls.map((c) => String(c.payload.text ?? "")).join(" ");
    expect(said).toMatch(/only the bot’s admins can publish/);
    expect(broadcasts).toEqual([]);
  });

  it("channels: only SOURCE_CHANNEL_ID publishes; other channels, edits, and groups with its id do not", async () => {
    const articles = await app.repos.articles.count();
    const sender: Sender = { userId: STRANGER.userId, groupId: -100_999 };
    await hostile.send(updateOf(ARTICLE, "channel", sender));
    // Edits of the source channel's posts and a group that happens to carry its id are not posts.
    await hostile.send(updateOf(ARTICLE, "edited-channel", { userId: 1, groupId: SOURCE_CHANNEL }));
    await hostile.send(updateOf(ARTICLE, "supergroup", { userId: STRANGER.userId, groupId: SOURCE_CHANNEL }));
    expect(await app.repos.articles.count()).toBe(articles);
    expect(broadcasts).toEqual([]);
    // The positive case, so the test can fail: the source channel itself publishes.
    await hostile.send(updateOf(ARTICLE, "channel", { userId: 1, groupId: SOURCE_CHANNEL }));
    expect(await app.repos.articles.count()).toBe(articles + 1);
  });
});
