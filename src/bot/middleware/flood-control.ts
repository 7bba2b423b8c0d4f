/**
 * Per-user flood control, before anything else: one user sending hundreds of messages must not
 * hold the slots and the Telegram budget everyone else's replies need. Over `updates` updates in
 * `perMs` (a window that starts at each user's first update), a user's updates are dropped (they
 * are acknowledged, not queued behind the chat's earlier ones) and the user gets one polite
 * notice, at most once a minute, in the chat's turn. Channel posts and anonymous group admins (no
 * `from`) are not limited.
 *
 * Counted here, synchronously, rather than with @grammyjs/ratelimiter: its memory store empties
 * every user's count on one shared timer (a flood crossing the tick got twice the limit through),
 * and its per-key store awaits one more step for a user's first update than for the next ones,
 * which then overtook it on the way to `sequentialize` and were answered out of order.
 */
import type { MiddlewareFn } from "grammy";
import type { BotContext, Translate } from "../context.js";

export interface FloodLimit {
  updates: number;
  perMs: number;
  /** The clock of the windows (tests). */
  now?: () => number;
}

/** A quick human taps a menu a dozen times in ten seconds; a script sends hundreds. */
export const DEFAULT_FLOOD_LIMIT: FloodLimit = { updates: 20, perMs: 10_000 };
const NOTICE_EVERY_MS = 60_000;

export interface FloodControl {
  /** Before sequentialize: drops a flooder's extra updates at once. */
  limiter: MiddlewareFn<BotContext>;
  /** After sequentialize: sends the notice in the chat's turn, after the replies already queued for it. */
  notice: MiddlewareFn<BotContext>;
}

export function floodControl(options: FloodLimit & { translate: (ctx: BotContext) => Translate; onDropped?: () => void }): FloodControl {
  const now = options.now ?? Date.now;
  const windows = new Map<number, { hits: number; until: number }>();
  const noticed = new Map<number, number>();
  // The one dropped update per minute that carries the notice, on its way to its chat's turn.
  const carriesNotice = new WeakSet<BotContext>();

  /** Counts the update in its user's window; true when it is over the limit. */
  function over(userId: number, at: number): boolean {
    const window = windows.get(userId);
    if (window && window.until > at) return ++window.hits > options.updates;
    // Windows that ended go as new ones open: the map holds about one window's users.
    if (windows.size > 50_000) for (const [id, w] of windows) if (w.until <= at) windows.delete(id);
    windows.set(userId, { hits: 1, until: at + options.perMs });
    return options.updates < 1;
  }

  const limiter: MiddlewareFn<BotContext> = (ctx, next) => {
    const userId = ctx.from?.id;
    const at = now();
    if (userId === undefined || !over(userId, at)) return next();
    options.onDropped?.();
    if ((noticed.get(userId) ?? -Infinity) > at - NOTICE_EVERY_MS) return;
    noticed.set(userId, at);
    if (noticed.size > 10_000) noticed.clear();
    carriesNotice.add(ctx);
    return next();
  };
  const notice: MiddlewareFn<BotContext> = async (ctx, next) => {
    if (!carriesNotice.has(ctx)) return next();
    const text = options.translate(ctx)("flood-notice", { seconds: Math.ceil(options.perMs / 1000) });
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text }).catch(() => undefined);
    else if (ctx.chat) await ctx.reply(text).catch(() => undefined);
  };
  return { limiter, notice };
}
