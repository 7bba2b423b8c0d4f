/**
 * A local HTTP server that speaks the Bot API: getMe, deleteWebhook, getUpdates (long polling with
 * offsets), sendMessage and the rest, recording every call. Tests and benchmarks point a real bot
 * at it with `TELEGRAM_API_ROOT`/`apiRoot`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Update } from "grammy/types";
import { TEST_BOT_INFO } from "./telegram.js";

export interface ServerCall {
  token: string;
  method: string;
  payload: Record<string, unknown>;
  at: number;
  /** Set when the default handler answered a sendMessage with ok (not a scripted fault). */
  answered?: boolean;
}

/** A scripted answer: a JSON body, raw bytes (malformed JSON), or no answer at all ("hang"). */
export type ScriptedAnswer = { status: number; body: unknown } | { status: number; raw: string } | "hang";

export interface BotApiServerOptions {
  /** Delay before answering sendMessage (ms). */
  latencyMs?: number;
  /** Delay before answering sendMessage, per call: milliseconds, or a promise to wait for; overrides `latencyMs`. */
  latencyFor?: (call: ServerCall) => number | Promise<unknown>;
  /** Answer a call differently: a JSON body and status, raw text, "hang", or undefined for the default. */
  respond?: (call: ServerCall) => ScriptedAnswer | undefined;
}

/** Starts the server on 127.0.0.1 and a free port. */
export async function startBotApiServer(options: BotApiServerOptions = {}) {
  const calls: ServerCall[] = [];
  const queue: Update[] = [];
  let waiting: (() => void)[] = [];
  let nextMessageId = 1;
  let closed!: () => void;
  const closing = new Promise<void>((resolve) => (closed = resolve));

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? "");
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    let payload: Record<string, unknown> = {};
    try {
      payload = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      payload = {};
    }
    const send = (status: number, body: unknown) => {
      if (res.writableEnded || res.destroyed) return;
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (!match) return send(404, { ok: false, error_code: 404, description: "Not Found" });
    const call: ServerCall = { token: match[1]!, method: match[2]!, payload, at: Date.now() };
    calls.push(call);
    const custom = options.respond?.(call);
    if (custom === "hang") return closing; // never answered; the client's timeout fires
    if (custom && "raw" in custom) {
      if (res.writableEnded || res.destroyed) return;
      res.writeHead(custom.status, { "content-type": "application/json" });
      return void res.end(custom.raw);
    }
    if (custom) return send(custom.status, custom.body);

    switch (call.method) {
      case "getMe":
        return send(200, { ok: true, result: TEST_BOT_INFO });
      case "getUpdates": {
        const offset = Number(payload.offset ?? 0);
        const timeout = Math.min(Number(payload.timeout ?? 0), 2);
        const pending = () => queue.filter((u) => u.update_id >= offset);
        if (pending().length === 0 && timeout > 0) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, timeout * 1000);
            waiting.push(() => {
              clearTimeout(timer);
              resolve();
            });
          });
        }
        // Confirmed updates (below the offset) are forgotten, like Telegram does.
        queue.splice(0, queue.length, ...pending());
        return send(200, { ok: true, result: queue.slice(0, Number(payload.limit ?? 100)) });
      }
      case "sendMessage": {
        const latency = options.latencyFor?.(call) ?? options.latencyMs;
        if (typeof latency === "number" && latency > 0) await new Promise((r) => setTimeout(r, latency));
        else if (typeof latency === "object") await latency;
        const chatId = Number(payload.chat_id);
        call.answered = !(res.writableEnded || res.destroyed);
        return send(200, {
          ok: true,
          result: { message_id: nextMessageId++, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: "private" }, text: payload.text },
        });
      }
      default:
        return send(200, { ok: true, result: true });
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.writableEnded) {
        res.writeHead(500);
        res.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    calls,
    /** Queues updates for getUpdates and wakes a waiting long poll. */
    push(...updates: Update[]) {
      queue.push(...updates);
      const wake = waiting;
      waiting = [];
      for (const fn of wake) fn();
    },
    sent: () => calls.filter((c) => c.method === "sendMessage"),
    /** sendMessage calls answered with ok (scripted faults and calls whose client left excluded). */
    delivered: () => calls.filter((c) => c.method === "sendMessage" && c.answered),
    close: () =>
      new Promise<void>((resolve) => {
        for (const fn of waiting) fn();
        closed();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
