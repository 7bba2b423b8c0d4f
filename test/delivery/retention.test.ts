/**
 * Tables that only grow are pruned: finished deliveries past DELIVERY_RETENTION_DAYS, webhook
 * update ids past a day and conversation state untouched for 30 days, in batches; pending
 * deliveries and the bot's own settings are never touched.
 */
import { sql } from "drizzle-orm";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRetentionJob } from "../../src/delivery/retention.js";
import { BACKENDS, createSeededApp } from "../support/database.js";
import { publishArticle, subscribeChats } from "../support/fake-broadcast.js";

describe.each(BACKENDS)("retention (%s)", (backend) => {
  let app: Awaited<ReturnType<typeof createSeededApp>>;
  const rows = async <T>(query: ReturnType<typeof sql>) => {
    const result = (await app.database.db.execute(query)) as unknown;
    return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
  };

  beforeAll(async () => {
    app = await createSeededApp(backend);
  });
  afterAll(async () => {
    await app.database.close();
  });

  it("deletes only finished rows past their time, in batches", async () => {
    const chats = await subscribeChats(app, 7, ["economy"], 40_000);
    const old = await publishArticle(app, ["economy"]);
    const recent = await publishArticle(app, ["economy"]);
    await app.repos.deliveries.enqueueArticle(old);
    await app.repos.deliveries.enqueueArticle(recent);
    // The old article's rows: 5 sent, 1 failed, 1 still pending, all created 20 days ago.
    await rows(sql`update deliveries set created_at = now() - interval '20 days', status = 'sent' where article_id = ${old}`);
    await rows(sql`update deliveries set status = 'failed' where article_id = ${old} and chat_id = ${chats[0]!}`);
    await rows(sql`update deliveries set status = 'pending' where article_id = ${old} and chat_id = ${chats[1]!}`);
    await rows(sql`update deliveries set status = 'sent' where article_id = ${recent}`);
    await rows(sql`insert into processed_updates (update_id, received_at) values (1, now() - interval '2 days'), (2, now())`);
    await rows(sql`insert into kv_store (key, value, updated_at) values ('grammy:old', '{}', now() - interval '40 days'), ('grammy:new', '{}', now()), ('settings:kept', '"x"', now() - interval '400 days')`);

    const job = createRetentionJob({ repo: app.repos.retention, days: 14, log: pino({ level: "silent" }), batchSize: 2, pauseMs: 0 });
    expect(await job.runOnce()).toEqual({ deliveries: 6, processedUpdates: 1, conversations: 1 });

    const left = await rows<{ article_id: number; status: string }>(sql`select article_id, status from deliveries order by article_id`);
    expect(left.filter((r) => r.article_id === old)).toEqual([{ article_id: old, status: "pending" }]);
    expect(left.filter((r) => r.article_id === recent)).toHaveLength(7);
    expect(await rows(sql`select update_id from processed_updates`)).toEqual([{ update_id: expect.anything() }]);
    expect((await rows<{ key: string }>(sql`select key from kv_store where key in ('grammy:old', 'grammy:new', 'settings:kept') order by key`)).map((r) => r.key)).toEqual(["grammy:new", "settings:kept"]);
    // Nothing more to do.
    expect(await job.runOnce()).toEqual({ deliveries: 0, processedUpdates: 0, conversations: 0 });
  });
});
