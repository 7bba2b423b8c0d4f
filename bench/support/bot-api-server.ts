/**
 * A local HTTP server that speaks enough of the Bot API for broadcasts: `sendMessage` answered after
 * a fixed latency, and a global cap enforced like Telegram's: more than `cap` accepted messages in
 * any 1 s window gets 429 `Too Many Requests: retry after N` with `parameters.retry_after`. It
 * counts accepted messages per chat, so duplicates and losses can be checked exactly.
 *
 * `spawnBotApiServer` runs it in a child process, so its CPU and memory are not charged to the
 * sender being measured; `startBotApiServer` runs it in this process (tests).
 */
import { fork } from "node:child_process";
import type { IncomingMessage, ServerResponse } from "node:http";
import { fileURLToPath } from "node:url";
import { serveOnLoopback } from "./loopback-server.js";

export interface RateLimitedServerOptions {
  /** Delay before answering sendMessage, ms. */
  latencyMs: number;
  /** Accepted sendMessage calls per 1 s sliding window; Infinity for no cap. */
  cap: number;
}

export interface ServerStats {
  accepted: number;
  tooManyRequests: number;
  /** [chat_id, accepted messages] for every chat that received at least one. */
  perChat: [number, number][];
  /** Time of the first and last accepted message (ms since epoch). */
  firstAt: number | null;
  lastAt: number | null;
}

export interface BotApiServerHandle {
  apiRoot: string;
  stats(): Promise<ServerStats>;
  /** Forgets counts and the rate window (between runs). */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** The server core, shared by both ways of running it. */
function createCore(options: RateLimitedServerOptions) {
  let window: number[] = []; // accept times within the last second, oldest first
  let perChat = new Map<number, number>();
  let accepted = 0;
  let tooMany = 0;
  let firstAt: number | null = null;
  let lastAt: number | null = null;
  let nextMessageId = 1;

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const method = /\/bot[^/]+\/(\w+)$/.exec(req.url ?? "")?.[1];
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (method !== "sendMessage") return send(200, { ok: true, result: true });
    let payload: Record<string, unknown> = {};
    try {
      payload = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
    } catch {
      return send(400, { ok: false, error_code: 400, description: "Bad Request: invalid JSON" });
    }
    const at = Date.now();
    while (window.length > 0 && window[0]! <= at - 1000) window.shift();
    if (window.length >= options.cap) {
      tooMany++;
      const retryAfter = Math.max(1, Math.ceil((window[0]! + 1000 - at) / 1000));
      return send(429, { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } });
    }
    window.push(at);
    if (options.latencyMs > 0) await new Promise((r) => setTimeout(r, options.latencyMs));
    const chatId = Number(payload.chat_id);
    perChat.set(chatId, (perChat.get(chatId) ?? 0) + 1);
    accepted++;
    firstAt ??= at;
    lastAt = Date.now();
    send(200, {
      ok: true,
      result: { message_id: nextMessageId++, date: Math.floor(at / 1000), chat: { id: chatId, type: "private", first_name: "Reader" }, text: String(payload.text ?? "") },
    });
  }

  return {
    handle,
    stats: (): ServerStats => ({ accepted, tooManyRequests: tooMany, perChat: [...perChat], firstAt, lastAt }),
    reset() {
      window = [];
      perChat = new Map();
      accepted = 0;
      tooMany = 0;
      firstAt = null;
      lastAt = null;
    },
  };
}

/** Starts the server in this process on 127.0.0.1 and a free port. */
export async function startBotApiServer(options: RateLimitedServerOptions): Promise<BotApiServerHandle> {
  const core = createCore(options);
  const server = await serveOnLoopback((req, res) => core.handle(req, res));
  return {
    apiRoot: server.apiRoot,
    stats: async () => core.stats(),
    reset: async () => core.reset(),
    close: () => server.close(),
  };
}

type Request = { id: number; op: "stats" | "reset" };

/** Starts the server in a child process (its CPU and RSS stay out of the measured process). */
export async function spawnBotApiServer(options: RateLimitedServerOptions): Promise<BotApiServerHandle> {
  const child = fork(fileURLToPath(import.meta.url), ["--serve", JSON.stringify({ ...options, cap: Number.isFinite(options.cap) ? options.cap : null })], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const pending = new Map<number, (value: unknown) => void>();
  let nextId = 1;
  const apiRoot = await new Promise<string>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`Bot API server exited with ${code}`)));
    child.on("message", (message: { ready?: string; id?: number; result?: unknown }) => {
      if (message.ready) resolve(message.ready);
      else if (message.id !== undefined) pending.get(message.id)?.(message.result);
    });
  });
  const ask = <T>(op: Request["op"]) =>
    new Promise<T>((resolve) => {
      const id = nextId++;
      pending.set(id, (value) => {
        pending.delete(id);
        resolve(value as T);
      });
      child.send({ id, op } satisfies Request);
    });
  return {
    apiRoot,
    stats: () => ask<ServerStats>("stats"),
    reset: () => ask<void>("reset"),
    close: async () => {
      child.removeAllListeners("exit");
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

// Child-process entry: `node --import tsx bot-api-server.ts --serve '{"latencyMs":20,"cap":25}'`.
if (process.argv[2] === "--serve" && process.send) {
  const parsed = JSON.parse(process.argv[3] ?? "{}") as { latencyMs: number; cap: number | null };
  const core = createCore({ latencyMs: parsed.latencyMs, cap: parsed.cap ?? Number.POSITIVE_INFINITY });
  void serveOnLoopback((req, res) => core.handle(req, res)).then((server) => process.send!({ ready: server.apiRoot }));
  process.on("message", (message: Request) => {
    if (message.op === "stats") process.send!({ id: message.id, result: core.stats() });
    else {
      core.reset();
      process.send!({ id: message.id, result: null });
    }
  });
  process.on("SIGTERM", () => process.exit(0));
  process.on("disconnect", () => process.exit(0));
}
