/**
 * What a failed send means for the queue. Telegram's answers are sorted into: the chat is gone
 * (stop sending there), the group moved to a new id, slow down, or try again later.
 */
import { GrammyError, HttpError } from "grammy";

export type SendFailure =
  | { kind: "chat-gone"; reason: string }
  | { kind: "migrated"; toChatId: number; reason: string }
  | { kind: "thread-gone"; reason: string }
  | { kind: "rate-limited"; retryAfterMs: number; reason: string }
  | { kind: "retry"; reason: string };

/** 400 answers that mean the bot can never write to this chat again (until it is re-added). */
const CHAT_GONE_400 =
  /chat not found|group chat was deactivated|user is deactivated|bot was kicked|chat_write_forbidden|have no rights to send|not enough rights to send|peer_id_invalid/i;

/** 400 answers that mean the forum topic a delivery was for no longer exists. */
const THREAD_GONE_400 = /message thread not found|topic_deleted|thread not found/i;

/** Classifies an error thrown by `api.sendMessage` (after auto-retry gave up, if installed). */
export function classifySendError(error: unknown): SendFailure {
  if (error instanceof GrammyError) {
    const reason = `${error.error_code}: ${error.description}`;
    const migrateTo = error.parameters?.migrate_to_chat_id;
    if (error.error_code === 400 && typeof migrateTo === "number") return { kind: "migrated", toChatId: migrateTo, reason };
    if (error.error_code === 400 && THREAD_GONE_400.test(error.description)) return { kind: "thread-gone", reason };
    if (error.error_code === 403) return { kind: "chat-gone", reason };
    if (error.error_code === 400 && CHAT_GONE_400.test(error.description)) return { kind: "chat-gone", reason };
    if (error.error_code === 429) {
      return { kind: "rate-limited", retryAfterMs: Math.max(1, error.parameters?.retry_after ?? 1) * 1000, reason };
    }
    return { kind: "retry", reason };
  }
  if (error instanceof HttpError) return { kind: "retry", reason: `network: ${String((error.error as Error)?.message ?? error.message)}` };
  return { kind: "retry", reason: `error: ${(error as Error)?.message ?? String(error)}` };
}
