/** A publisher that dies between storing an article and queueing its deliveries loses nothing. */
import { pino } from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createEnqueueSweeper } from "../../src/delivery/enqueue-sweeper.js";
import { BroadcastError, createPublishingService } from "../../src/news/publishing.js";
import { BACKENDS, createSeededApp } from "../support/database.js";
import { deliveryService, resetDeliveryTables, subscribeChats } from "../support/fake-broadcast.js";

type App = Awaited<ReturnType<typeof createSeededApp>>;
const silent = pino({ level: "silent" });

describe.each(BACKENDS)("broadcasts left half done (%s)", (backend) => {
  let app: App;
  beforeAll(async () => {
    app = await createSeededApp(backend);
  });
  afterAll(() => app.database.close());
  beforeEach(() => resetDeliveryTables(app));

  it("the sweeper queues the deliveries of an article stored for broadcast but never enqueued, once", async () => {
    await subscribeChats(app, 6, ["economy"], 7000);
    const delivery = deliveryService(app);
    // The process "dies" right after the article's transaction: the broadcast never runs.
    const dying = createPublishingService({ news: app.news, broadcast: async () => Promise.reject(new Error("killed")), log: silent });
    const body = `Exports rose for the third month in a row, the trade ministry said on Tuesday; the economy grew. ${Date.now()}`;
    const outcome = await dying.publish({ title: "Exports rise again", body, topics: ["economy"], origin: "api" }).catch((e: unknown) => e);
    expect(outcome).toBeInstanceOf(BroadcastError);
    const articleId = (outcome as BroadcastError).articleId;
    expect(await app.repos.deliveries.countByStatus(articleId)).toMatchObject({ pending: 0 });

    let clock = new Date();
    const sweeper = createEnqueueSweeper({
      pending: (before, limit) => app.repos.articles.pendingEnqueue(before, limit),
      enqueue: (id) => delivery.enqueueArticle(id),
      log: silent,
      now: () => clock,
      graceMs: 15_000,
    });
    // Within the grace period the publisher may still be at it.
    expect(await sweeper.runOnce()).toBe(0);
    clock = new Date(Date.now() + 16_000);
    expect(await sweeper.runOnce()).toBe(1);
    expect(await app.repos.deliveries.countByStatus(articleId)).toMatchObject({ pending: 6 });
    expect(await sweeper.runOnce()).toBe(0);

    // A publish that completes leaves nothing for the sweeper; one stored quietly is never swept.
    const publishing = createPublishingService({ news: app.news, broadcast: (id) => delivery.enqueueArticle(id), log: silent });
    const done = await publishing.publish({ title: "Imports fall", body: `Imports fell in March as the economy slowed, officials said. ${Date.now()}`, topics: ["economy"], origin: "api" });
    const quiet = await publishing.publish({ title: "Archive item", body: `An older report about the economy and its budget. ${Date.now()}`, topics: ["economy"], origin: "feed" }, { broadcast: false });
    expect(done).toMatchObject({ status: "published", deliveries: 6 });
    expect(await sweeper.runOnce()).toBe(0);
    expect(quiet.status === "published" && (await app.repos.deliveries.countByStatus(quiet.id)).pending).toBe(0);
  });
});
