import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Update } from "grammy/types";
import { BACKENDS, createSeededApp } from "../support/database.js";
import { createTestBot } from "../support/bot.js";
import { callbackUpdate, htmlToText, textUpdate } from "../support/telegram.js";

const ADMIN = 100;
const STRANGER = 200;
const admin = { userId: ADMIN };

const ARTICLE = [
  "Witkoff meets Dmitriev in Miami",
  "The envoys discussed the peace plan on Sunday. Read more at https://example.com/witkoff-miami today.",
  "A second paragraph with more details.",
].join("\n");

type App = Awaited<ReturnType<typeof createSeededApp>>;

/** A fake delivery queue that records what it is asked to broadcast. */
function recordingBroadcast(deliveries = 2) {
  const calls: number[] = [];
  return { calls, broadcast: async (articleId: number) => (calls.push(articleId), deliveries) };
}

function buttonsOf(call: { payload: Record<string, unknown> } | undefined): { text: string; callback_data?: string }[] {
  const markup = call?.payload.reply_markup as { inline_keyboard: { text: string; callback_data?: string }[][] } | undefined;
  return markup?.inline_keyboard.flat() ?? [];
}

describe.each(BACKENDS)("/post conversation (%s)", (backend) => {
  let app: App;
  beforeEach(async () => {
    app = await createSeededApp(backend);
  });
  afterEach(async () => {
    await app.database.close();
  });

  function setup(deliveries = 2) {
    const queue = recordingBroadcast(deliveries);
    const { bot, api } = createTestBot(app, { adminIds: [ADMIN], broadcast: queue.broadcast });
    const send = (update: Update) => bot.handleUpdate(update);
    return { bot, api, queue, send };
  }

  it("previews, toggles a topic, edits title and summary, publishes once", async () => {
    const { api, queue, send } = setup(2);
    const before = await app.repos.articles.count();

    await send(textUpdate("/post", admin));
    expect(htmlToText(api.texts().at(-1)!)).toContain("Send me the article");

    api.clear();
    await send(textUpdate(ARTICLE, admin));
    const sent = api.of("sendMessage");
    expect(sent).toHaveLength(2);
    // Sent from inside the conversation, whose replayed contexts get an Api of their own: HTML too.
    expect(sent.map((call) => call.payload.parse_mode)).toEqual(["HTML", "HTML"]);
    expect(htmlToText(String(sent[0]!.payload.text))).toContain("Preview");
    // The article message is the subscriber's message: bold title, date line, summary, link preview.
    const article = String(sent[1]!.payload.text);
    expect(article).toContain("<b>Witkoff meets Dmitriev in Miami</b>");
    expect(article).toContain("The envoys discussed the peace plan on Sunday.");
    expect(sent[1]!.payload.link_preview_options).toMatchObject({ url: "https://example.com/witkoff-miami" });
    const buttons = buttonsOf(sent[1]).map((b) => b.callback_data);
    expect(buttons).toEqual(expect.arrayContaining(["post:t:diplomacy", "post:t:usa", "post:publish", "post:title", "post:summary", "post:cancel"]));
    expect(await app.repos.articles.count()).toBe(before);

    api.clear();
    await send(callbackUpdate("post:t:diplomacy", admin));
    const edit = api.of("editMessageReplyMarkup")[0];
    expect(buttonsOf(edit).find((b) => b.callback_data === "post:t:diplomacy")?.text).toBe("✅ Diplomacy");
    expect(api.of("answerCallbackQuery")).toHaveLength(1);

    api.clear();
    await send(callbackUpdate("post:title", admin));
    expect(htmlToText(api.texts().at(-1)!)).toContain("Send the new title");
    await send(textUpdate("Envoys meet in Miami <again>", admin));
    expect(api.texts().at(-1)).toContain("<b>Envoys meet in Miami &lt;again&gt;</b>");

    api.clear();
    await send(callbackUpdate("post:summary", admin));
    expect(htmlToText(api.texts().at(-1)!)).toContain("Send the new summary");
    await send(textUpdate("The admin's own summary.", admin));
    const preview = api.texts().at(-1)!;
    expect(preview).toContain("The admin's own summary.");
    expect(htmlToText(preview)).toContain("Diplomacy");

    api.clear();
    await send(callbackUpdate("post:publish", admin));
    expect(queue.calls).toHaveLength(1);
    const id = queue.calls[0]!;
    expect(htmlToText(api.texts().at(-1)!)).toBe(`✅ Published as #${id}. It will reach 2 chats.`);

    const stored = await app.news.byId(id);
    expect(stored).toMatchObject({
      title: "Envoys meet in Miami <again>",
      summary: "The admin's own summary.",
      url: "https://example.com/witkoff-miami",
      origin: "telegram",
    });
    expect(stored!.topics).toContain("diplomacy");
    expect(stored!.body).toContain("A second paragraph");
    expect(await app.repos.articles.count()).toBe(before + 1);

    // The conversation is over: the next text is ordinary chat again, and nothing more is published.
    api.clear();
    await send(textUpdate("Another text", admin));
    expect(htmlToText(api.texts().at(-1)!)).toContain("I didn’t understand");
    expect(queue.calls).toHaveLength(1);
  });

  it("accepts a forwarded message with a caption and a hidden link", async () => {
    const { api, queue, send } = setup(0);
    await send(textUpdate("/post", admin));
    const caption = "Kyiv talks resume\nDelegations met again in Geneva on Monday.";
    await send({
      update_id: 990_001,
      message: {
        message_id: 5,
        date: Math.floor(Date.now() / 1000),
        chat: { id: ADMIN, type: "private", first_name: "Ann" },
        from: { id: ADMIN, is_bot: false, first_name: "Ann", language_code: "en" },
        forward_origin: { type: "channel", chat: { id: -100500, type: "channel", title: "News" }, message_id: 9, date: 1 },
        photo: [{ file_id: "p", file_unique_id: "p", width: 1, height: 1 }],
        caption,
        caption_entities: [{ type: "text_link", offset: 0, length: 4, url: "https://example.org/kyiv" }],
      },
    } as Update);
    expect(api.texts().at(-1)).toContain("<b>Kyiv talks resume</b>");
    await send(callbackUpdate("post:publish", admin));
    const id = queue.calls[0]!;
    expect(htmlToText(api.texts().at(-1)!)).toContain(`Published as #${id}. No chat follows its topics yet`);
    expect(await app.news.byId(id)).toMatchObject({ title: "Kyiv talks resume", url: "https://example.org/kyiv" });
  });

  describe("cancel", () => {
    it("says there is nothing to cancel outside a conversation", async () => {
      const { api, send } = setup();
      await send(textUpdate("/cancel", admin));
      await send(textUpdate("/cancel", { userId: STRANGER }));
      expect(api.texts().map(htmlToText)).toEqual(["There is nothing to cancel.", "There is nothing to cancel."]);
    });

    const steps: [string, (send: (u: Update) => Promise<void>) => Promise<void>][] = [
      ["while waiting for the article", async () => {}],
      ["at the preview", async (send) => send(textUpdate(ARTICLE, admin))],
      ["after toggling a topic", async (send) => {
        await send(textUpdate(ARTICLE, admin));
        await send(callbackUpdate("post:t:usa", admin));
      }],
      ["while editing the title", async (send) => {
        await send(textUpdate(ARTICLE, admin));
        await send(callbackUpdate("post:title", admin));
      }],
      ["while editing the summary", async (send) => {
        await send(textUpdate(ARTICLE, admin));
        await send(callbackUpdate("post:summary", admin));
      }],
    ];

    for (const [name, reach] of steps) {
      it(`/cancel leaves the conversation ${name}`, async () => {
        const { api, queue, send } = setup();
        const before = await app.repos.articles.count();
        await send(textUpdate("/post", admin));
        await reach(send);
        api.clear();
        await send(textUpdate("/cancel", admin));
        expect(api.texts().map(htmlToText)).toEqual(["Cancelled. Nothing was published."]);
        // Left for good: the same article afterwards is just text, and a second /cancel finds nothing.
        await send(textUpdate(ARTICLE, admin));
        await send(callbackUpdate("post:publish", admin));
        await send(textUpdate("/cancel", admin));
        expect(htmlToText(api.texts().at(-1)!)).toBe("There is nothing to cancel.");
        expect(queue.calls).toEqual([]);
        expect(await app.repos.articles.count()).toBe(before);
      });
    }

    it("the Cancel button leaves the conversation", async () => {
      const { api, queue, send } = setup();
      const before = await app.repos.articles.count();
      await send(textUpdate("/post", admin));
      await send(textUpdate(ARTICLE, admin));
      await send(callbackUpdate("post:cancel", admin));
      expect(htmlToText(api.texts().at(-1)!)).toBe("Cancelled. Nothing was published.");
      await send(callbackUpdate("post:publish", admin));
      expect(api.of("answerCallbackQuery").at(-1)!.payload.text).toContain("no longer valid");
      expect(queue.calls).toEqual([]);
      expect(await app.repos.articles.count()).toBe(before);
    });
  });

  it("continues after a restart: a new bot over the same database publishes the draft", async () => {
    const first = setup();
    await first.send(textUpdate("/post", admin));
    await first.send(textUpdate(ARTICLE, admin));
    await first.send(callbackUpdate("post:t:russia", admin));
    // The conversation's state is in the kv_store table, not in the first bot's memory.
    const stateStore = app.repos.kv.storage("grammy");
    expect(await stateStore.read(`conversation:${ADMIN}`)).toMatchObject({ state: { post: [expect.anything()] } });

    // A new process: new bot, new API, nothing shared but the database.
    const second = setup(3);
    await second.send(callbackUpdate("post:t:usa", admin));
    // usa toggled on, russia as toggled in the first process, and the subject the analysis suggested.
    const on = buttonsOf(second.api.of("editMessageReplyMarkup")[0]).filter((b) => b.text.startsWith("✅")).map((b) => b.callback_data);
    expect(on).toEqual(expect.arrayContaining(["post:t:usa", "post:t:russia"]));
    expect(on).toHaveLength(3);
    await second.send(callbackUpdate("post:publish", admin));
    expect(first.queue.calls).toEqual([]);
    expect(second.queue.calls).toHaveLength(1);
    expect(htmlToText(second.api.texts().at(-1)!)).toBe(`✅ Published as #${second.queue.calls[0]}. It will reach 3 chats.`);
    // The replay re-sent nothing: the new bot only answered the button presses and published.
    expect(second.api.of("sendMessage")).toHaveLength(1);
    const stored = await app.news.byId(second.queue.calls[0]!);
    expect(stored!.topics).toEqual(expect.arrayContaining(["usa", "russia"]));
    expect(stored!.topics).toEqual(on.map((data) => data!.replace("post:t:", "")));
    expect(await stateStore.read(`conversation:${ADMIN}`)).toBeUndefined();
  });

  it("refuses a non-admin politely and stores nothing", async () => {
    const { api, queue, send } = setup();
    const before = await app.repos.articles.count();
    await send(textUpdate("/post", { userId: STRANGER }));
    expect(htmlToText(api.texts().at(-1)!)).toContain("only the bot’s admins can publish");
    await send(textUpdate(ARTICLE, { userId: STRANGER }));
    await send(callbackUpdate("post:publish", { userId: STRANGER }));
    expect(queue.calls).toEqual([]);
    expect(await app.repos.articles.count()).toBe(before);
  });

  it("asks for /post in a private chat when sent in a group", async () => {
    const { api, send } = setup();
    await send(textUpdate("/post", { userId: ADMIN, chatId: -500, chatType: "group" }));
    expect(htmlToText(api.texts().at(-1)!)).toContain("private chat");
  });

  it("refuses the same body or the same link twice, pointing to the existing article", async () => {
    const { api, queue, send } = setup();
    await send(textUpdate("/post", admin));
    await send(textUpdate(ARTICLE, admin));
    await send(callbackUpdate("post:publish", admin));
    const id = queue.calls[0]!;

    await send(textUpdate("/post", admin));
    await send(textUpdate(ARTICLE, admin));
    expect(htmlToText(api.texts().at(-1)!)).toBe(`This article is already published as #${id} (same link or same text), so I did not publish it again. /sources ${id} shows it.`);

    await send(textUpdate("/post", admin));
    await send(textUpdate("Different words entirely\nBut the same link: https://example.com/witkoff-miami", admin));
    expect(htmlToText(api.texts().at(-1)!)).toContain(`already published as #${id}`);
    expect(queue.calls).toHaveLength(1);
  });
});
