/** The article reads the bot makes on every /latest, /sources and button press: one statement each. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS, createSeededApp } from "../support/database.js";

describe.each(BACKENDS)("article reads (%s)", (backend) => {
  let app: Awaited<ReturnType<typeof createSeededApp>>;
  let id: number;
  let seedId: number;
  /** Two topics in catalogue order: one the seed article has, one it has not. */
  let topics: [string, string];

  beforeAll(async () => {
    app = await createSeededApp(backend);
    const [seed] = await app.repos.articles.latest({ limit: 1 });
    seedId = seed!.id;
    const catalogue = (await app.news.listTopics()).map((t) => t.slug);
    const shared = seed!.topics[0]!;
    const own = catalogue.find((slug) => !seed!.topics.includes(slug))!;
    topics = catalogue.indexOf(shared) < catalogue.indexOf(own) ? [shared, own] : [own, shared];
    const published = await app.news.publish({
      title: "Envoys meet in Geneva",
      body: "Diplomats from the United States and Russia met in Geneva on Monday. They discussed a ceasefire. Talks continue next week.",
      topics: [...topics].reverse(),
      publishedAt: new Date("2030-01-02T03:04:05Z"),
      origin: "api",
    });
    id = published.id;
  });
  afterAll(() => app?.database.close());

  it("latest gives each article its own topics in catalogue order, and its bullets", async () => {
    const [newest, seed] = await app.repos.articles.latest({ limit: 2 });
    expect(newest).toMatchObject({ id, title: "Envoys meet in Geneva", topics });
    expect(newest!.publishedAt).toEqual(new Date("2030-01-02T03:04:05Z"));
    // Three short sentences: the lead and at most one bullet fit a third of the text.
    expect(newest!.bullets.length).toBeLessThanOrEqual(1);
    expect(newest!.summary).toMatch(/Geneva/);
    // The seed article keeps its own topics: none leaks from one row to the other.
    expect(seed!.id).toBe(seedId);
    expect(seed!.topics.length).toBeGreaterThan(0);
    expect(seed!.topics).not.toContain(topics.find((slug) => !seed!.topics.includes(slug)));
  });

  it("latest of a topic lists only that topic's articles", async () => {
    const seedTopics = (await app.repos.articles.byId(seedId))!.topics;
    const own = topics.find((slug) => !seedTopics.includes(slug))!;
    const shared = topics.find((slug) => seedTopics.includes(slug))!;
    expect((await app.repos.articles.latest({ limit: 10, topicSlug: own })).map((a) => a.id)).toEqual([id]);
    expect((await app.repos.articles.latest({ limit: 10, topicSlug: shared })).map((a) => a.id)).toEqual([id, seedId]);
    expect(await app.repos.articles.latest({ limit: 10, topicSlug: "no-such-topic" })).toEqual([]);
  });

  it("byId gives the article with its topics, and nothing for an unknown id", async () => {
    const article = await app.repos.articles.byId(id);
    expect(article).toMatchObject({ id, origin: "api", tags: [], comment: null, topics });
    expect(await app.repos.articles.byId(999_999)).toBeUndefined();
  });
});
