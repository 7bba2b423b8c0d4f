/**
 * The admin API under hostile requests, through the real HTTP server (mounted at /api as in
 * main.ts, listening on a port): malformed and oddly typed JSON, oversized bodies and headers,
 * missing, wrong and non-ASCII tokens, traversal and injection in ids, unknown methods. Every
 * answer has the right status and no table changes. What test/publishing/articles-api.test.ts
 * already covers on the Hono app alone (401 basics, 413 on the app, 400 problem lists) is not
 * repeated here.
 */
import { connect } from "node:net";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createArticlesApi } from "../../src/http/articles-api.js";
import { createHttpApp, startHttpServer, type HttpServer } from "../../src/http/server.js";
import { createPublishingService } from "../../src/news/publishing.js";
import { BACKENDS, createSeededApp } from "../support/database.js";
import { snapshot, type Snapshot } from "../support/hostile.js";

const TOKEN = "hostile-admin-token-0123456789";
const AUTH = { authorization: `Bearer ${TOKEN}` };
type App = Awaited<ReturnType<typeof createSeededApp>>;

/** Sends `head` (request line and headers, CRLF-separated) and `body` as raw bytes; returns the status. */
function rawRequest(port: number, head: string, body: Buffer | string = ""): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let answer = "";
    socket.on("data", (chunk) => {
      answer += chunk.toString("latin1");
      const status = /^HTTP\/1\.1 (\d{3})/.exec(answer);
      if (status) {
        socket.destroy();
        resolve(Number(status[1]));
      }
    });
    socket.on("error", reject);
    socket.write(Buffer.concat([Buffer.from(`${head}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`, "utf8"), Buffer.from(body)]));
  });
}

describe.each(BACKENDS)("admin API through the HTTP server, hostile requests (%s)", (backend) => {
  let app: App;
  let server: HttpServer;
  let before: Snapshot;
  const broadcasts: number[] = [];

  beforeAll(async () => {
    app = await createSeededApp(backend);
    const log = pino({ level: "silent" });
    const publishing = createPublishingService({ news: app.news, broadcast: async (id) => (broadcasts.push(id), 0) });
    const api = createArticlesApi({ publishing, news: app.news, deliveryCounts: app.repos.articleStats.deliveryCounts, adminApiToken: TOKEN, log });
    server = await startHttpServer(createHttpApp({ ping: app.database.ping, routes: [{ path: "/api", app: api }], log }), { host: "127.0.0.1", port: 0, log });
    before = await snapshot(app.database.db);
  });
  afterAll(async () => {
    await server?.close();
    await app?.database.close();
  });

  const post = (body: string | Uint8Array, headers: Record<string, string> = AUTH) =>
    fetch(`${server.url}/api/articles`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });

  it("malformed JSON and JSON that is not an article object: 400", async () => {
    const bodies = [
      "",
      " ",
      "{",
      "{'title': 'single quotes'}",
      '{"title": "T", "body": "B",}',
      "null",
      "true",
      "123",
      '"a string"',
      "[]",
      "\uFEFF{}",
      '{"title": "T", "body": "B"} trailing',
      "[".repeat(100_000) + "]".repeat(100_000),
      '{"a":'.repeat(50_000) + "1" + "}".repeat(50_000),
    ];
    for (const body of bodies) expect((await post(body)).status, JSON.stringify(body.slice(0, 30))).toBe(400);
  });

  it("wrong types in every field: 400 naming the fields", async () => {
    const response = await post(
      JSON.stringify({ title: 123, body: ["x"], url: { href: "https://x" }, topics: "diplomacy", language: null, publishedAt: 1_700_000_000, summary: false }),
    );
    expect(response.status).toBe(400);
    const { errors } = (await response.json()) as { errors: { path: string }[] };
    expect(errors.map((e) => e.path)).toEqual(expect.arrayContaining(["title", "body", "url", "topics"]));
    for (const bad of [
      { title: "T", body: "B".repeat(10), topics: [{ slug: "diplomacy" }] },
      { title: "T\u0000", body: "Some body." },
      { title: "T", body: "Some \uD800 body." },
      { title: "T", body: "Some body.", summary: "\uDC00" },
      { title: "x".repeat(100_000), body: "Some body." },
      { title: "T", body: "Some body.", url: "javascript:alert(1)" },
      { title: "T", body: "Some body.", publishedAt: "2025-13-45T99:99:99Z" },
      { title: "T", body: "Some body.", language: "'; DROP TABLE articles; --" },
    ]) {
      expect((await post(JSON.stringify(bad))).status, JSON.stringify(bad).slice(0, 60)).toBe(400);
    }
  });

  it("__proto__ and constructor keys pollute nothing", async () => {
    const response = await post('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "title": 5}');
    expect(response.status).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("oversized bodies (declared or streamed) and headers: 413 and 431, before anything is parsed", async () => {
    const huge = JSON.stringify({ title: "Huge", body: "x".repeat(2 * 1024 * 1024) });
    // Raw sockets: the server answers 413 and closes before reading the body, which would break a
    // pooled fetch connection for the next test.
    const declared = `POST /api/articles HTTP/1.1\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(huge)}`;
    expect(await rawRequest(server.port, declared, huge)).toBe(413);
    const chunked = `POST /api/articles HTTP/1.1\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked`;
    const chunk = Buffer.from(huge);
    expect(await rawRequest(server.port, chunked, Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n0\r\n\r\n")]))).toBe(413);
    // A declared length far beyond the limit is refused without waiting for the body.
    expect(await rawRequest(server.port, `POST /api/articles HTTP/1.1\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Length: 999999999999`)).toBe(413);
    expect(await rawRequest(server.port, `GET /api/articles/1 HTTP/1.1\r\nAuthorization: Bearer ${"t".repeat(100_000)}`)).toBe(431);
  });

  it("missing, wrong, non-ASCII and look-alike tokens: 401, also for ids that would be 400 or 404", async () => {
    const variants = [
      undefined,
      "",
      "Bearer",
      "Bearer ",
      `bearer${TOKEN}`,
      `Bearer ${TOKEN.toUpperCase()}`,
      `Bearer ${TOKEN}\u200B`,
      `Bearer ${TOKEN.replace("o", "о")}`, // Cyrillic о
      "Bearer tökén😀",
      `Bearer ${TOKEN} ${TOKEN}`,
      `Token ${TOKEN}`,
    ];
    for (const value of variants) {
      for (const path of ["/api/articles/1", "/api/articles/..%2F..%2Fetc%2Fpasswd", "/api/articles/987654"]) {
        const head = `GET ${path} HTTP/1.1${value === undefined ? "" : `\r\nAuthorization: ${value}`}`;
        expect(await rawRequest(server.port, head), `${JSON.stringify(value)} ${path}`).toBe(401);
      }
      const postHead = `POST /api/articles HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 31${value === undefined ? "" : `\r\nAuthorization: ${value}`}`;
      expect(await rawRequest(server.port, postHead, '{"title": "T", "body": "Body."}'), JSON.stringify(value)).toBe(401);
    }
  });

  it("traversal, injection and odd numbers in ids: 400 (or 404 for other paths), never served", async () => {
    const badIds = [
      "..%2F..%2Fetc%2Fpasswd",
      "..%252F..%252Fetc%252Fpasswd",
      "1;drop",
      "1%3Bdrop%20table%20articles",
      "-1",
      "0",
      "1e3",
      "1.0",
      "0x10",
      "%EF%BC%91", // fullwidth digit one
      "1%00",
      "%00",
      "1%20OR%201=1",
      "99999999999999999999",
      "Infinity",
      "NaN",
      "%F0%9F%98%80",
      "%ZZ",
    ];
    for (const id of badIds) {
      expect(await rawRequest(server.port, `GET /api/articles/${id} HTTP/1.1\r\nAuthorization: Bearer ${TOKEN}`), id).toBe(400);
    }
    // Paths that leave the route: raw (not normalised by a client) dot segments and extra segments.
    for (const path of ["/api/articles/../../etc/passwd", "/api/../etc/passwd", "/api/articles/1/..%2F..", "/api/articles/1/x", "/api//articles/1", "/articles/1", "/api"]) {
      const status = await rawRequest(server.port, `GET ${path} HTTP/1.1\r\nAuthorization: Bearer ${TOKEN}`);
      expect([400, 404], `${path} answered ${status}`).toContain(status);
    }
  });

  it("other methods on the routes: 404 and nothing changes", async () => {
    for (const method of ["PUT", "PATCH", "DELETE"]) {
      const response = await fetch(`${server.url}/api/articles/1`, { method, headers: { ...AUTH, "content-type": "application/json" }, body: '{"title":"x"}' });
      expect(response.status, method).toBe(404);
      expect((await fetch(`${server.url}/api/articles`, { method, headers: AUTH })).status, method).toBe(404);
    }
  });

  it("after all of it: no table changed and nothing was broadcast", async () => {
    expect(await snapshot(app.database.db)).toEqual(before);
    expect(broadcasts).toEqual([]);
    // And the API still works for an honest request (so the checks above could have failed).
    const response = await post(JSON.stringify({ title: "Honest article", body: "An honest body for the honest request." }));
    expect(response.status).toBe(201);
    expect(await snapshot(app.database.db)).not.toEqual(before);
  });
});
