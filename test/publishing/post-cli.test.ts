import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { serve, type ServerType } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseArticleFile } from "../../src/cli/article-file.js";
import { runPostCli } from "../../src/cli/post.js";
import { createArticlesApi } from "../../src/http/articles-api.js";
import { createPublishingService } from "../../src/news/publishing.js";
import { BACKENDS, createSeededApp } from "../support/database.js";

const TOKEN = "cli-test-token-0123456789abcdef";
type App = Awaited<ReturnType<typeof createSeededApp>>;

function recordingIo() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (line: string) => void out.push(line), stderr: (line: string) => void err.push(line) } };
}

const ARTICLE_MD = `---
title: "Witkoff and Dmitriev: a 28-point plan"
url: https://example.com/28-points
topics: [diplomacy, Russie]
language: fr
date: 2025-11-20T08:00:00Z
---
Le plan en 28 points a été rédigé à Miami.

Il prévoit un cessez-le-feu.
`;

describe.each(BACKENDS)("npm run post (%s)", (backend) => {
  let app: App;
  let server: ServerType;
  let env: Record<string, string>;
  let dir: string;
  const broadcasts: number[] = [];

  beforeAll(async () => {
    app = await createSeededApp(backend);
    const publishing = createPublishingService({ news: app.news, broadcast: async (id) => (broadcasts.push(id), 5) });
    const root = new Hono().route(
      "/api",
      createArticlesApi({ publishing, news: app.news, deliveryCounts: app.repos.articleStats.deliveryCounts, adminApiToken: TOKEN }),
    );
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: root.fetch, hostname: "127.0.0.1", port: 0 }, () => resolve(s));
    });
    env = { ADMIN_API_TOKEN: TOKEN, HTTP_HOST: "127.0.0.1", HTTP_PORT: String((server.address() as AddressInfo).port) };
    dir = await mkdtemp(join(tmpdir(), "post-cli-"));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await app.database.close();
    await rm(dir, { recursive: true, force: true });
  });

  const file = async (name: string, text: string) => {
    const path = join(dir, name);
    await writeFile(path, text);
    return path;
  };

  it("publishes a file with front matter: exit 0, id and deliveries printed", async () => {
    const { out, err, io } = recordingIo();
    const code = await runPostCli(["--", await file("a.md", ARTICLE_MD)], env, io);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(broadcasts).toHaveLength(1);
    expect(out).toEqual([`Published article #${broadcasts[0]}: 5 deliveries queued.`]);
    const stored = await app.news.byId(broadcasts[0]!);
    expect(stored).toMatchObject({ title: "Witkoff and Dmitriev: a 28-point plan", url: "https://example.com/28-points", language: "fr", origin: "api" });
    expect(stored!.topics.sort()).toEqual(["diplomacy", "russia"]);
    expect(stored!.body).toBe("Le plan en 28 points a été rédigé à Miami.\n\nIl prévoit un cessez-le-feu.");
    expect(stored!.publishedAt.toISOString()).toBe("2025-11-20T08:00:00.000Z");
  });

  it("prints the server's problems and exits 1 when the article is refused", async () => {
    const { err, io } = recordingIo();
    const path = await file("bad.md", "---\ntopics: Atlantis, diplomacy\nurl: not a url\n---\n# Title only\n");
    expect(await runPostCli([path], env, io)).toBe(1);
    expect(err[0]).toBe("Not published (400):");
    expect(err).toEqual(expect.arrayContaining(['  - topics.0: unknown topic "Atlantis"', "  - body: body must not be empty", "  - url: url must be an http(s) URL"]));
  });

  it("exits 1 for a duplicate and for a wrong token", async () => {
    const duplicate = recordingIo();
    expect(await runPostCli([await file("again.md", ARTICLE_MD)], env, duplicate.io)).toBe(1);
    expect(duplicate.err).toEqual([`Not published: this article is already published as #${broadcasts[0]} (same url or same text).`]);
    const wrong = recordingIo();
    expect(await runPostCli([await file("w.md", "T\nBody of w.")], { ...env, ADMIN_API_TOKEN: "another-token-0123456789" }, wrong.io)).toBe(1);
    expect(wrong.err[0]).toContain("refused the token (401)");
    expect(broadcasts).toHaveLength(1);
  });

  it("exits 2 for usage, configuration and file errors", async () => {
    const path = await file("ok.md", "Title\nBody.");
    const cases: [string[], Record<string, string | undefined>, string][] = [
      [[], env, "Which file?"],
      [[path, path], env, "Expected one file"],
      [[path], { ...env, ADMIN_API_TOKEN: undefined }, "ADMIN_API_TOKEN is not set"],
      [[path], { ...env, ADMIN_API_TOKEN: "short" }, "ADMIN_API_TOKEN: must be at least 16 characters"],
      [[path], { ...env, HTTP_PORT: "eighty" }, "HTTP_PORT"],
      [[join(dir, "missing.md")], env, "no such file"],
      [[await file("yaml.md", "---\ntitle: [unclosed\n---\nBody")], env, "not valid YAML"],
    ];
    for (const [argv, caseEnv, message] of cases) {
      const { err, io } = recordingIo();
      expect(await runPostCli(argv, caseEnv, io), message).toBe(2);
      expect(err.join("\n")).toContain(message);
    }
    expect(broadcasts).toHaveLength(1);
  });

  it("exits 1 when the bot is unreachable", async () => {
    const closed = serve({ fetch: () => new Response(null), hostname: "127.0.0.1", port: 0 });
    await new Promise((resolve) => closed.once("listening", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const { err, io } = recordingIo();
    expect(await runPostCli([await file("u.md", "Unreachable\nBody.")], { ...env, HTTP_PORT: String(port) }, io)).toBe(1);
    expect(err[0]).toContain(`Cannot reach the bot at http://127.0.0.1:${port}/api/articles`);
  });

  it("runs as a real process with npx tsx", async () => {
    const path = await file("real.md", "---\ntopics: [economy]\n---\nGas prices fall in Europe\nPrices fell for the third week in a row.\n");
    const { stdout } = await promisify(execFile)("npx", ["tsx", "src/cli/post.ts", path], { env: { ...process.env, ...env }, cwd: process.cwd() });
    expect(stdout.trim()).toBe(`Published article #${broadcasts.at(-1)}: 5 deliveries queued.`);
    expect(await app.news.byId(broadcasts.at(-1)!)).toMatchObject({ title: "Gas prices fall in Europe", topics: ["economy"] });
  });
});

describe("article files", () => {
  it("takes the first line as the title without front matter, and warns about unknown keys", () => {
    expect(parseArticleFile("# Headline\n\nText.").payload).toEqual({ title: "Headline", body: "Text." });
    const { payload, warnings } = parseArticleFile("---\ntitle: T\nauthor: me\ndate: 2025-11-20\n---\nText.");
    expect(payload).toEqual({ title: "T", body: "Text.", publishedAt: "2025-11-20" });
    expect(warnings).toEqual([expect.stringContaining('"author"')]);
  });
});
