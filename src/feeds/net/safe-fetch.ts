/**
 * The feed fetcher's HTTP GET: vets every URL and redirect hop with the address policy, connects
 * only to the addresses it vetted, and bounds time and (decompressed) size. Built on node:http
 * rather than global fetch because fetch lets us vet neither the address it connects to nor each
 * redirect hop.
 */
import type { ClientRequest, IncomingHttpHeaders, IncomingMessage } from "node:http";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { Writable, type Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import {
  checkUrl,
  defaultLookup,
  RefusedUrlError,
  resolveAllowed,
  type AddressPolicy,
  type Lookup,
} from "./address-policy.js";

export interface SafeFetchOptions {
  policy: AddressPolicy;
  lookup?: Lookup;
  /** Extra request headers (If-None-Match, If-Modified-Since, Accept…). */
  headers?: Record<string, string>;
  userAgent: string;
  /** For the whole fetch: DNS, every redirect hop and the body (default 15 s). */
  timeoutMs?: number;
  /** Cap on the body after decompression, so a gzip bomb stops here (default 5 MiB). */
  maxBytes?: number;
  /** Default 5. */
  maxRedirects?: number;
  /** Aborting rejects with the signal's reason, as fetch does. */
  signal?: AbortSignal;
}

export interface FetchResult {
  /** Any status: 304, 404, 429 and 5xx are for the caller to interpret. */
  status: number;
  /** The final URL, after redirects. */
  url: string;
  /** Lowercased names; repeated headers joined with ", ". */
  headers: Record<string, string | undefined>;
  /** Decompressed. Empty for 204 and 304. */
  body: Buffer;
  redirects: number;
}

export type FetchErrorCode = "timeout" | "too-large" | "network" | "redirects" | "bad-response";

export class FetchError extends Error {
  override readonly name = "FetchError";

  constructor(
    readonly code: FetchErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
const DEFAULT_MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const NO_BODY_STATUSES = new Set([204, 304]);
// Stacked encodings are legal but nobody needs many; each layer multiplies a bomb's ratio.
const MAX_CONTENT_CODINGS = 2;
// Sent to the origin they were meant for only.
const ORIGIN_BOUND_HEADERS = ["authorization", "cookie"];

/**
 * A `lookup` for `http.request()` that resolves with `lookup`, refuses per `policy` and hands Node
 * only the vetted addresses, so a DNS answer that changes between the check and the connection
 * (DNS rebinding) cannot slip through.
 *
 * Node calls it in two shapes: with `all: true` (autoSelectFamily, the default since Node 20) it
 * expects `callback(err, addresses[])`, otherwise `callback(err, address, family)`.
 */
export function createVettedLookup(policy: AddressPolicy, lookup: Lookup = defaultLookup): LookupFunction {
  return (hostname, options, callback) => {
    const family = options.family === "IPv4" ? 4 : options.family === "IPv6" ? 6 : options.family;
    resolveAllowed(hostname, policy, lookup).then(
      (resolved) => {
        const usable = family === 4 || family === 6 ? resolved.filter((a) => a.family === family) : resolved;
        const first = usable[0];
        if (first === undefined) {
          const error: NodeJS.ErrnoException = new Error(`${hostname} has no IPv${family} address`);
          error.code = "ENOTFOUND";
          callback(error, "");
        } else if (options.all) {
          callback(null, usable);
        } else {
          callback(null, first.address, first.family);
        }
      },
      (error: NodeJS.ErrnoException) => callback(error, ""),
    );
  };
}

/** GETs `url`, following redirects; throws {@link RefusedUrlError} or {@link FetchError}. */
export async function safeFetch(url: string, options: SafeFetchOptions): Promise<FetchResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const external = options.signal;
  const forwardAbort = () => controller.abort(external?.reason);
  if (external?.aborted) forwardAbort();
  external?.addEventListener("abort", forwardAbort, { once: true });

  let current = url;
  try {
    return await follow(url, options, controller.signal, (hop) => (current = hop));
  } catch (error) {
    if (timedOut) throw new FetchError("timeout", `no complete response from ${current} within ${timeoutMs} ms`);
    if (external?.aborted) throw external.reason;
    if (error instanceof FetchError || error instanceof RefusedUrlError) throw error;
    throw new FetchError("network", `could not fetch ${current}: ${describe(error)}`, { cause: error });
  } finally {
    clearTimeout(timer);
    external?.removeEventListener("abort", forwardAbort);
  }
}

async function follow(
  start: string,
  options: SafeFetchOptions,
  signal: AbortSignal,
  onHop: (url: string) => void,
): Promise<FetchResult> {
  const lookup = options.lookup ?? defaultLookup;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const vettedLookup = createVettedLookup(options.policy, lookup);
  const headers = requestHeaders(options);

  // Checked before connecting: IP-literal hosts never reach the lookup, and a refusal should not
  // cost a connection.
  let url = await abortable(checkUrl(start, options.policy, lookup), signal);
  for (let redirects = 0; ; redirects++) {
    onHop(url.href);
    const response = await send(url, headers, vettedLookup, signal);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;

    if (REDIRECT_STATUSES.has(status) && location !== undefined) {
      // A redirect's body is of no use; dropping the connection beats reading an unbounded one.
      response.destroy();
      if (redirects >= maxRedirects) throw new FetchError("redirects", `too many redirects (${maxRedirects})`);
      const next = await abortable(checkUrl(resolveLocation(location, url), options.policy, lookup), signal);
      if (next.origin !== url.origin) for (const name of ORIGIN_BOUND_HEADERS) delete headers[name];
      url = next;
      continue;
    }

    let body: Buffer;
    if (NO_BODY_STATUSES.has(status)) {
      response.destroy();
      body = Buffer.alloc(0);
    } else {
      body = await readBody(response, maxBytes);
    }
    return { status, url: url.href, headers: flattenHeaders(response.headers), body, redirects };
  }
}

function requestHeaders(options: SafeFetchOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
  headers["user-agent"] = options.userAgent;
  // Ours rather than the caller's: readBody must know how to undo whatever the server picks.
  headers["accept-encoding"] = "gzip, deflate, br";
  return headers;
}

function send(
  url: URL,
  headers: Record<string, string>,
  lookup: LookupFunction,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const transport = url.protocol === "https:" ? https : http;
    // agent: false, so no pooled socket (vetted under another policy) is ever reused.
    const request: ClientRequest = transport.request(url, { method: "GET", headers, agent: false, lookup, signal });
    // Stays attached after the response: later socket errors must not become uncaught.
    request.on("error", reject);
    request.once("response", resolve);
    request.end();
  });
}

function resolveLocation(location: string, base: URL): URL {
  try {
    return new URL(location, base);
  } catch {
    throw new FetchError("bad-response", `invalid redirect location from ${base.href}: ${location}`);
  }
}

async function readBody(response: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(response.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    throw tooLarge(maxBytes);
  }
  let decoders: Transform[];
  try {
    decoders = decodersFor(response.headers["content-encoding"]);
  } catch (error) {
    response.destroy();
    throw error;
  }

  const chunks: Buffer[] = [];
  let size = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > maxBytes) return done(tooLarge(maxBytes));
      chunks.push(chunk);
      done();
    },
  });
  try {
    // On any failure pipeline destroys every stream, the response and so the socket included.
    await pipeline([response, ...decoders, sink]);
  } catch (error) {
    if (isZlibError(error)) {
      throw new FetchError("bad-response", `could not decompress the body: ${describe(error)}`, { cause: error });
    }
    throw error;
  }
  return Buffer.concat(chunks, size);
}

function decodersFor(contentEncoding: string | undefined): Transform[] {
  const codings = (contentEncoding ?? "")
    .split(",")
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== "" && coding !== "identity");
  if (codings.length > MAX_CONTENT_CODINGS) {
    throw new FetchError("bad-response", `too many content encodings: ${contentEncoding}`);
  }
  // Listed in the order they were applied, so undone last to first.
  return codings.reverse().map((coding) => {
    switch (coding) {
      case "gzip":
      case "x-gzip":
        return createGunzip();
      case "deflate":
        return createInflate();
      case "br":
        return createBrotliDecompress();
      default:
        throw new FetchError("bad-response", `unsupported content encoding: ${coding}`);
    }
  });
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string | undefined> {
  const flat: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) flat[name] = Array.isArray(value) ? value.join(", ") : value;
  return flat;
}

function tooLarge(maxBytes: number): FetchError {
  return new FetchError("too-large", `the body is larger than ${maxBytes} bytes`);
}

function isZlibError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  // zlib says Z_DATA_ERROR, Z_BUF_ERROR…; brotli says ERR__ERROR_FORMAT_PADDING_2 and the like.
  return typeof code === "string" && (code.startsWith("Z_") || code.startsWith("ERR__"));
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Settles with `promise`, or rejects as soon as `signal` aborts (a DNS lookup cannot be cancelled). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
