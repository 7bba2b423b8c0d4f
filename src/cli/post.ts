/**
 * `npm run post -- path/to/article.md`: publishes an article file through the running bot's HTTP
 * API (`POST /api/articles`), so cron jobs and CMS hooks can publish whichever database the bot
 * uses. Exit codes: 0 published, 1 not published (refused by the bot, or the bot is unreachable),
 * 2 usage, configuration or file error.
 */
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { ConfigError, parseConfig } from "../config.js";
import { ArticleFileError, parseArticleFile } from "./article-file.js";

export interface CliIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  /** The HTTP client (tests may pass their own). */
  fetch?: typeof fetch;
}

export const USAGE = `Usage: npm run post -- path/to/article.md

Publishes an article through the running bot's API at http://$HTTP_HOST:$HTTP_PORT/api/articles
with the token in ADMIN_API_TOKEN. The file may start with YAML front matter:

---
title: Witkoff and Dmitriev draft a peace plan
url: https://example.com/original
topics: [diplomacy, usa]
language: en
date: 2025-11-20T08:00:00Z
summary: One sentence of your own (optional).
---
The article text…

Without a title, the first line of the text is the title.
Exit codes: 0 published, 1 not published (refused or bot unreachable), 2 usage, configuration or file error.`;

/** Runs the CLI; returns the exit code. */
export async function runPostCli(argv: string[], env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.stdout(USAGE);
    return 0;
  }
  const paths = argv.filter((arg) => arg !== "--");
  if (paths.length !== 1 || paths[0]!.startsWith("-")) {
    io.stderr(paths.length === 0 ? "Which file? Give the path of the article." : `Expected one file, got: ${paths.join(" ")}`);
    io.stderr(USAGE);
    return 2;
  }

  let config;
  try {
    config = parseConfig({ ADMIN_API_TOKEN: env.ADMIN_API_TOKEN, HTTP_HOST: env.HTTP_HOST, HTTP_PORT: env.HTTP_PORT });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr(error.message);
    return 2;
  }
  if (!config.adminApiToken) {
    io.stderr("ADMIN_API_TOKEN is not set. Set it to the same value as the bot's (the bot serves the API only when it is set).");
    return 2;
  }

  const path = paths[0]!;
  let payload;
  try {
    const parsed = parseArticleFile(await readFile(path, "utf8"));
    for (const warning of parsed.warnings) io.stderr(`Warning: ${warning}`);
    payload = parsed.payload;
  } catch (error) {
    if (error instanceof ArticleFileError) io.stderr(`${path}: ${error.message}`);
    else io.stderr(`Cannot read ${path}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`);
    return 2;
  }

  const url = `http://${clientHost(config.httpHost)}:${config.httpPort}/api/articles`;
  let response: Response;
  try {
    response = await (io.fetch ?? fetch)(url, {
      method: "POST",
      headers: { authorization: `Bearer ${config.adminApiToken}`, "content-type": "application/json" },
      body: JSON.stringify(payload),
    });
  } catch (error) {
    io.stderr(`Cannot reach the bot at ${url}: ${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}. Is it running, with HTTP_HOST and HTTP_PORT as here?`);
    return 1;
  }

  const json = (await response.json().catch(() => undefined)) as { id?: number; deliveries?: number; errors?: { path: string; message: string }[] } | undefined;
  if (response.status === 201 && json?.id !== undefined) {
    io.stdout(`Published article #${json.id}: ${json.deliveries ?? 0} deliveries queued.`);
    return 0;
  }
  if (response.status === 409) {
    io.stderr(`Not published: this article is already published as #${json?.id} (same url or same text).`);
    return 1;
  }
  if (response.status === 401) {
    io.stderr("Not published: the bot refused the token (401). ADMIN_API_TOKEN must be the same as the bot's.");
    return 1;
  }
  if (response.status === 404 && !json?.errors?.some((e) => e.path)) {
    io.stderr(`Not published: ${url} does not exist (404). Is ADMIN_API_TOKEN set for the bot, so that it serves the API?`);
    return 1;
  }
  io.stderr(`Not published (${response.status}):`);
  for (const problem of json?.errors ?? [{ path: "", message: response.statusText || "no details" }]) {
    io.stderr(`  - ${problem.path ? `${problem.path}: ` : ""}${problem.message}`);
  }
  return 1;
}

/** The address to call: a server listening on every interface is reached on loopback. */
function clientHost(host: string): string {
  if (host === "0.0.0.0" || host === "") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runPostCli(process.argv.slice(2), process.env, {
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
  }).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`Fatal: ${(error as Error)?.stack ?? String(error)}\n`);
      process.exit(2);
    },
  );
}
