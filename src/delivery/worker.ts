/**
 * The delivery worker: claims due rows from the queue, sends each article with the Bot API within
 * Telegram's limits, and records the outcome. It runs inside the bot process and may run in several
 * processes against one PostgreSQL database (the queue's leases keep them apart).
 *
 * Limits:
 * - global: at most `rate` messages/s from this worker (a paced queue, aimed 3% under `rate` so
 *   that a late timer or a slow network never puts `rate + 1` sends into one second), with at
 *   most `concurrency` sends in flight. BROADCAST_RATE applies per worker process: with several
 *   delivery processes, divide Telegram's budget between them.
 * - per chat: 1 message/s, and 3.1 s apart in groups (at most 20/min). These live in the queue
 *   (one leased row per chat; recording a send pushes the chat's next rows), so they hold across
 *   articles published close together and across processes.
 * - 429: the row goes back to the queue, due after `retry_after`, and is sent again within the
 *   rate (see `createDeliveryApi`). Near Telegram's global cap (the process's send meter) the
 *   429 is the bot's, and this worker starts no send until `retry_after` has passed; far below
 *   it the 429 is one chat's. 5xx, network errors and timeouts (10 s): the
 *   row goes back to the queue with a backoff, so a failing call never holds a sending slot.
 *
 * Throughput: the database round trips, not the sends, are what limit a worker, so there are few
 * of them per message. A claim takes about half a second of sends (`batchSize`, at least 50 rows)
 * in one statement, and the next claim runs while the last quarter second is still being sent. Sends that finish
 * together are recorded together, in one UPDATE (group commit). The message is rendered once per
 * (article, language) and claim, not once per chat.
 *
 * The one unavoidable window: a message Telegram accepted whose `sent` status was not yet written
 * when the process died (kill -9, power loss) is sent again once the lease expires. Telegram offers
 * no idempotency key, so this cannot be closed; it is kept to the messages in flight at the moment
 * of the crash, at most `concurrency` per worker: a send holds its slot until its `sent` status
 * is committed, so at most `concurrency` messages are ever sent and not yet recorded. A clean
 * shutdown finishes the sends in flight and releases the rest.
 */
import { setMaxListeners } from "node:events";
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type { Api } from "grammy";
import type { Logger } from "pino";
import type { ClaimedDelivery, SentDelivery } from "../db/repositories/deliveries.js";
import type { Repositories } from "../db/repositories/index.js";
import { classifySendError } from "./errors.js";
import { createGroupCommit } from "../group-commit.js";
import { quietUntil } from "./local-time.js";
import { createSendMeter, telegramMessageCap, type SendMeter } from "./send-meter.js";
import { createPacedQueue } from "./paced-queue.js";

/** The message to send for one article in one chat, ready for `sendMessage`. */
export interface OutgoingMessage {
  text: string;
  options: Omit<NonNullable<Parameters<Api["sendMessage"]>[2]>, "allow_paid_broadcast">;
}

/**
 * Renders an article in a locale, or a digest of `digestArticleIds`; undefined when the article
 * no longer exists. The message must not depend on the chat: the worker renders once per
 * (article or digest, locale) in each claim and sends that to every chat of the claim with this
 * locale (`chatId` is the first of them). Per-chat choices (silent, link previews) are applied by
 * the worker at send time.
 */
export type RenderDelivery = (
  articleId: number,
  chatId: number,
  locale: string,
  digestArticleIds?: number[] | null,
) => Promise<OutgoingMessage | undefined>;

export interface DeliveryWorkerOptions {
  repos: Pick<Repositories, "deliveries" | "subscriptions">;
  api: Api;
  render: RenderDelivery;
  log: Logger;
  /** Names this worker's leases; unique per process. */
  workerId?: string;
  /** Messages per second (BROADCAST_RATE). */
  rate?: number;
  /** Sets `allow_paid_broadcast` on every send (BROADCAST_PAID). */
  paid?: boolean;
  /** Sends in flight at once, counted until recorded; also the most messages a crash can repeat. */
  concurrency?: number;
  /** Rows claimed at once (about half a second of sends by default, at least 50); claimed again at half. */
  batchSize?: number;
  /**
   * How long a claim is held without renewal; a dead worker's rows are due again after this. The
   * worker renews its leases every `heartbeatMs`, so the lease can be short.
   */
  leaseMs?: number;
  /** How often the leases of claimed rows are renewed (default a quarter of `leaseMs`). */
  heartbeatMs?: number;
  /**
   * At start, free every lease: only for the one worker of a PGlite database (its data directory
   * is locked to one process), so that rows a killed process held are sent at once.
   */
  reclaimAll?: boolean;
  /** Longest sleep when the queue is empty (a local `wake()` cuts it short). */
  idleMs?: number;
  /** Sends tried before a row is marked failed. */
  maxAttempts?: number;
  /** Delay before the next try after `attempt` failed tries. */
  backoffMs?: (attempt: number) => number;
  /** Gap between two messages to one chat. */
  spacingMs?: { private: number; group: number };
  /** How long `stop()` waits for sends in flight before aborting them. */
  stopGraceMs?: number;
  /** Told how each attempt ended (for metrics). */
  onOutcome?: (status: "sent" | "retry" | "failed" | "cancelled") => void;
  /** The clock quiet hours are read on. */
  now?: () => Date;
  /** This process's calls to Telegram in the last second (shared with the bot's replies). */
  meter?: SendMeter;
  /** Telegram's global cap for this bot, per second (30, or 1000 with paid broadcasts). */
  telegramCap?: number;
}

export interface DeliveryWorker {
  readonly id: string;
  /** Starts the claim-and-send loop. */
  start(): void;
  /** Checks the queue now instead of after the idle sleep (new rows were enqueued). */
  wake(): void;
  /**
   * Another part of the bot got a 429 with this retry_after (for a message to `chatId`): sends
   * nothing for `ms` when the 429 is the bot's (see isBotWide), not one chat's.
   */
  pause(ms: number, chatId?: number | string): void;
  /** Stops claiming, finishes the sends in flight, releases unsent leases. */
  stop(): Promise<void>;
}

const DEFAULT_SPACING = { private: 1000, group: 3100 };

/**
 * The fewest rows a claim asks for. A claim is a transaction of four round trips; at a low rate
 * half a second of sends is a handful of rows, so claims would cost more than the sends they feed
 * (at 25/s: a claim every 7 messages). 50 rows is 2 s of sends at 25/s, claimed again at half:
 * one claim a second. Held rows are leased for minutes, so holding them 2 s changes nothing.
 */
const MIN_CLAIM = 50;

/** How long a sent message's record is retried while the database is away. */
const RECORD_PATIENCE_MS = 60_000;

/** Share of `rate` the worker aims at: room for timers that fire late, then catch up. */
const RATE_HEADROOM = 0.97;

/**
 * 2 s, 4 s, 8 s … capped at 10 minutes: a 5xx or a timeout is usually gone in a second or two,
 * and a broadcast's last chats should not wait long for it.
 */
export function defaultBackoffMs(attempt: number): number {
  return Math.min(10 * 60_000, 2000 * 2 ** Math.max(0, attempt - 1));
}

/** Creates a delivery worker; nothing runs until `start()`. */
export function createDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const { repos, api, render } = options;
  const id = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  const log = options.log.child({ worker: id });
  const rate = options.rate ?? 25;
  // A tenth of a second of sends in flight: enough to reach `rate` when a send and its record
  // take 100 ms together, and no more: every one of them is a message a crash could repeat.
  // At least 8: a hung call holds its slot until the 10 s timeout, and three slots (25/s) would
  // leave a broadcast at a third of its pace after two hangs.
  const concurrency = options.concurrency ?? Math.min(100, Math.max(8, Math.ceil(rate / 10)));
  const batchSize = options.batchSize ?? Math.min(500, Math.max(MIN_CLAIM, 2 * concurrency, Math.ceil(rate / 2)));
  // Claim again when this few are left: the claim's round trip overlaps the last sends.
  const refillAt = Math.floor(batchSize / 2);
  const leaseMs = options.leaseMs ?? 10_000;
  const heartbeatMs = options.heartbeatMs ?? Math.max(100, Math.floor(leaseMs / 4));
  // Never send on less than this much lease: another worker could hold the row after it.
  const leaseMargin = Math.min(5000, Math.floor(leaseMs / 2));
  // Start of the last lease renewal that succeeded: every row claimed before it is leased until at
  // least `renewedFrom + leaseMs` (the database computes the new end after this moment).
  let renewedFrom = 0;
  let heartbeat: NodeJS.Timeout | undefined;
  const idleMs = options.idleMs ?? 1000;
  const maxAttempts = options.maxAttempts ?? 5;
  const backoffMs = options.backoffMs ?? defaultBackoffMs;
  const spacing = options.spacingMs ?? DEFAULT_SPACING;
  const outcome = options.onOutcome ?? (() => {});
  const stopGraceMs = options.stopGraceMs ?? 8000;
  const now = options.now ?? (() => new Date());
  const meter = options.meter ?? createSendMeter();
  const telegramCap = options.telegramCap ?? telegramMessageCap(options.paid);
  /**
   * Messages a second the worker never takes the process past, replies and broadcast together:
   * the cap less a few for replies that come in between (27 of 30, 970 of 1000).
   */
  const sharedCap = telegramCap - Math.max(3, Math.ceil(0.03 * telegramCap));
  /**
   * Whether a 429 is the bot's: the process is near the cap, and the chat it concerns did not just
   * get another message (that would be Telegram's 1 message/s per chat).
   */
  const isBotWide = (chatId: number | string | undefined) => meter.perSecond() >= 0.9 * sharedCap && !meter.chatWasBusy(chatId);

  /** The rendered message's options with the chat's own choices and BROADCAST_PAID. */
  function sendOptions(message: OutgoingMessage, row: ClaimedDelivery): Parameters<Api["sendMessage"]>[2] {
    return {
      ...message.options,
      ...(row.threadId ? { message_thread_id: row.threadId } : {}),
      ...(row.silent ? { disable_notification: true } : {}),
      ...(row.linkPreviews ? {} : { link_preview_options: { is_disabled: true } }),
      ...(options.paid ? { allow_paid_broadcast: true } : {}),
    };
  }

  const sends = createPacedQueue({ rate: rate * RATE_HEADROOM, concurrency });
  const sentRecords = createGroupCommit((rows: SentDelivery[]) => repos.deliveries.markSentMany(rows));
  const abort = new AbortController();
  // Every send in flight listens to it (grammY, and auto-retry while it waits): not a leak.
  setMaxListeners(Math.max(10, 3 * concurrency), abort.signal);
  let stopping = false;
  let loop: Promise<void> | undefined;
  let wakeUp: (() => void) | undefined;
  // Claimed rows not finished yet (queued or in flight), and a waiter for "fewer".
  let outstanding = 0;
  const inFlight = new Set<number>();
  let slotFreed: (() => void) | undefined;

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });
  }

  /** `render`, once per (article, locale): used for one claim's rows. */
  function renderOnce(): RenderDelivery {
    const rendered = new Map<string, Promise<OutgoingMessage | undefined>>();
    return (articleId, chatId, locale, digest) => {
      const key = digest ? `${digest.join(",")}:${locale}` : `${articleId}:${locale}`;
      let message = rendered.get(key);
      if (!message) {
        message = render(articleId, chatId, locale, digest);
        rendered.set(key, message);
      }
      return message;
    };
  }

  async function deliver(row: ClaimedDelivery, leaseEndsAt: () => number, renderClaim: RenderDelivery): Promise<void> {
    if (stopping) return; // left leased: stop() releases it
    if (!row.chatActive) {
      await repos.deliveries.cancelPendingForChat(row.chatId, "chat inactive");
      return;
    }
    // Never send on a lease that may have expired: another worker could hold the row by now.
    if (Date.now() > leaseEndsAt() - leaseMargin) {
      await repos.deliveries.release(id, [row.id]);
      return;
    }
    // Quiet hours hold instant articles and hourly digests; a daily or weekly digest comes at the
    // time the chat chose.
    if (row.deliveryMode === "instant" || row.deliveryMode === "hourly") {
      const until = quietUntil({ start: row.quietStart, end: row.quietEnd, timeZone: row.timeZone }, now());
      if (until) {
        await repos.deliveries.postpone(row.id, until);
        return;
      }
    }
    let message: OutgoingMessage | undefined;
    try {
      message = await renderClaim(row.articleId, row.chatId, row.chatLanguage ?? "en", row.digestArticleIds);
    } catch (error) {
      await retryOrFail(row, `render: ${(error as Error).message}`);
      return;
    }
    if (!message) {
      await repos.deliveries.markFailed(row.id, "article not found");
      return;
    }

    // Replies of this process and the broadcast share Telegram's cap: the broadcast takes what
    // the replies leave (27 of 30 a second, say 17 while users chat at 10 a second).
    for (let wait = meter.msUntilBelow(sharedCap); wait > 0 && !abort.signal.aborted; wait = meter.msUntilBelow(sharedCap)) {
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    let messageId: number;
    try {
      meter.note(row.chatId);
      const sent = await api.sendMessage(
        row.chatId,
        message.text,
        sendOptions(message, row),
        // grammY types its signal with the abort-controller polyfill; Node's is the same at runtime.
        abort.signal as Parameters<Api["sendMessage"]>[3],
      );
      messageId = sent.message_id;
    } catch (error) {
      await handleFailure(row, error);
      return;
    }
    await record(row, messageId);
  }

  /**
   * Writes `sent`: until it is written, a crash would repeat this message. The database may be
   * briefly away (a PostgreSQL restart takes seconds), so keep trying for up to a minute: while it
   * is away nobody can claim the row, and once it is back the heartbeat renews the row's lease
   * (the row stays ours: this worker never claims a row it has in flight). Giving up leaves the row
   * pending, to be sent again. While stopping, only a few tries, so that shutdown stays within its
   * deadline.
   */
  async function record(row: ClaimedDelivery, messageId: number): Promise<void> {
    const gap = row.chatType === "private" ? spacing.private : spacing.group;
    const giveUpAt = Date.now() + RECORD_PATIENCE_MS;
    for (let attempt = 1; ; attempt++) {
      try {
        await sentRecords.add({ id: row.id, chatId: row.chatId, messageId, spacingMs: gap });
        outcome("sent");
        return;
      } catch (error) {
        const delay = Math.min(2000, 200 * attempt);
        if ((stopping && attempt >= 5) || Date.now() + delay > giveUpAt) {
          log.error({ err: error, delivery: row.id }, "Sent but could not record it; the message may be sent again");
          return;
        }
        if (attempt === 1) log.warn({ err: error, delivery: row.id }, "Sent but could not record it yet; retrying");
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }

  async function handleFailure(row: ClaimedDelivery, error: unknown): Promise<void> {
    const failure = classifySendError(error);
    const where = { delivery: row.id, chatId: row.chatId, articleId: row.articleId, reason: failure.reason };
    switch (failure.kind) {
      case "chat-gone": {
        const cancelled = await repos.subscriptions.deactivateChat(row.chatId, failure.reason);
        log.info({ ...where, cancelled }, "Chat blocked or removed the bot; deactivated");
        outcome("cancelled");
        return;
      }
      case "thread-gone": {
        // The forum topic was deleted: nothing more goes there.
        const removed = await repos.subscriptions.removeThread(row.chatId, row.threadId);
        await repos.deliveries.markFailed(row.id, failure.reason);
        log.info({ ...where, threadId: row.threadId, removed }, "Forum topic gone; its subscriptions removed");
        outcome("failed");
        return;
      }
      case "migrated": {
        // The row follows the chat to its new id (ON UPDATE CASCADE) and is sent again at once.
        await repos.subscriptions.migrateChat(row.chatId, failure.toChatId);
        await repos.deliveries.markRetry(row.id, failure.reason, 0, { countAttempt: false });
        await repos.deliveries.enqueueArticle(row.articleId);
        log.info({ ...where, toChatId: failure.toChatId }, "Group migrated to a supergroup");
        return;
      }
      case "rate-limited":
        // Near Telegram's global cap the "retry after" is for the whole bot: nothing is sent
        // until it has passed. Below it the 429 is that chat's, and only its row waits.
        if (isBotWide(row.chatId)) sends.pause(failure.retryAfterMs);
        log.warn(where, "Rate limited by Telegram; rescheduled");
        await repos.deliveries.markRetry(row.id, failure.reason, failure.retryAfterMs, { countAttempt: false });
        outcome("retry");
        return;
      case "retry":
        if (stopping && abort.signal.aborted) {
          await repos.deliveries.release(id, [row.id]);
          return;
        }
        await retryOrFail(row, failure.reason);
        return;
    }
  }

  async function retryOrFail(row: ClaimedDelivery, reason: string): Promise<void> {
    const attempts = row.attempts + 1;
    if (attempts >= maxAttempts) {
      await repos.deliveries.markFailed(row.id, reason);
      outcome("failed");
      log.warn({ delivery: row.id, chatId: row.chatId, attempts, reason }, "Delivery failed for good");
    } else {
      await repos.deliveries.markRetry(row.id, reason, backoffMs(attempts));
      outcome("retry");
      log.debug({ delivery: row.id, attempts, reason }, "Delivery will be retried");
    }
  }

  // Rows whose outcome could not be written (the database was unreachable) and that were not
  // sent: released as soon as the database answers again, instead of waiting for their lease
  // (minutes) to expire. Rows that were sent are never put here (see `record`).
  const unsettled = new Set<number>();

  async function releaseUnsettled(): Promise<boolean> {
    if (unsettled.size === 0) return true;
    try {
      const ids = [...unsettled];
      await repos.deliveries.release(id, ids);
      for (const rowId of ids) unsettled.delete(rowId);
      log.info({ released: ids.length }, "Released deliveries whose outcome could not be recorded");
      return true;
    } catch {
      return false;
    }
  }

  /** Renews this worker's leases while it has rows claimed, so a short lease never lapses on a live worker. */
  function beat(): void {
    heartbeat = setTimeout(async () => {
      if (stopping) return;
      if (outstanding > 0) {
        const startedAt = Date.now();
        try {
          await repos.deliveries.renewLeases(id, leaseMs);
          renewedFrom = startedAt;
        } catch (error) {
          log.warn({ err: error }, "Could not renew the delivery leases; unsent rows will be released");
        }
      }
      if (!stopping) beat();
    }, heartbeatMs);
    heartbeat.unref();
  }

  function waitForSlot(): Promise<void> {
    return new Promise((resolve) => (slotFreed = resolve));
  }

  async function run(): Promise<void> {
    if (options.reclaimAll) {
      const reclaimed = await repos.deliveries.releaseAll().catch(() => 0);
      if (reclaimed > 0) log.info({ reclaimed }, "Reclaimed the deliveries a previous process held");
    }
    while (!stopping) {
      if (outstanding > refillAt) {
        await waitForSlot();
        continue;
      }
      if (!(await releaseUnsettled())) {
        await sleep(idleMs);
        continue;
      }
      let rows: ClaimedDelivery[];
      const claimedFrom = Date.now();
      try {
        rows = await repos.deliveries.claim({ workerId: id, limit: batchSize - outstanding, leaseMs });
      } catch (error) {
        log.error({ err: error }, "Could not claim deliveries; retrying");
        await sleep(idleMs);
        continue;
      }
      if (rows.length === 0) {
        const due = await repos.deliveries.msUntilNextDue().catch(() => undefined);
        // At least 100 ms: rows can be due yet unclaimable (their chat has a row leased elsewhere).
        await sleep(Math.min(idleMs, Math.max(100, due ?? idleMs)));
        continue;
      }
      // Claimed at `claimedFrom` at the earliest; renewals that started after the claim extend it.
      const claimedAt = Date.now();
      const leaseEndsAt = () => Math.max(claimedFrom + leaseMs, renewedFrom >= claimedAt ? renewedFrom + leaseMs : 0);
      const renderClaim = renderOnce();
      // Every message of the claim is rendered before its sends start: a send's paced slot is then
      // when it reaches Telegram. Rendered inside the send, the first row of an article reached
      // Telegram late (its render reads the database) and the next one early, closer to it than
      // the rate allows. A failed render is the row's failure, met again (cached) in deliver().
      await Promise.all(rows.map((row) => renderClaim(row.articleId, row.chatId, row.chatLanguage ?? "en", row.digestArticleIds).catch(() => undefined)));
      for (const row of rows) {
        // A row of ours whose lease lapsed (a stalled heartbeat) and that we claimed again: it is
        // already being sent, and must not be sent twice.
        if (inFlight.has(row.id)) continue;
        inFlight.add(row.id);
        outstanding++;
        sends.push(async () => {
          try {
            await deliver(row, leaseEndsAt, renderClaim);
          } catch (error) {
            if (stopping) return;
            // Only database writes throw out of deliver() (send failures are classified), so the
            // message was not sent: the row can be retried as soon as its lease is released.
            unsettled.add(row.id);
            log.error({ err: error, delivery: row.id }, "Could not record a delivery's outcome; it will be released and retried");
          } finally {
            inFlight.delete(row.id);
            outstanding--;
            slotFreed?.();
          }
        });
      }
    }
  }

  return {
    id,
    start() {
      if (loop) return;
      log.info({ rate, concurrency, batchSize, leaseMs, paid: Boolean(options.paid) }, "Delivery worker started");
      loop = run().catch((error: unknown) => log.fatal({ err: error }, "Delivery worker stopped unexpectedly"));
      beat();
    },
    wake() {
      wakeUp?.();
    },
    pause(ms, chatId) {
      if (isBotWide(chatId)) sends.pause(ms);
    },
    async stop() {
      if (stopping) return;
      stopping = true;
      clearTimeout(heartbeat);
      wakeUp?.();
      slotFreed?.();
      // Sends in flight finish (or are aborted after the grace period); queued ones are dropped.
      const grace = setTimeout(() => abort.abort(), stopGraceMs);
      await sends.stop();
      await loop;
      clearTimeout(grace);
      const released = await repos.deliveries.release(id).catch(() => 0);
      log.info({ released }, "Delivery worker stopped");
    },
  };
}
