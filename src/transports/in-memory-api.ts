/**
 * A Bot API that lives in memory: a `fetch` for grammY's client options that answers every call
 * the way Telegram would (message ids, chat objects) and reports it. Local mode prints the calls;
 * tests record them. Passing it as `client.fetch` reaches conversations too, unlike transformers.
 */
import type { Chat, Message } from "grammy/types";

export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
}

export interface InMemoryApiOptions {
  /** Called for every API call, in order, with the result it is answered with. */
  onCall?: (call: ApiCall, result: unknown) => void;
  /** Answer a call differently (an error, a custom result); return undefined for the default. */
  respond?: (call: ApiCall) => { ok: boolean; result?: unknown; error_code?: number; description?: string; parameters?: unknown } | undefined;
}

/** Creates a `fetch` implementation that serves the Bot API from memory. */
export function createInMemoryApi(options: InMemoryApiOptions = {}): typeof fetch {
  let nextMessageId = 1;
  const fetchImpl = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const method = url.slice(url.lastIndexOf("/") + 1);
    const payload = parseBody(init?.body);
    const call = { method, payload };
    const custom = options.respond?.(call);
    const body = custom ?? { ok: true, result: defaultResult(method, payload, () => nextMessageId++) };
    options.onCall?.(call, body.result);
    return new Response(JSON.stringify(body), { status: body.ok ? 200 : (body.error_code ?? 400), headers: { "content-type": "application/json" } });
  };
  return fetchImpl as typeof fetch;
}

function parseBody(body: RequestInit["body"] | undefined): Record<string, unknown> {
  if (typeof body !== "string") return {};
  try {
    return JSON.parse(body) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function defaultResult(method: string, payload: Record<string, unknown>, nextId: () => number): unknown {
  const chatId = Number(payload.chat_id ?? 0);
  const chat = { id: chatId, type: chatId < 0 ? "supergroup" : "private", title: chatId < 0 ? "Group" : undefined, first_name: chatId < 0 ? undefined : "User" } as Chat;
  const message = (extra: Partial<Message>): Message => ({ message_id: nextId(), date: Math.floor(Date.now() / 1000), chat, ...extra }) as Message;
  switch (method) {
    case "sendMessage":
      return message({ text: String(payload.text ?? ""), reply_markup: payload.reply_markup as Message["reply_markup"] });
    case "editMessageText":
      return message({ text: String(payload.text ?? ""), message_id: Number(payload.message_id ?? 0) });
    case "sendPhoto":
    case "sendDocument":
    case "forwardMessage":
    case "copyMessage":
      return message({});
    case "getChatMember":
      return { status: "administrator", user: { id: Number(payload.user_id ?? 0), is_bot: false, first_name: "User" } };
    case "getChat":
      return chat;
    case "getUpdates":
      return [];
    case "getMyCommands":
      return [];
    default:
      return true;
  }
}
