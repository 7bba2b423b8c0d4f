/**
 * Webhook mode: Telegram POSTs each update to WEBHOOK_URL; a reverse proxy forwards it to our HTTP
 * server at the same path. Requests without the right `X-Telegram-Bot-Api-Secret-Token` get 401
 * and are not processed; an `update_id` received before (Telegram retries, or another instance got
 * it) is acknowledged and skipped.
 */
import { timingSafeEqual } from "node:crypto";
import { webhookCallback, type Bot } from "grammy";
import { Hono, type Context, type Next } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Update } from "grammy/types";
import type { Logger } from "pino";
import { createInFlight } from "./in-flight.js";
import type { UpdateInbox } from "./inbox.js";
import { ALLOWED_UPDATES } from "./polling.js";

export const SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
/**
 * The largest update body accepted. Telegram's updates are a few kilobytes (a 4,096-character
 * message with its entities is under 100 KB); anything near a megabyte is not from Telegram.
 */
export const MAX_UPDATE_BYTES = 1024 * 1024;
/** How long an update id is remembered: Telegram gives up redelivering well within a day. */
export const PROCESSED_UPDATE_TTL_MS = 24 * 60 * 60 * 1000;

export interface WebhookOptions {
  /** The public URL Telegram calls; its path is where the route listens. */
  url: string;
  secretToken: string;
  /** Where updates are recorded before they are handled (see transports/inbox). */
  inbox: UpdateInbox;
  log: Logger;
  /** Counts skipped duplicates (metrics). */
  onDuplicate?: () => void;
  /** How often old update ids are purged (default hourly). */
  purgeEveryMs?: number;
}

/** The path of `url` ("/telegram/webhook"), where the route listens behind the reverse proxy. */
export function webhookPath(url: string): string {
  const path = new URL(url).pathname;
  return path === "" ? "/" : path;
}

/** Constant-time comparison, so response timing does not reveal how much of a guess was right. */
function secretMatches(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Creates the webhook route (a Hono app to mount at "/") and its lifecycle. Nothing is sent to
 * Telegram until {@link WebhookTransport.register}.
 */
export function createWebhookTransport(bot: Bot<any>, options: WebhookOptions) {
  const path = webhookPath(options.url);
  const inFlight = createInFlight();
  let accepting = true;
  let purgeTimer: NodeJS.Timeout | undefined;
  // grammY checks the secret again and answers 200 once the update is handled; its timeout answers
  // before Telegram's own (about 60 s) would make it retry.
  const handle = webhookCallback(bot, "hono", { secretToken: options.secretToken, onTimeout: "return", timeoutMilliseconds: 50_000 });

  const app = new Hono();
  const secretChecked = async (c: Context, next: Next) => {
    if (!secretMatches(c.req.header(SECRET_HEADER), options.secretToken)) {
      options.log.warn({ ip: c.req.header("x-forwarded-for") }, "Webhook request with a missing or wrong secret token refused");
      return c.body(null, 401);
    }
    await next();
  };
  // After the secret: a stranger learns nothing, not even the limit. Checked while reading, so a
  // body without (or lying about) its length is cut off too.
  const sizeChecked = bodyLimit({
    maxSize: MAX_UPDATE_BYTES,
    onError: (c) => {
      options.log.warn("Webhook request over the size limit refused");
      return c.body(null, 413);
    },
  });
  app.post(path, secretChecked, sizeChecked, async (c) => {
    // Shutting down: Telegram retries later, possibly on another instance; nothing was recorded yet.
    if (!accepting) return c.body(null, 503);
    let update: Update;
    try {
      update = (await c.req.json()) as Update;
    } catch {
      return c.body(null, 400);
    }
    const updateId = (update as { update_id?: unknown } | null)?.update_id;
    if (typeof updateId !== "number" || !Number.isSafeInteger(updateId)) return c.body(null, 400);
    // Recorded before it is handled; a database error throws here, answers 500, and Telegram
    // delivers the update again later. If this process dies while handling it, Telegram's retry
    // finds it recorded (and skips it), and the inbox's recovery handles it after its lease.
    if ((await options.inbox.accept([update])).length === 0) {
      options.log.info({ updateId }, "Duplicate update skipped");
      options.onDuplicate?.();
      return c.body(null, 200);
    }
    return inFlight.track(
      (async () => {
        try {
          return await handle(c);
        } finally {
          await options.inbox.done(updateId);
        }
      })(),
    );
  });

  return {
    path,
    app,
    get inFlight() {
      return inFlight.size;
    },

    /** Points Telegram at our URL with the secret, and starts the hourly purge of old ids. */
    async register(): Promise<void> {
      await bot.init();
      await bot.api.setWebhook(options.url, {
        secret_token: options.secretToken,
        allowed_updates: [...ALLOWED_UPDATES],
        max_connections: 40,
      });
      options.log.info({ path, username: bot.botInfo.username }, "Webhook registered");
      this.startPurging();
      options.inbox.startRecovery((update) => bot.handleUpdate(update));
    },

    /** Purges ids older than a day now and then every `purgeEveryMs`. */
    startPurging(): void {
      if (purgeTimer) return;
      const purge = () =>
        options.inbox.purgeOlderThan(PROCESSED_UPDATE_TTL_MS).then(
          (count) => count > 0 && options.log.debug({ count }, "Old update ids purged"),
          (error: unknown) => options.log.warn({ err: error }, "Could not purge old update ids"),
        );
      void purge();
      purgeTimer = setInterval(purge, options.purgeEveryMs ?? 60 * 60 * 1000);
      purgeTimer.unref();
    },

    /**
     * Refuses new updates (503, Telegram retries them later) and waits for those in flight. The
     * webhook stays registered: other instances keep serving, and a restart picks up the queue.
     */
    async stop(): Promise<void> {
      accepting = false;
      await options.inbox.stop();
      if (purgeTimer) clearInterval(purgeTimer);
      purgeTimer = undefined;
      await inFlight.idle();
    },
  };
}

export type WebhookTransport = ReturnType<typeof createWebhookTransport>;
