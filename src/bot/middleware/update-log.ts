/**
 * One JSON log line per update (update id, chat id, command or update type, duration) and the same
 * facts to an observer (metrics). Message text is never logged: it belongs to the user.
 */
import type { Context, MiddlewareFn } from "grammy";
import type { Logger } from "pino";
import { ADMIN_COMMANDS, PUBLIC_COMMANDS } from "../format/views.js";

/** What one handled update reports; `kind` has a bounded set of values (safe as a metric label). */
export interface UpdateObservation {
  kind: string;
  ok: boolean;
  durationMs: number;
}

export interface UpdateLogOptions {
  log: Logger;
  observe?: (observation: UpdateObservation) => void;
}

const KNOWN_COMMANDS = new Set<string>([...PUBLIC_COMMANDS, ...ADMIN_COMMANDS]);

// Updates whose handler failed but whose error was caught by the error boundary (so `next()` resolved).
const failedUpdates = new WeakSet<object>();

/** Marks the update of `ctx` as failed, for its log line and metrics (called by the error boundary). */
export function markUpdateFailed(ctx: Context): void {
  failedUpdates.add(ctx.update);
}

/** The command of a message (`/latest@bot 3` → "latest"), if it starts with one. */
export function commandOf(ctx: Context): string | undefined {
  const message = ctx.message ?? ctx.channelPost;
  const entity = message?.entities?.[0];
  if (!message?.text || entity?.type !== "bot_command" || entity.offset !== 0) return undefined;
  return message.text.slice(1, entity.length).split("@")[0]!.toLowerCase().slice(0, 32);
}

/** The update's type: "message", "callback_query", … */
export function updateTypeOf(ctx: Context): string {
  return Object.keys(ctx.update).find((key) => key !== "update_id") ?? "unknown";
}

/** Middleware that times the rest of the chain and logs one line when it settles. */
export function updateLog(options: UpdateLogOptions): MiddlewareFn<Context> {
  return async (ctx, next) => {
    const started = performance.now();
    let ok = false;
    try {
      await next();
      ok = !failedUpdates.has(ctx.update);
    } finally {
      const durationMs = Math.round((performance.now() - started) * 10) / 10;
      const command = commandOf(ctx);
      const type = updateTypeOf(ctx);
      const known = command !== undefined && KNOWN_COMMANDS.has(command);
      const kind = command === undefined ? type : known ? `/${command}` : "command";
      // An unknown command's name is whatever the user typed: logged as "unknown", never as text.
      const logged = command === undefined ? undefined : known ? command : "unknown";
      options.log.info({ updateId: ctx.update.update_id, chatId: ctx.chat?.id, type, command: logged, durationMs, ok }, "update");
      options.observe?.({ kind, ok, durationMs });
    }
  };
}
