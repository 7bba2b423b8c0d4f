/**
 * The admin HTTP API for publishing: `POST /articles`, `GET /articles/:id`, `POST /topics`,
 * `GET /topics`, `GET /stories/:id`, `POST /stories/:id/split` and `POST /stories/:id/merge`, behind a bearer
 * token. The runtime server mounts it under `/api`, and only when ADMIN_API_TOKEN is set.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Logger } from "pino";
import type { DeliveryCounts } from "../db/repositories/article-stats.js";
import type { Problem } from "../news/article-request.js";
import { BroadcastError, type PublishingService } from "../news/publishing.js";
import type { NewsService } from "../news/service.js";
import { parseTopicRequest } from "../news/topic-request.js";
import { outletOf, storyOutlets } from "../stories/outlets.js";
import type { FeedService } from "../feeds/service.js";

/** Requests larger than this are refused with 413 before they are parsed. */
export const ARTICLES_API_BODY_LIMIT = 1024 * 1024;

export interface ArticlesApiDeps {
  publishing: Pick<PublishingService, "parseRequest" | "publish">;
  news: Pick<NewsService, "byId" | "addTopic" | "listTopics" | "story" | "storyOf" | "splitStory" | "mergeStories">;
  /** Delivery counts of one article (`repos.articleStats.deliveryCounts`). */
  deliveryCounts: (articleId: number) => Promise<DeliveryCounts>;
  /** Feeds: `POST/GET /feeds`, `DELETE /feeds/:id`, `POST /feeds/opml`, `GET /feeds.opml`. */
  feeds?: Pick<FeedService, "add" | "list" | "remove" | "importOpml" | "exportOpml">;
  /** ADMIN_API_TOKEN: the bearer token every request must carry. */
  adminApiToken: string;
  log?: Logger;
}

/** Why the articles API is off, or undefined when it can be mounted. */
export function articlesApiDisabledReason(config: { adminApiToken?: string }): string | undefined {
  return config.adminApiToken ? undefined : "ADMIN_API_TOKEN is not set: the articles API (/api/articles) is off.";
}

const errors = (...problems: Problem[]) => ({ errors: problems });
const smallBody = bodyLimit({ maxSize: 4 * 1024, onError: (c) => c.json({ errors: [{ path: "", message: "the request body is larger than 4 KB" }] }, 413) });

/** A positive id of at most nine digits, or undefined. */
function positiveId(raw: string): number | undefined {
  return /^[1-9]\d{0,8}$/.test(raw) ? Number(raw) : undefined;
}
const problem = (message: string, path = ""): Problem => ({ path, message });

/** Creates the articles API as a Hono app (routes `/articles` and `/articles/:id`). */
export function createArticlesApi(deps: ArticlesApiDeps): Hono {
  if (!deps.adminApiToken) throw new Error(articlesApiDisabledReason(deps));
  const app = new Hono();

  app.use("*", bearerAuth(deps.adminApiToken));

  app.post(
    "/articles",
    bodyLimit({
      maxSize: ARTICLES_API_BODY_LIMIT,
      onError: (c) => c.json(errors(problem(`the request body is larger than ${ARTICLES_API_BODY_LIMIT} bytes`)), 413),
    }),
    async (c) => {
      let raw: unknown;
      try {
        raw = JSON.parse(await c.req.text());
      } catch {
        return c.json(errors(problem("the request body is not valid JSON")), 400);
      }
      const parsed = await deps.publishing.parseRequest(raw);
      if (!parsed.ok) return c.json(errors(...parsed.problems), 400);
      try {
        const outcome = await deps.publishing.publish({ ...parsed.value, origin: "api" });
        if (outcome.status === "published") return c.json({ id: outcome.id, deliveries: outcome.deliveries }, 201);
        if (outcome.status === "duplicate") return c.json({ id: outcome.id, errors: [problem(`already published as article ${outcome.id} (same url or same body)`)] }, 409);
        return c.json(errors(...outcome.problems), 400);
      } catch (error) {
        if (!(error instanceof BroadcastError)) throw error;
        return c.json({ id: error.articleId, errors: [problem("the article was stored but its deliveries could not be queued")] }, 500);
      }
    },
  );

  app.get("/articles/:id", async (c) => {
    const raw = c.req.param("id");
    if (!/^[1-9]\d{0,8}$/.test(raw)) return c.json(errors(problem("the article id must be a positive whole number", "id")), 400);
    const id = Number(raw);
    const [article, story] = await Promise.all([deps.news.byId(id), deps.news.storyOf(id)]);
    if (!article) return c.json(errors(problem(`there is no article ${id}`, "id")), 404);
    const outlets = story ? storyOutlets(story.articles) : [];
    return c.json({
      ...article,
      publishedAt: article.publishedAt.toISOString(),
      deliveries: await deps.deliveryCounts(id),
      story: story ? { id: story.id, articles: story.articles.length, outlets: outlets.length, articleIds: story.articles.map((a) => a.id), outletNames: outlets } : null,
    });
  });

  // A story's articles, oldest first, each with the similarity it joined with and what matched.
  app.get("/stories/:id", async (c) => {
    const id = positiveId(c.req.param("id"));
    if (id === undefined) return c.json(errors(problem("the story id must be a positive whole number", "id")), 400);
    const story = await deps.news.story(id);
    if (!story) return c.json(errors(problem(`there is no story ${id}`, "id")), 404);
    return c.json({
      id: story.id,
      articleCount: story.articles.length,
      firstPublishedAt: story.firstPublishedAt.toISOString(),
      lastPublishedAt: story.lastPublishedAt.toISOString(),
      outlets: storyOutlets(story.articles),
      articles: story.articles.map((a) => ({
        id: a.id,
        title: a.title,
        url: a.url,
        outlet: outletOf(a),
        language: a.language,
        publishedAt: a.publishedAt.toISOString(),
        score: a.score,
        joinedBy: a.joinedBy,
        matched: a.matched,
      })),
    });
  });

  // {"articleId": M}: takes article M out of the story into a story of its own (201 with its id).
  app.post("/stories/:id/split", smallBody, async (c) => {
    const id = positiveId(c.req.param("id"));
    const body = await jsonBody(await c.req.text()).catch(() => undefined);
    const articleId = positiveId(String((body as { articleId?: unknown } | undefined)?.articleId ?? ""));
    if (id === undefined || articleId === undefined) return c.json(errors(problem('send {"articleId": <article id>} to a story id such as /stories/12/split')), 400);
    const created = await deps.news.splitStory(id, articleId);
    if (created === undefined) return c.json(errors(problem(`article ${articleId} is not in story ${id}, or it is its only article`)), 409);
    deps.log?.info({ storyId: id, articleId, newStoryId: created }, "Story split through the API");
    return c.json({ id: created, splitFrom: id, articleId }, 201);
  });

  // {"storyId": M}: moves every article of story M into this story.
  app.post("/stories/:id/merge", smallBody, async (c) => {
    const id = positiveId(c.req.param("id"));
    const body = await jsonBody(await c.req.text()).catch(() => undefined);
    const from = positiveId(String((body as { storyId?: unknown } | undefined)?.storyId ?? ""));
    if (id === undefined || from === undefined) return c.json(errors(problem('send {"storyId": <story id>} to a story id such as /stories/12/merge')), 400);
    if (!(await deps.news.mergeStories(id, from))) return c.json(errors(problem(`story ${id} or ${from} does not exist, or they are the same story`)), 409);
    deps.log?.info({ into: id, from }, "Stories merged through the API");
    return c.json({ id, mergedFrom: from }, 200);
  });

  // An admin's own topic: {"slug", "names": {"en", …}, "keywords"?: {"fr": […]}, "aliases"?, "kind"?}.
  app.post("/topics", bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.json(errors(problem("the request body is larger than 64 KB")), 413) }), async (c) => {
    let raw: unknown;
    try {
      raw = JSON.parse(await c.req.text());
    } catch {
      return c.json(errors(problem("the request body is not valid JSON")), 400);
    }
    const parsed = parseTopicRequest(raw);
    if (!parsed.ok) return c.json(errors(...parsed.problems), 400);
    const outcome = await deps.news.addTopic(parsed.value);
    if (outcome.status === "exists") return c.json({ slug: outcome.slug, errors: [problem(`a topic with this slug or name exists: ${outcome.slug}`)] }, 409);
    return c.json({ slug: parsed.value.slug }, 201);
  });

  app.get("/topics", async (c) => {
    const topics = await deps.news.listTopics();
    return c.json({ topics: topics.map(({ slug, names, aliases, keywords, kind, parent }) => ({ slug, names, aliases, keywords, kind, parent })) });
  });

  if (deps.feeds) mountFeedRoutes(app, deps.feeds);

  app.notFound((c) => c.json(errors(problem(`no route ${c.req.method} ${c.req.path}`)), 404));
  app.onError((error, c) => {
    deps.log?.error({ err: error, path: c.req.path }, "Articles API request failed");
    return c.json(errors(problem("internal error; see the bot's log")), 500);
  });
  return app;
}

/** Reads a JSON object body; undefined when it is not one. */
async function jsonBody(text: string): Promise<unknown> {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The feed routes (admins: the whole API is behind the bearer token). */
function mountFeedRoutes(app: Hono, feeds: NonNullable<ArticlesApiDeps["feeds"]>): void {
  const limit = (bytes: number) => bodyLimit({ maxSize: bytes, onError: (c) => c.json(errors(problem(`the request body is larger than ${bytes} bytes`)), 413) });

  // {"url", "topics"?, "mode"?: "publish" | "review"} → 201 {"id"}, 400 {"errors"}, 409 {"id"}.
  app.post("/feeds", limit(64 * 1024), async (c) => {
    const raw = await jsonBody(await c.req.text());
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return c.json(errors(problem("the request body must be a JSON object")), 400);
    const body = raw as Record<string, unknown>;
    const problems: Problem[] = [];
    if (typeof body.url !== "string") problems.push(problem("url is required (a string)", "url"));
    const topics = body.topics ?? [];
    if (!Array.isArray(topics) || topics.some((t) => typeof t !== "string") || topics.length > 20) problems.push(problem("topics must be a list of at most 20 topic names or slugs", "topics"));
    if (body.mode !== undefined && body.mode !== "publish" && body.mode !== "review") problems.push(problem('mode must be "publish" or "review"', "mode"));
    if (problems.length > 0) return c.json(errors(...problems), 400);
    const outcome = await feeds.add({ url: body.url as string, topics: topics as string[], mode: body.mode as "publish" | "review" | undefined });
    if (outcome.status === "exists") return c.json({ id: outcome.id, errors: [problem(`this feed is already there as ${outcome.id}`)] }, 409);
    if (outcome.status === "invalid") return c.json(errors(...outcome.errors.map((message) => problem(message, "url"))), 400);
    return c.json({ id: outcome.id, url: outcome.url, title: outcome.title }, 201);
  });

  app.get("/feeds", async (c) => {
    const all = await feeds.list();
    return c.json({
      feeds: all.map((f) => ({
        id: f.id,
        url: f.url,
        title: f.title,
        siteUrl: f.siteUrl,
        topics: f.topics,
        language: f.language,
        mode: f.mode,
        state: f.state,
        lastFetchAt: f.lastFetchAt?.toISOString() ?? null,
        lastSuccessAt: f.lastSuccessAt?.toISOString() ?? null,
        nextFetchAt: f.nextFetchAt.toISOString(),
        lastStatus: f.lastStatus,
        lastError: f.lastError,
        consecutiveFailures: f.consecutiveFailures,
        counts: { fetches: f.fetchCount, items: f.itemCount, duplicates: f.duplicateCount },
      })),
    });
  });

  app.delete("/feeds/:id", async (c) => {
    const raw = c.req.param("id");
    if (!/^[1-9]\d{0,8}$/.test(raw)) return c.json(errors(problem("the feed id must be a positive whole number", "id")), 400);
    if (!(await feeds.remove(Number(raw)))) return c.json(errors(problem(`there is no feed ${raw}`, "id")), 404);
    return c.body(null, 204);
  });

  app.post("/feeds/opml", limit(1024 * 1024), async (c) => {
    try {
      return c.json(await feeds.importOpml(await c.req.text()), 200);
    } catch (error) {
      return c.json(errors(problem(`not a valid OPML file: ${(error as Error).message}`)), 400);
    }
  });

  app.get("/feeds.opml", async (c) => {
    c.header("Content-Type", "text/x-opml; charset=utf-8");
    c.header("Content-Disposition", 'attachment; filename="feeds.opml"');
    return c.body(await feeds.exportOpml());
  });
}

/**
 * Checks `Authorization: Bearer <token>`. Both sides are hashed first so the comparison takes the
 * same time whatever the length or content of the guess.
 */
function bearerAuth(token: string): MiddlewareHandler {
  const expected = digest(token);
  return async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match || !timingSafeEqual(digest(match[1]!), expected)) {
      c.header("WWW-Authenticate", 'Bearer realm="articles"');
      return c.json(errors(problem(match ? "wrong token" : "missing Authorization: Bearer <ADMIN_API_TOKEN> header")), 401);
    }
    await next();
  };
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}
