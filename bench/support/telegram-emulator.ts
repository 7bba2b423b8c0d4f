/**
 * A Bot API emulator for end-to-end benchmarks: real bot processes talk to it over HTTP as they
 * would to Telegram, and it plays the users. One HTTP server serves any number of bots, each with
 * its own state keyed by token:
 *
 * - getMe, deleteWebhook/setWebhook/getWebhookInfo, getUpdates with long polling that confirms
 *   by offset (updates below the offset are dropped, like Telegram; 409 while a webhook is set),
 *   sendMessage and the other send* methods, editMessageText, answerCallbackQuery and the rest
 *   answered ok after `latencyMs`.
 * - Telegram's limits: at most `globalCap` messages per bot in any 1 s window (sliding) and one
 *   message per chat per second; over either, 429 with `parameters.retry_after`. Only sends
 *   (send* but sendChatAction, copyMessage, forwardMessage) count and are limited.
 * - Webhook mode: once a bot called setWebhook, its updates are POSTed to that URL with the
 *   `X-Telegram-Bot-Api-Secret-Token` header, at most `max_connections` at once; a non-200 answer
 *   or a network error puts the update back, retried after `webhookRetryMs`.
 * - Scripted users ({@link ScriptedUser}): each sends its texts at its own pace, open loop (fixed
 *   gaps) or closed loop (the next message a gap after the reply to the previous one). For every
 *   update it records when the user sent it (injection), when it was handed to the bot (getUpdates
 *   answer or first webhook POST) and when the first reply to that chat after it was accepted:
 *   replies of a chat are matched to its unanswered updates oldest first, each reply to at most one
 *   update, so reply latency = accept time − injection time.
 *
 * Times are epoch milliseconds with sub-millisecond precision (`performance.timeOrigin + now()`),
 * comparable across processes. `spawnTelegramEmulator` runs it in a child process so that its CPU
 * is not charged to the bots being measured.
 */
import { fork } from "node:child_process";
import { Agent, request, type IncomingMessage, type ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { serveOnLoopback } from "./loopback-server.js";
import type { Update } from "grammy/types";

export interface EmulatorOptions {
  /** Delay before a send (and the other answered calls but getUpdates) is answered, ms. */
  latencyMs: number;
  /** Messages per bot in any 1 s window; null for no global cap. */
  globalCap: number | null;
  /** Messages per chat in any 1 s window (Telegram: 1); null for no per-chat limit. */
  perChatCap: number | null;
  /** Wait before a failed webhook POST is tried again, ms. */
  webhookRetryMs: number;
}

export const DEFAULT_EMULATOR_OPTIONS: EmulatorOptions = { latencyMs: 20, globalCap: 30, perChatCap: 1, webhookRetryMs: 1000 };

export interface ScriptedUser {
  chatId: number;
  languageCode?: string;
  texts: string[];
  /** When the first text is sent, ms after the scenario starts. */
  startMs: number;
  /** gapsMs[i] separates text i and text i + 1 (length texts.length − 1). */
  gapsMs: number[];
  /** Closed loop: text i + 1 goes gapsMs[i] after text i was answered (or `replyTimeoutMs` passed). */
  closedLoop?: boolean;
  replyTimeoutMs?: number;
  /** Counted in the latency figures (default true); a flooder is not. */
  measured?: boolean;
}

export interface ScenarioSpec {
  token: string;
  users: ScriptedUser[];
  /** After the last text is sent, wait at most this long for the replies, ms. */
  settleMs: number;
  /** Ends early once every measured update is answered and no message was accepted for this long, ms. */
  quietMs: number;
  /** Overrides the emulator's limits for this bot from now on (null: no limit). */
  globalCap?: number | null;
  perChatCap?: number | null;
}

export interface UpdateRecord {
  updateId: number;
  chatId: number;
  text: string;
  measured: boolean;
  injectedAt: number;
  handedOutAt: number | null;
  replyAt: number | null;
}

export interface BotStats {
  /** Sends accepted (answered ok). */
  accepted: number;
  tooManyGlobal: number;
  tooManyPerChat: number;
  /** Every 429: [chat_id, time, whether the global cap (not the chat's) refused it]. */
  rejects: [number, number, boolean][];
  /** Every accepted send: [chat_id, accept time, the text's first 40 characters]. */
  accepts: [number, number, string][];
  webhookPosts: number;
  webhookFailures: number;
  calls: Record<string, number>;
}

export interface ScenarioResult {
  startedAt: number;
  lastInjectedAt: number;
  endedAt: number;
  records: UpdateRecord[];
  stats: BotStats;
}

const clock = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));
const SENDS = /^(send(?!ChatAction)\w+|copyMessages?|forwardMessages?)$/;

interface Waiter {
  wake(): void;
}

interface BotState {
  token: string;
  nextUpdateId: number;
  nextMessageId: number;
  queue: Update[];
  pollers: Set<Waiter>;
  webhook?: { url: string; secret?: string; maxConnections: number };
  webhookQueue: Update[];
  webhookInFlight: number;
  globalWindow: number[];
  chatWindows: Map<number, number[]>;
  stats: BotStats;
  records: Map<number, UpdateRecord>;
  /** Per chat, its updates not answered yet, oldest first. */
  unanswered: Map<number, UpdateRecord[]>;
  /** Resolvers waiting for the reply to an update (closed-loop users). */
  replyWaiters: Map<number, () => void>;
  lastAcceptAt: number;
  limits: { globalCap: number | null; perChatCap: number | null };
}

function emptyStats(): BotStats {
  return { accepted: 0, tooManyGlobal: 0, tooManyPerChat: 0, rejects: [], accepts: [], webhookPosts: 0, webhookFailures: 0, calls: {} };
}

function botInfo(token: string) {
  const id = Number(token.split(":")[0]) || 1;
  return {
    id,
    is_bot: true,
    first_name: "Bench bot",
    username: `bench${id}_bot`,
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
  };
}

/** The emulator core: an HTTP handler and the scenario driver. */
export function createEmulatorCore(options: EmulatorOptions) {
  const bots = new Map<string, BotState>();
  const agent = new Agent({ keepAlive: true, maxSockets: 100 });
  // Update ids only grow, as Telegram's do, also across `forget`: a bot restarted on its old store
  // asks for updates after the last id it saw.
  const nextUpdateIds = new Map<string, number>();

  function state(token: string): BotState {
    let s = bots.get(token);
    if (!s) {
      s = {
        token,
        nextUpdateId: nextUpdateIds.get(token) ?? 1,
        nextMessageId: 1,
        queue: [],
        pollers: new Set(),
        webhookQueue: [],
        webhookInFlight: 0,
        globalWindow: [],
        chatWindows: new Map(),
        stats: emptyStats(),
        records: new Map(),
        unanswered: new Map(),
        replyWaiters: new Map(),
        lastAcceptAt: 0,
        limits: { globalCap: options.globalCap, perChatCap: options.perChatCap },
      };
      bots.set(token, s);
    }
    return s;
  }

  /** A send to `chatId` arriving now: null when allowed (and counted), else retry_after in s. */
  function admit(s: BotState, chatId: number, at: number): { retryAfter: number; global: boolean } | null {
    const { globalCap, perChatCap } = s.limits;
    if (globalCap !== null) {
      while (s.globalWindow.length > 0 && s.globalWindow[0]! <= at - 1000) s.globalWindow.shift();
      if (s.globalWindow.length >= globalCap) {
        return { retryAfter: Math.max(1, Math.ceil((s.globalWindow[0]! + 1000 - at) / 1000)), global: true };
      }
    }
    if (perChatCap !== null) {
      const w = s.chatWindows.get(chatId) ?? [];
      while (w.length > 0 && w[0]! <= at - 1000) w.shift();
      if (w.length >= perChatCap) return { retryAfter: Math.max(1, Math.ceil((w[0]! + 1000 - at) / 1000)), global: false };
      w.push(at);
      s.chatWindows.set(chatId, w);
    }
    if (globalCap !== null) s.globalWindow.push(at);
    return null;
  }

  /** A send to `chatId` was accepted at `at`: the oldest unanswered update of that chat before it is answered. */
  function accepted(s: BotState, chatId: number, at: number, text: string) {
    s.stats.accepted++;
    s.stats.accepts.push([chatId, at, text.slice(0, 40)]);
    s.lastAcceptAt = at;
    const pending = s.unanswered.get(chatId);
    if (!pending || pending.length === 0) return;
    const first = pending[0]!;
    if (first.injectedAt >= at) return;
    pending.shift();
    first.replyAt = at;
    const wake = s.replyWaiters.get(first.updateId);
    if (wake) {
      s.replyWaiters.delete(first.updateId);
      wake();
    }
  }

  function deliverWebhook(s: BotState) {
    const hook = s.webhook;
    if (!hook) return;
    while (s.webhookInFlight < hook.maxConnections && s.webhookQueue.length > 0) {
      const update = s.webhookQueue.shift()!;
      s.webhookInFlight++;
      const record = s.records.get(update.update_id);
      if (record && record.handedOutAt === null) record.handedOutAt = clock();
      s.stats.webhookPosts++;
      const body = JSON.stringify(update);
      const url = new URL(hook.url);
      const finish = (ok: boolean) => {
        s.webhookInFlight--;
        if (!ok) {
          s.stats.webhookFailures++;
          setTimeout(() => {
            s.webhookQueue.unshift(update);
            deliverWebhook(s);
          }, options.webhookRetryMs);
        }
        deliverWebhook(s);
      };
      const req = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          method: "POST",
          headers: {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
            ...(hook.secret ? { "X-Telegram-Bot-Api-Secret-Token": hook.secret } : {}),
          },
          timeout: 60_000,
        },
        (res) => {
          res.resume();
          res.on("end", () => finish(res.statusCode === 200));
          res.on("error", () => finish(false));
        },
      );
      req.on("timeout", () => req.destroy(new Error("timeout")));
      req.on("error", () => finish(false));
      req.end(body);
    }
  }

  /** Hands `update` to the bot: the polling queue or the webhook. */
  function enqueue(s: BotState, update: Update) {
    if (s.webhook) {
      s.webhookQueue.push(update);
      deliverWebhook(s);
      return;
    }
    s.queue.push(update);
    const pollers = [...s.pollers];
    s.pollers.clear();
    for (const p of pollers) p.wake();
  }

  /** A user's text as Telegram would deliver it; recorded. */
  function inject(s: BotState, user: ScriptedUser, text: string): UpdateRecord {
    const updateId = s.nextUpdateId++;
    const command = /^\/[a-z_]+/i.exec(text);
    const update = {
      update_id: updateId,
      message: {
        message_id: updateId,
        date: Math.floor(Date.now() / 1000),
        chat: { id: user.chatId, type: "private", first_name: "Reader" },
        from: { id: user.chatId, is_bot: false, first_name: "Reader", language_code: user.languageCode ?? "en" },
        text,
        ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] } : {}),
      },
    } as Update;
    const record: UpdateRecord = { updateId, chatId: user.chatId, text, measured: user.measured !== false, injectedAt: clock(), handedOutAt: null, replyAt: null };
    s.records.set(updateId, record);
    const pending = s.unanswered.get(user.chatId) ?? [];
    pending.push(record);
    s.unanswered.set(user.chatId, pending);
    enqueue(s, update);
    return record;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const send = (status: number, body: unknown) => {
      if (res.writableEnded || res.destroyed) return;
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? "");
    if (!match) return send(404, { ok: false, error_code: 404, description: "Not Found" });
    const s = state(match[1]!);
    const method = match[2]!;
    s.stats.calls[method] = (s.stats.calls[method] ?? 0) + 1;
    let payload: Record<string, unknown> = {};
    try {
      const text = Buffer.concat(chunks).toString("utf8");
      payload = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      return send(400, { ok: false, error_code: 400, description: "Bad Request: invalid JSON" });
    }

    if (method === "getUpdates") {
      if (s.webhook) return send(409, { ok: false, error_code: 409, description: "Conflict: can't use getUpdates method while webhook is active" });
      const offset = Number(payload.offset ?? 0);
      const limit = Math.max(1, Math.min(100, Number(payload.limit ?? 100)));
      const timeout = Math.max(0, Number(payload.timeout ?? 0));
      // Confirmed updates (below the offset) are forgotten, like Telegram does.
      if (offset > 0) while (s.queue.length > 0 && s.queue[0]!.update_id < offset) s.queue.shift();
      if (s.queue.length === 0 && timeout > 0) {
        await new Promise<void>((resolve) => {
          const waiter: Waiter = {
            wake: () => {
              clearTimeout(timer);
              s.pollers.delete(waiter);
              resolve();
            },
          };
          const timer = setTimeout(waiter.wake, timeout * 1000);
          s.pollers.add(waiter);
          res.once("close", waiter.wake);
        });
      }
      const batch = s.queue.slice(0, limit);
      const at = clock();
      for (const u of batch) {
        const r = s.records.get(u.update_id);
        if (r && r.handedOutAt === null) r.handedOutAt = at;
      }
      return send(200, { ok: true, result: batch });
    }

    switch (method) {
      case "getMe":
        return send(200, { ok: true, result: botInfo(s.token) });
      case "setWebhook": {
        s.webhook = { url: String(payload.url), secret: payload.secret_token ? String(payload.secret_token) : undefined, maxConnections: Number(payload.max_connections ?? 40) || 40 };
        // Updates waiting for getUpdates go to the webhook now.
        s.webhookQueue.push(...s.queue.splice(0));
        deliverWebhook(s);
        return send(200, { ok: true, result: true, description: "Webhook was set" });
      }
      case "deleteWebhook":
        if (s.webhook) {
          s.webhook = undefined;
          if (payload.drop_pending_updates) s.webhookQueue = [];
          s.queue.push(...s.webhookQueue.splice(0));
        }
        return send(200, { ok: true, result: true });
      case "getWebhookInfo":
        return send(200, { ok: true, result: { url: s.webhook?.url ?? "", has_custom_certificate: false, pending_update_count: s.webhook ? s.webhookQueue.length : s.queue.length } });
    }

    if (SENDS.test(method)) {
      const chatId = Number(payload.chat_id);
      const arrival = clock();
      const verdict = admit(s, chatId, arrival);
      if (verdict) {
        s.stats.rejects.push([chatId, arrival, verdict.global]);
        if (verdict.global) s.stats.tooManyGlobal++;
        else s.stats.tooManyPerChat++;
        return send(429, { ok: false, error_code: 429, description: `Too Many Requests: retry after ${verdict.retryAfter}`, parameters: { retry_after: verdict.retryAfter } });
      }
      if (options.latencyMs > 0) await sleep(options.latencyMs);
      const at = clock();
      accepted(s, chatId, at, typeof payload.text === "string" ? payload.text : "");
      return send(200, {
        ok: true,
        result: {
          message_id: s.nextMessageId++,
          date: Math.floor(at / 1000),
          chat: { id: chatId, type: "private", first_name: "Reader" },
          text: typeof payload.text === "string" ? payload.text : undefined,
        },
      });
    }
    if (options.latencyMs > 0) await sleep(options.latencyMs);
    if (method === "editMessageText" || method === "editMessageReplyMarkup" || method === "editMessageCaption") {
      return send(200, {
        ok: true,
        result: { message_id: Number(payload.message_id ?? 1), date: Math.floor(Date.now() / 1000), chat: { id: Number(payload.chat_id), type: "private", first_name: "Reader" }, text: payload.text },
      });
    }
    return send(200, { ok: true, result: true });
  }

  /** Plays the users against the bot with `spec.token`; resolves once they are done and answered. */
  async function runScenario(spec: ScenarioSpec): Promise<ScenarioResult> {
    const s = state(spec.token);
    if (spec.globalCap !== undefined) s.limits.globalCap = spec.globalCap;
    if (spec.perChatCap !== undefined) s.limits.perChatCap = spec.perChatCap;
    s.stats = emptyStats();
    s.records = new Map();
    s.unanswered = new Map();
    s.globalWindow = [];
    s.chatWindows = new Map();
    const startedAt = clock();
    let lastInjectedAt = startedAt;
    const own: UpdateRecord[] = [];
    const play = async (user: ScriptedUser) => {
      await sleep(startedAt + user.startMs - clock());
      for (let i = 0; i < user.texts.length; i++) {
        const record = inject(s, user, user.texts[i]!);
        own.push(record);
        lastInjectedAt = Math.max(lastInjectedAt, record.injectedAt);
        if (i === user.texts.length - 1) break;
        if (user.closedLoop) {
          if (record.replyAt === null) {
            await new Promise<void>((resolve) => {
              const timer = setTimeout(() => {
                s.replyWaiters.delete(record.updateId);
                resolve();
              }, user.replyTimeoutMs ?? 30_000);
              s.replyWaiters.set(record.updateId, () => {
                clearTimeout(timer);
                resolve();
              });
            });
          }
          await sleep(user.gapsMs[i] ?? 0);
        } else {
          await sleep(record.injectedAt + (user.gapsMs[i] ?? 0) - clock());
        }
      }
    };
    await Promise.all(spec.users.map(play));
    const deadline = lastInjectedAt + spec.settleMs;
    for (;;) {
      const t = clock();
      if (t >= deadline) break;
      const allAnswered = own.every((r) => !r.measured || r.replyAt !== null);
      if (allAnswered && t - Math.max(s.lastAcceptAt, lastInjectedAt) >= spec.quietMs) break;
      await sleep(100);
    }
    return { startedAt, lastInjectedAt, endedAt: clock(), records: own.map((r) => ({ ...r })), stats: { ...s.stats, accepts: [...s.stats.accepts] } };
  }

  return {
    handle,
    runScenario,
    stats: (token: string): BotStats => ({ ...state(token).stats, accepts: [...state(token).stats.accepts] }),
    /** Forgets one bot (its queue, webhook, limits and counts). */
    forget(token: string) {
      const s = bots.get(token);
      if (!s) return;
      nextUpdateIds.set(token, s.nextUpdateId);
      for (const p of s.pollers) p.wake();
      s.webhook = undefined;
      s.webhookQueue = [];
      bots.delete(token);
    },
    close() {
      for (const s of bots.values()) for (const p of s.pollers) p.wake();
      agent.destroy();
    },
  };
}

export interface TelegramEmulator {
  apiRoot: string;
  run(spec: ScenarioSpec): Promise<ScenarioResult>;
  stats(token: string): Promise<BotStats>;
  forget(token: string): Promise<void>;
  close(): Promise<void>;
}

type Ask = { op: "run"; spec: ScenarioSpec } | { op: "stats" | "forget"; token: string };
type Request = Ask & { id: number };

async function listen(core: ReturnType<typeof createEmulatorCore>) {
  const server = await serveOnLoopback((req, res) => core.handle(req, res));
  return {
    apiRoot: server.apiRoot,
    close: async () => {
      core.close();
      await server.close();
    },
  };
}

/** Runs the emulator in this process (tests). */
export async function startTelegramEmulator(options: Partial<EmulatorOptions> = {}): Promise<TelegramEmulator> {
  const core = createEmulatorCore({ ...DEFAULT_EMULATOR_OPTIONS, ...options });
  const server = await listen(core);
  return {
    apiRoot: server.apiRoot,
    run: (spec) => core.runScenario(spec),
    stats: async (token) => core.stats(token),
    forget: async (token) => core.forget(token),
    close: server.close,
  };
}

/** Runs the emulator in a child process (benchmarks): its CPU is not charged to the bots. */
export async function spawnTelegramEmulator(options: Partial<EmulatorOptions> = {}): Promise<TelegramEmulator> {
  const child = fork(fileURLToPath(import.meta.url), ["--serve", JSON.stringify({ ...DEFAULT_EMULATOR_OPTIONS, ...options })], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const pending = new Map<number, (value: unknown) => void>();
  let nextId = 1;
  const apiRoot = await new Promise<string>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`Telegram emulator exited with ${code}`)));
    child.on("message", (message: { ready?: string; id?: number; result?: unknown }) => {
      if (message.ready) resolve(message.ready);
      else if (message.id !== undefined) pending.get(message.id)?.(message.result);
    });
  });
  const ask = <T>(request: Ask) =>
    new Promise<T>((resolve) => {
      const id = nextId++;
      pending.set(id, (value) => {
        pending.delete(id);
        resolve(value as T);
      });
      child.send({ ...request, id });
    });
  return {
    apiRoot,
    run: (spec) => ask<ScenarioResult>({ op: "run", spec }),
    stats: (token) => ask<BotStats>({ op: "stats", token }),
    forget: (token) => ask<void>({ op: "forget", token }),
    close: async () => {
      child.removeAllListeners("exit");
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

// Child-process entry: `node --import tsx telegram-emulator.ts --serve '{…options}'`.
if (process.argv[2] === "--serve" && process.send) {
  const options = JSON.parse(process.argv[3] ?? "{}") as EmulatorOptions;
  const core = createEmulatorCore(options);
  void listen(core).then((server) => {
    process.send!({ ready: server.apiRoot });
    process.on("message", (message: Request) => {
      const reply = (result: unknown) => process.send!({ id: message.id, result });
      if (message.op === "run") void core.runScenario(message.spec).then(reply);
      else if (message.op === "stats") reply(core.stats(message.token));
      else {
        core.forget(message.token);
        reply(null);
      }
    });
  });
  process.on("SIGTERM", () => process.exit(0));
  process.on("disconnect", () => process.exit(0));
}
