/**
 * A corpus of hostile updates through the real bot on both backends. For every update: nothing
 * escapes `handleUpdate`, no handler fails (the error boundary is not what saves it), everything
 * sent is valid Telegram HTML within the limits, and no table changes unless the update was a
 * valid command allowed to write there.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Update } from "grammy/types";
import { BACKENDS, createSeededApp } from "../support/database.js";
import { allowedWrites, createHostileBot, faultsOf } from "../support/hostile.js";
import {
  callbackOf,
  CONTEXTS,
  HOSTILE_CALLBACKS,
  HOSTILE_COMMANDS,
  HOSTILE_TEXTS,
  oddUpdates,
  updateOf,
  type Sender,
} from "../support/hostile-updates.js";

const ADMIN = 100;
const STRANGER: Sender = { userId: 7001, groupId: -100_7001 };
const ADMIN_SENDER: Sender = { userId: ADMIN, groupId: -100_100 };
type App = Awaited<ReturnType<typeof createSeededApp>>;

const label = (text: string) => JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…(${text.length})` : text);

describe.each(BACKENDS)("hostile updates (%s)", (backend) => {
  let app: App;
  let hostile: ReturnType<typeof createHostileBot>;
  const isAdmin = (userId: number) => userId === ADMIN;

  beforeAll(async () => {
    app = await createSeededApp(backend);
    hostile = createHostileBot(app, { adminIds: [ADMIN] });
  });
  afterAll(async () => {
    await app?.database.close();
  });

  /** Sends `update` and returns what went wrong, each fault prefixed with `name`. */
  async function judge(name: string, update: Update, extraAllowed: string[] = []): Promise<string[]> {
    const allowed = allowedWrites(update, { isAdmin });
    for (const table of extraAllowed) allowed.add(table);
    const verdict = await hostile.send(update);
    return faultsOf(verdict, allowed).map((fault) => `${name}: ${fault}`);
  }

  it("the judge sees a write and only a write: /subscribe changes subscriptions, a repeat of nothing changes nothing", async () => {
    const subscribed = await hostile.send(updateOf("/subscribe russia", "private", { userId: 7100, groupId: -100_7100 }));
    expect(subscribed.changed).toContain("subscriptions");
    expect(subscribed.calls.length).toBeGreaterThan(0);
    await app.repos.admins.list(); // a read
    const unchanged = await hostile.send(callbackOf("nothing-known", { userId: 7100, groupId: -100_7100 }, "inline"));
    expect(unchanged.changed).toEqual([]);
  });

  it("free text in every kind of update: 10k characters, every plane, RTL, lone surrogates, injections", async () => {
    const faults: string[] = [];
    for (const text of HOSTILE_TEXTS) {
      for (const context of CONTEXTS) faults.push(...(await judge(`${label(text)} in ${context}`, updateOf(text, context, STRANGER))));
    }
    expect(faults.slice(0, 40)).toEqual([]);
  });

  it("commands with hostile arguments and malformed commands, from a stranger anywhere", async () => {
    const faults: string[] = [];
    // Fewer kinds of update than for free text: captions, supergroups and edits are covered there.
    const contexts = CONTEXTS.filter((c) => !["caption", "supergroup", "edited-channel"].includes(c));
    for (const text of HOSTILE_COMMANDS) {
      for (const context of contexts) faults.push(...(await judge(`${label(text)} in ${context}`, updateOf(text, context, STRANGER))));
    }
    expect(faults.slice(0, 40)).toEqual([]);
  });

  it("commands with hostile arguments from an admin, in private and in a group", async () => {
    const faults: string[] = [];
    // /post is the conversation test's business below: here it would swallow the commands that follow.
    for (const text of HOSTILE_COMMANDS.filter((t) => !t.startsWith("/post"))) {
      for (const context of ["private", "supergroup"] as const) faults.push(...(await judge(`${label(text)} in ${context}`, updateOf(text, context, ADMIN_SENDER))));
    }
    expect(faults.slice(0, 40)).toEqual([]);
    // The only valid add in the list: /admins add 5.
    expect((await app.repos.admins.list()).map((a) => a.userId)).toEqual([5]);
  });

  it("an admin's open /post conversation under hostile texts, commands and buttons publishes nothing", async () => {
    const articlesBefore = await app.repos.articles.count();
    const faults: string[] = [];
    faults.push(...(await judge("/post", updateOf("/post", "private", ADMIN_SENDER))));
    const inConversation = [
      ...HOSTILE_TEXTS.map((text) => updateOf(text, "private", ADMIN_SENDER)),
      ...HOSTILE_CALLBACKS.filter((d) => d !== "post:publish").map((data) => callbackOf(data, ADMIN_SENDER)),
      ...HOSTILE_COMMANDS.filter((t) => !/^\/(post|cancel|admins add 5$)/.test(t)).map((text) => updateOf(text, "private", ADMIN_SENDER)),
    ];
    for (const update of inConversation) {
      const name = `in conversation: ${label(update.message?.text ?? update.message?.caption ?? update.callback_query?.data ?? "?")}`;
      faults.push(...(await judge(name, update, ["kv_store"])));
    }
    faults.push(...(await judge("/cancel", updateOf("/cancel", "private", ADMIN_SENDER), ["kv_store"])));
    expect(faults.slice(0, 40)).toEqual([]);
    expect(await app.repos.articles.count()).toBe(articlesBefore);
  });

  it("forged, stale and foreign callback data, in private chats, groups and inline messages", async () => {
    const faults: string[] = [];
    for (const data of HOSTILE_CALLBACKS) {
      for (const sender of [STRANGER, ADMIN_SENDER]) {
        for (const where of ["private", "group", "inline"] as const) {
          faults.push(...(await judge(`${label(data)} by ${sender.userId} in ${where}`, callbackOf(data, sender, where))));
        }
      }
    }
    expect(faults.slice(0, 40)).toEqual([]);
  });

  it("real menu buttons replayed in other chats, inline, mutated and swapped between menus", async () => {
    const faults: string[] = [];
    const harvested: string[] = [];
    for (const command of ["/language", "/subscribe"]) {
      const verdict = await hostile.send(updateOf(command, "private", STRANGER));
      for (const call of verdict.calls) {
        const markup = call.payload.reply_markup as { inline_keyboard?: { callback_data?: string }[][] } | undefined;
        harvested.push(...(markup?.inline_keyboard?.flat().flatMap((b) => (b.callback_data ? [b.callback_data] : [])) ?? []));
      }
    }
    expect(harvested.some((d) => d.startsWith("language/"))).toBe(true);
    expect(harvested.some((d) => d.startsWith("topics/"))).toBe(true);
    const mutated = harvested.flatMap((data) => [
      data,
      data.replace(/^language\//, "topics/").replace(/^topics\//, "language/"),
      `${data}x`,
      data.slice(0, -3),
      data.replace(/\/\d+\//, "/99/"),
    ]);
    for (const data of mutated) {
      for (const where of ["private", "group", "inline"] as const) {
        faults.push(...(await judge(`${label(data)} in ${where}`, callbackOf(data, { userId: 7002, groupId: -100_7002 }, where))));
      }
    }
    expect(faults.slice(0, 40)).toEqual([]);
  });

  it("hostile posts of the source channel: published or refused, never a failure, only article and delivery tables written", async () => {
    const channel = createHostileBot(app, { sourceChannelId: -100_555 });
    const articleTables = ["articles", "article_topics", "outlets", "citations", "entities", "entity_aliases", "entity_topics", "mentions", "stories", "story_articles", "story_key_counts", "deliveries"];
    const faults: string[] = [];
    for (const text of [...HOSTILE_TEXTS, "Title\u0000\nA body with a NUL \u0000 inside.", "Title \uD800\nA body with a lone surrogate."]) {
      const verdict = await channel.send(updateOf(text, "channel", { userId: 1, groupId: -100_555 }));
      faults.push(...faultsOf(verdict, new Set(articleTables)).map((fault) => `${label(text)} in the source channel: ${fault}`));
      if (verdict.calls.length > 0) faults.push(`${label(text)}: the bot spoke in the channel`);
    }
    expect(faults.slice(0, 40)).toEqual([]);
  });

  it("update kinds the bot does not handle and forged entities", async () => {
    const faults: string[] = [];
    for (const [index, update] of oddUpdates(STRANGER).entries()) faults.push(...(await judge(`odd update #${index}`, update)));
    expect(faults.slice(0, 40)).toEqual([]);
  });
});
