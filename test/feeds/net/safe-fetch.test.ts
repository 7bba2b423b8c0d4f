import { once } from "node:events";
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RefusedUrlError, type AddressPolicy, type Lookup } from "../../../src/feeds/net/address-policy.js";
import {
  createVettedLookup,
  FetchError,
  safeFetch,
  type SafeFetchOptions,
} from "../../../src/feeds/net/safe-fetch.js";

const MB = 1024 * 1024;
// Only the test server itself is reachable: other loopback addresses stay refused.
const policy: AddressPolicy = { allowPrivate: false, allowedAddresses: ["127.0.0.1"] };

/** Never asks real DNS. */
function tableLookup(table: Record<string, string[]>): Lookup {
  return async (hostname) => {
    const addresses = table[hostname];
    if (addresses === undefined) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
}

const lookup = tableLookup({ "feed.test": ["127.0.0.1"], "intranet.test": ["10.0.0.5"] });

let server: http.Server;
let base: string;
let port: number;
let connections = 0;
const seen = new Map<string, IncomingHttpHeaders>();
// Small on the wire, 20 MB once inflated.
const bomb = gzipSync(Buffer.alloc(20 * MB));

async function streamZeros(res: ServerResponse, total: number): Promise<void> {
  const chunk = Buffer.alloc(64 * 1024);
  async function* chunks() {
    for (let sent = 0; sent < total; sent += chunk.length) yield chunk;
  }
  // The client hangs up half way; that error is expected.
  await pipeline(Readable.from(chunks()), res).catch(() => {});
}

function route(req: IncomingMessage, res: ServerResponse): void {
  const path = new URL(req.url ?? "/", "http://x").pathname;
  seen.set(path, req.headers);
  const redirect = (location: string, status = 302) => res.writeHead(status, { location }).end();

  switch (path) {
    case "/ok":
      res.writeHead(200, { "content-type": "text/plain; charset=utf-8" }).end("hello");
      return;
    case "/echo":
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(req.headers));
      return;
    case "/gzip":
      res.writeHead(200, { "content-encoding": "gzip" }).end(gzipSync("gzipped feed"));
      return;
    case "/br":
      res.writeHead(200, { "content-encoding": "br" }).end(brotliCompressSync("brotli feed"));
      return;
    case "/bad-gzip":
      res.writeHead(200, { "content-encoding": "gzip" }).end("this is not gzip");
      return;
    case "/compress":
      res.writeHead(200, { "content-encoding": "compress" }).end("?");
      return;
    case "/big-length":
      res.writeHead(200, { "content-length": String(20 * MB) });
      void streamZeros(res, 20 * MB);
      return;
    case "/big-chunked":
      res.writeHead(200, { "content-type": "application/xml" });
      void streamZeros(res, 20 * MB);
      return;
    case "/bomb":
      res.writeHead(200, { "content-encoding": "gzip", "content-length": String(bomb.length) }).end(bomb);
      return;
    case "/etag":
      if (req.headers["if-none-match"] === '"v1"') res.writeHead(304, { etag: '"v1"' }).end();
      else res.writeHead(200, { etag: '"v1"' }).end("<rss/>");
      return;
    case "/busy":
      res.writeHead(429, { "retry-after": "120" }).end("slow down");
      return;
    case "/missing":
      res.writeHead(404).end("not here");
      return;
    case "/dir/redirect":
      redirect("../final?from=redirect", 301);
      return;
    case "/final":
      res.writeHead(200).end("final");
      return;
    case "/loop":
      redirect("/loop");
      return;
    case "/to-loopback2":
      redirect(`http://127.0.0.2:${port}/ok`);
      return;
    case "/to-metadata":
      redirect("http://169.254.169.254/latest/meta-data/", 307);
      return;
    case "/to-intranet":
      redirect("http://intranet.test/feed", 308);
      return;
    case "/to-file":
      redirect("file:///etc/passwd");
      return;
    case "/hang":
      return; // never answers
    case "/hang-body":
      res.writeHead(200, { "content-length": "100" }).write("partial");
      return;
    default: {
      const chain = /^\/chain\/(\d+)$/.exec(path);
      if (chain) {
        const left = Number(chain[1]);
        if (left === 0) res.writeHead(200).end("end of chain");
        else redirect(`/chain/${left - 1}`, 303);
        return;
      }
      res.writeHead(404).end();
    }
  }
}

beforeAll(async () => {
  server = http.createServer(route);
  server.on("connection", () => connections++);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function get(path: string, extra: Partial<SafeFetchOptions> = {}) {
  return safeFetch(path.startsWith("http") ? path : `${base}${path}`, {
    policy,
    lookup,
    userAgent: "newsbot-test/1.0",
    ...extra,
  });
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail("expected the fetch to fail"),
    (error: unknown) => error,
  );
}

async function fetchError(promise: Promise<unknown>, code: FetchError["code"]): Promise<FetchError> {
  const error = await failure(promise);
  expect(error).toBeInstanceOf(FetchError);
  expect((error as FetchError).code).toBe(code);
  return error as FetchError;
}

async function refused(promise: Promise<unknown>, reason: string): Promise<RefusedUrlError> {
  const error = await failure(promise);
  expect(error).toBeInstanceOf(RefusedUrlError);
  expect((error as RefusedUrlError).reason).toBe(reason);
  return error as RefusedUrlError;
}

describe("safeFetch", () => {
  it("returns a 200 body with lowercased headers", async () => {
    const result = await get("/ok");
    expect(result.status).toBe(200);
    expect(result.body.toString()).toBe("hello");
    expect(result.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(result.url).toBe(`${base}/ok`);
    expect(result.redirects).toBe(0);
  });

  it("sends the user agent, Accept-Encoding and the caller's headers", async () => {
    const result = await get("/echo", { headers: { Accept: "application/rss+xml" } });
    const headers = JSON.parse(result.body.toString()) as Record<string, string>;
    expect(headers["user-agent"]).toBe("newsbot-test/1.0");
    expect(headers["accept-encoding"]).toBe("gzip, deflate, br");
    expect(headers["accept"]).toBe("application/rss+xml");
  });

  it("connects to a name through the vetted lookup", async () => {
    const result = await get(`http://feed.test:${port}/echo`);
    expect(JSON.parse(result.body.toString())).toMatchObject({ host: `feed.test:${port}` });
  });

  it("decodes gzip and brotli bodies", async () => {
    expect((await get("/gzip")).body.toString()).toBe("gzipped feed");
    expect((await get("/br")).body.toString()).toBe("brotli feed");
  });

  it("reports a corrupt or unsupported encoding as a bad response", async () => {
    await fetchError(get("/bad-gzip"), "bad-response");
    await fetchError(get("/compress"), "bad-response");
  });

  it("refuses a declared Content-Length above maxBytes before reading", async () => {
    const error = await fetchError(get("/big-length"), "too-large");
    expect(error.message).toMatch(/larger than 5242880 bytes/);
  });

  it("stops a chunked body at maxBytes", async () => {
    await fetchError(get("/big-chunked"), "too-large");
    // The limit is the caller's to choose.
    await fetchError(get("/ok", { maxBytes: 4 }), "too-large");
    expect((await get("/ok", { maxBytes: 5 })).body.toString()).toBe("hello");
  });

  it("stops a gzip bomb at maxBytes of decompressed output", async () => {
    expect(bomb.length).toBeLessThan(100 * 1024);
    await fetchError(get("/bomb"), "too-large");
  });

  it("returns a 304 with an empty body and sends the conditional headers", async () => {
    const headers = { "If-None-Match": '"v1"', "If-Modified-Since": "Mon, 01 Jan 2024 00:00:00 GMT" };
    const result = await get("/etag", { headers });
    expect(result.status).toBe(304);
    expect(result.body.length).toBe(0);
    expect(result.headers.etag).toBe('"v1"');
    expect(seen.get("/etag")?.["if-none-match"]).toBe('"v1"');
    expect(seen.get("/etag")?.["if-modified-since"]).toBe("Mon, 01 Jan 2024 00:00:00 GMT");
  });

  it("returns error statuses instead of throwing", async () => {
    const busy = await get("/busy");
    expect(busy.status).toBe(429);
    expect(busy.headers["retry-after"]).toBe("120");
    expect((await get("/missing")).status).toBe(404);
  });

  it("follows a relative redirect and reports the final URL", async () => {
    const result = await get("/dir/redirect");
    expect(result.status).toBe(200);
    expect(result.body.toString()).toBe("final");
    expect(result.url).toBe(`${base}/final?from=redirect`);
    expect(result.redirects).toBe(1);
  });

  it("follows up to maxRedirects and no further", async () => {
    expect((await get("/chain/5")).redirects).toBe(5);
    await fetchError(get("/chain/2", { maxRedirects: 1 }), "redirects");
    const error = await fetchError(get("/loop"), "redirects");
    expect(error.message).toBe("too many redirects (5)");
  });

  it("refuses a redirect to another loopback address without connecting to it", async () => {
    const before = connections;
    const error = await refused(get("/to-loopback2"), "loopback");
    expect(error.message).toMatch(/127\.0\.0\.2/);
    // One connection: the redirect itself. A connection attempt to 127.0.0.2 would have failed
    // with a network error instead.
    expect(connections - before).toBe(1);
  });

  it("refuses redirects to the metadata service, an intranet name and file://", async () => {
    await refused(get("/to-metadata"), "metadata");
    await refused(get("/to-intranet"), "private");
    await refused(get("/to-file"), "scheme");
  });

  it("refuses a private start URL before connecting", async () => {
    const before = connections;
    await refused(get("http://127.0.0.2/"), "loopback");
    await refused(get("http://intranet.test/"), "private");
    await refused(get("http://nowhere.test/"), "unresolvable");
    expect(connections).toBe(before);
  });

  it("refuses a name whose DNS answer changes to a private address at connect time", async () => {
    const hosts: string[] = [];
    // First answer (the check) is public, the second (the connection) points at loopback.
    const rebinding: Lookup = async (hostname) => {
      hosts.push(hostname);
      return [{ address: hosts.length === 1 ? "93.184.215.14" : "127.0.0.3", family: 4 }];
    };
    const error = await refused(get(`http://rebind.test:${port}/ok`, { lookup: rebinding }), "loopback");
    expect(error.message).toMatch(/rebind\.test resolves to 127\.0\.0\.3/);
    expect(hosts).toEqual(["rebind.test", "rebind.test"]);
  });

  it("times out on a server that never answers, or stops half way", async () => {
    await fetchError(get("/hang", { timeoutMs: 200 }), "timeout");
    await fetchError(get("/hang-body", { timeoutMs: 200 }), "timeout");
  });

  it("rejects with the caller's abort reason", async () => {
    const controller = new AbortController();
    const pending = get("/hang", { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("shutting down")), 20);
    await expect(pending).rejects.toThrow("shutting down");
    await expect(get("/ok", { signal: AbortSignal.abort(new Error("early")) })).rejects.toThrow("early");
  });

  it("reports a refused connection as a network error", async () => {
    const closed = http.createServer();
    closed.listen(0, "127.0.0.1");
    await once(closed, "listening");
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await fetchError(get(`http://127.0.0.1:${closedPort}/`), "network");
  });
});

describe("createVettedLookup", () => {
  const vetted = createVettedLookup(policy, tableLookup({ "dual.test": ["127.0.0.1", "::1"], "intranet.test": ["10.0.0.5"] }));
  const allowBoth = createVettedLookup({ allowPrivate: true }, tableLookup({ "dual.test": ["127.0.0.1", "::1"] }));

  function call(fn: typeof vetted, hostname: string, options: Parameters<typeof vetted>[1]) {
    return new Promise<{ error: unknown; address: unknown; family: unknown }>((resolve) =>
      fn(hostname, options, (error, address, family) => resolve({ error, address, family })),
    );
  }

  it("answers (err, address, family) without `all`", async () => {
    const single = await call(allowBoth, "dual.test", {});
    expect(single).toEqual({ error: null, address: "127.0.0.1", family: 4 });
    const v6 = await call(allowBoth, "dual.test", { family: 6 });
    expect(v6).toEqual({ error: null, address: "::1", family: 6 });
  });

  it("answers (err, addresses[]) with `all`, as autoSelectFamily asks", async () => {
    const all = await call(allowBoth, "dual.test", { all: true });
    expect(all.error).toBeNull();
    expect(all.address).toEqual([
      { address: "127.0.0.1", family: 4 },
      { address: "::1", family: 6 },
    ]);
  });

  it("fails the lookup when any address is refused", async () => {
    expect((await call(vetted, "dual.test", { all: true })).error).toBeInstanceOf(RefusedUrlError);
    expect((await call(vetted, "intranet.test", {})).error).toBeInstanceOf(RefusedUrlError);
  });

  it.each([true, false])("works inside http.request with autoSelectFamily %s", async (autoSelectFamily) => {
    const only127 = createVettedLookup(policy, lookup);
    const asked: boolean[] = [];
    const spy: typeof only127 = (hostname, options, callback) => {
      asked.push(options.all === true);
      only127(hostname, options, callback);
    };
    // autoSelectFamily reaches net.connect through the agent; @types/node 20 omits it here.
    const options: http.RequestOptions & { autoSelectFamily: boolean } = {
      host: "feed.test",
      port,
      path: "/ok",
      agent: false,
      lookup: spy,
      autoSelectFamily,
    };
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      http.get(options, resolve).on("error", reject);
    });
    response.resume();
    expect(response.statusCode).toBe(200);
    // Node picks the callback shape by this option.
    expect(asked).toEqual([autoSelectFamily]);
  });
});
