/**
 * What each kind of update costs the database, with the bot wired as src/main.ts wires it (chat
 * languages, newest articles and entity cards cached): the statements are recorded at the driver, on both
 * backends. Speed itself is measured by bench/update-handling.ts; this pins the work behind it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.js";
import { createBot } from "../../src/bot/create-bot.js";
import { testDeps } from "../support/bot.js";
import { BACKENDS, createSeededApp } from "../support/database.js";
import { createRecordingApi, htmlToText, TEST_BOT_INFO, TEST_TOKEN, textUpdate } from "../support/telegram.js";

const ADMIN = 100;
const READER = 600;

/** Records every statement sent through `db`'s driver (postgres.js `unsafe`, PGlite `query`). */
function recordStatements(db: Db) {
  const statements: string[] = [];
  const client = (db as unknown as { $client: Record<string, (...args: unknown[]) => unknown> }).$client;
  const method = typeof client.unsafe === "function" ? "unsafe" : "query";
  const original = client[method]!.bind(client);
  client[method] = (text: unknown, ...rest: unknown[]) => {
    statements.push(String(text));
    return original(text, ...rest);
  };
  return { statements, restore: () => void (client[method] = original) };
}

describe.each(BACKENDS)("database work per update (%s)", (backend) => {
  let app: Awaited<ReturnType<typeof createSeededApp>>;
  let recorder: ReturnType<typeof recordStatements>;
  let bot: ReturnType<typeof createBot>;
  let api: ReturnType<typeof createRecordingApi>;

  beforeAll(async () => {
    app = await createSeededApp(backend);
    api = createRecordingApi();
    // The dependencies as the app wires them, read caches included: what a started process runs.
    const deps = testDeps(app, { adminIds: [ADMIN] });
    bot = createBot(deps, { token: TEST_TOKEN, botInfo: TEST_BOT_INFO, client: { fetch: api.fetch }, autoRetry: false });
    // A started process has read the topic catalog while loading the seeds.
    await deps.news.listTopics();
    recorder = recordStatements(app.database.db);
  });
  afterAll(async () => {
    recorder?.restore();
    await app?.database.close();
  });

  /** Sends `text` and returns the statements it caused and the reply's text. */
  async function send(text: string, userId = READER) {
    recorder.statements.length = 0;
    api.clear();
    await bot.handleUpdate(textUpdate(text, { userId }));
    return { statements: [...recorder.statements], reply: htmlToText(api.texts().at(-1) ?? "") };
  }
  const reads = (statements: string[], table: string) => statements.filter((s) => s.includes(`"${table}"`));

  it("a reader's chatter touches neither the conversation state nor the name search", async () => {
    await send("hello", READER); // the first update of a chat reads its language once
    for (const text of ["thanks!", "good morning everyone", "see you tomorrow", "/nothing"]) {
      const { statements, reply } = await send(text);
      expect(statements, text).toEqual([]);
      expect(reply, text).toMatch(/didn’t understand|don’t know the command/);
    }
  });

  it("a bare known name is still searched and answered", async () => {
    const { statements, reply } = await send("Wadephul");
    expect(reads(statements, "entity_aliases")).not.toHaveLength(0);
    expect(reply).toContain("Johann Wadephul");
  });

  it("a who-is question runs the name search each time, and reads a card once while it is fresh", async () => {
    const first = await send("who is Dmitriev?", READER + 3);
    const search = reads(first.statements, "entity_aliases");
    expect(search).toHaveLength(1);
    expect(reads(first.statements, "chats")).toHaveLength(1); // a new chat: its language, once
    expect(first.statements).toHaveLength(3); // …the name search, and the card in one statement
    expect(first.reply).toContain("Kirill Dmitriev");
    const again = await send("кто такой Дмитриев?", READER + 3);
    expect(again.statements).toEqual(search); // the search again, and no card read
    expect(again.reply).toBe(first.reply.replace("who is Dmitriev?", "кто такой Дмитриев?"));
  });

  it("/latest reads the newest stories, their first articles and their outlets in three statements, then from memory", async () => {
    const first = await send("/latest 3");
    expect(first.statements).toHaveLength(3);
    expect(first.reply).toContain("Le plan de paix américain");
    const again = await send("/latest 3", READER + 1);
    expect(reads(again.statements, "articles")).toEqual([]);
    expect(again.reply).toBe(first.reply);
  });

  it("/sources reads the newest article once and its citations once", async () => {
    const { statements, reply } = await send("/sources", READER + 2);
    expect(reads(statements, "article_topics")).toHaveLength(1);
    expect(reads(statements, "citations")).toHaveLength(1);
    expect(reply).toContain("Politico");
  });

  it("an admin's messages do read the conversation state, so /post keeps working", async () => {
    await send("hello", ADMIN);
    const { statements } = await send("hello", ADMIN);
    expect(reads(statements, "kv_store")).toHaveLength(1);
    expect((await send("/post", ADMIN)).reply).toContain("Send me the article");
    expect((await send("/cancel", ADMIN)).reply).toBe("Cancelled. Nothing was published.");
  });
});
