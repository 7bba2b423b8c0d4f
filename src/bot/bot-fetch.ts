/**
 * The bot's `fetch`: every Bot API call of the bot goes through it, those made inside a `/post`
 * conversation included. API transformers do not get there: the conversations plugin builds each
 * replayed context's Api from the bot's client options, its `fetch` among them, and logs every
 * call's outcome so that a replay does not call again. Waiting here, inside the logged call, is
 * therefore done once; a transformer waiting out a 429 would wait again on every replay.
 *
 * It does two things:
 * - paces messages: the process never sends more than Telegram's cap in any second (replies and
 *   the delivery worker share one send meter), so a burst of replies waits its turn instead of
 *   racing for the cap through 429s;
 * - waits out a 429's `retry_after` and calls again (telling the process, whose delivery worker
 *   pauses when the 429 is the bot's).
 *
 * 5xx answers, network failures, timeouts and malformed answers are auto-retry's, on `bot.api`:
 * it sees grammY's parsed outcome, which a fetch does not.
 */
import { setTimeout as delay } from "node:timers/promises";
import { isMessageMethod, type SendMeter } from "../delivery/send-meter.js";

export interface BotFetchOptions {
  /** The underlying fetch (a test's fake, local mode's in-memory API); the global one by default. */
  fetch?: typeof fetch;
  /** Wait out 429s (off in tests that count calls). */
  retry?: boolean;
  /** A 429 asking to wait longer than this is returned as it is. */
  maxRetryAfterSeconds?: number;
  /** Calls in all, the first included. */
  maxAttempts?: number;
  /** The process's send meter: every message is counted in it, and paced by it when `cap` is set. */
  meter?: SendMeter;
  /** Messages a second the process never exceeds (Telegram's 30, or 1000 with paid broadcasts). */
  cap?: number;
  /** Told of every 429 (its wait and the chat it concerns). */
  onRateLimited?: (retryAfterMs: number, chatId: number | string | undefined) => void;
  /** Waits (tests pass a recording one); honours the call's abort signal. */
  sleep?: (ms: number, signal?: AbortSignal | null) => Promise<void>;
}

const DEFAULT_MAX_RETRY_AFTER_SECONDS = 60;
const DEFAULT_MAX_ATTEMPTS = 5;

export function createBotFetch(options: BotFetchOptions = {}): typeof fetch {
  const inner = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((ms: number, signal?: AbortSignal | null) => delay(ms, undefined, { signal: signal ?? undefined }));
  const maxAttempts = options.retry === false ? 1 : (options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
  const maxRetryAfterMs = (options.maxRetryAfterSeconds ?? DEFAULT_MAX_RETRY_AFTER_SECONDS) * 1000;
  const { meter, cap, onRateLimited } = options;

  /** Takes a slot of the cap, waiting for one when the last second is full. */
  async function takeMessageSlot(chatId: number | string | undefined, signal: AbortSignal | null | undefined) {
    if (!meter) return;
    if (cap !== undefined) {
      // Checking and counting happen in one synchronous step, so waiters never overfill a second.
      for (let wait = meter.msUntilBelow(cap); wait > 0; wait = meter.msUntilBelow(cap)) await sleep(wait, signal);
    }
    meter.note(chatId);
  }

  return async function botFetch(input, init) {
    const { method, chatId } = describeCall(input, init);
    // Only a JSON body can be sent again; an upload's stream is read once.
    const canRepeat = init?.body === undefined || typeof init.body === "string";
    for (let attempt = 1; ; attempt++) {
      if (isMessageMethod(method)) await takeMessageSlot(chatId, init?.signal);
      const response = await inner(input, init);
      if (response.status !== 429) return response;
      const retryAfterMs = Math.max(1, (await retryAfterSeconds(response)) ?? 1) * 1000;
      onRateLimited?.(retryAfterMs, chatId);
      if (attempt >= maxAttempts || !canRepeat || retryAfterMs > maxRetryAfterMs) return response;
      await sleep(retryAfterMs, init?.signal);
    }
  };
}

/** The Bot API method (the URL's last segment) and the chat a JSON payload names. */
function describeCall(input: Parameters<typeof fetch>[0], init: Parameters<typeof fetch>[1]) {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  const method = url.slice(url.lastIndexOf("/") + 1).split("?")[0] ?? "";
  let chatId: number | string | undefined;
  if (typeof init?.body === "string" && isMessageMethod(method)) {
    try {
      chatId = (JSON.parse(init.body) as { chat_id?: number | string }).chat_id;
    } catch {
      chatId = undefined;
    }
  }
  return { method, chatId };
}

async function retryAfterSeconds(response: Response): Promise<number | undefined> {
  try {
    const body = (await response.clone().json()) as { parameters?: { retry_after?: number } };
    return body.parameters?.retry_after;
  } catch {
    return undefined;
  }
}
