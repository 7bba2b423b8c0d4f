/**
 * Per-user flood control, before anything else: one user sending hundreds of messages must not
 * hold the slots and the Telegram budget everyone else's replies need. Over `updates` updates in
 * `perMs`, a user's updates are dropped (they are acknowledged, not queued behind the chat's
 * earlier ones) and the user gets one polite notice, at most once a minute. Channel posts and
 * anonymous group admins (no `from`) are not limited. Counting is @grammyjs/ratelimiter's.
 */
import { limit } from "@grammyjs/ratelimiter";
import type { MiddlewareFn } from "grammy";
import type { BotContext, Translate } from "../context.js";

export interface FloodLimit {
  updates: number;
  perMs: number;
}

/** A quick human taps a menu a dozen times in ten seconds; a script sends hundreds. */
export const DEFAULT_FLOOD_LIMIT: FloodLimit = { updates: 20, perMs: 10_000 };
const NOTICE_EVERY_MS = 60_000;

export function floodControl(options: FloodLimit & { translate: (ctx: BotContext) => Translate; onDropped?: () => void }): MiddlewareFn<BotContext> {
  const noticed = new Map<string, number>();
  const limiter = limit<BotContext, never>({
    timeFrame: options.perMs,
    limit: options.updates,
    alwaysReply: true,
    keyGenerator: (ctx) => ctx.from?.id.toString(),
    onLimitExceeded: async (ctx) => {
      options.onDropped?.();
      const key = ctx.from!.id.toString();
      const now = Date.now();
      if ((noticed.get(key) ?? 0) > now - NOTICE_EVERY_MS) return;
      noticed.set(key, now);
      if (noticed.size > 10_000) noticed.clear();
      const text = options.translate(ctx)("flood-notice", { seconds: Math.ceil(options.perMs / 1000) });
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text }).catch(() => undefined);
      else if (ctx.chat) await ctx.reply(text).catch(() => undefined);
    },
  });
  return limiter as MiddlewareFn<BotContext>;
}
