/**
 * Counts this process's messages to Telegram over the last second (the delivery worker's sends
 * and edits, and the bot's replies; not getUpdates or button answers, which Telegram's 30/s does
 * not count). The worker keeps the total under the cap, so that replies and the broadcast share
 * it. A 429 means "the whole bot is too fast" only when the bot is near that cap; below it, the
 * 429 concerns one chat, and pausing every send for it would halve a broadcast for nothing.
 */
export interface SendMeter {
  /** Counts a message; `chatId` is its chat, when known. */
  note(chatId?: number | string): void;
  /**
   * Whether the chat's latest message followed another to it within a second: a 429 then is
   * Telegram's 1 message/s per chat, not the bot's global cap.
   */
  chatWasBusy(chatId: number | string | undefined): boolean;
  /** Messages in the last second. */
  perSecond(): number;
  /** How long until fewer than `limit` messages are in the last second (0: already). */
  msUntilBelow(limit: number): number;
}

/** Bot API methods that send or change a message: what Telegram's per-bot message cap counts. */
export function isMessageMethod(method: string): boolean {
  return (method.startsWith("send") && method !== "sendChatAction") || method.startsWith("editMessage") || method.startsWith("copyMessage") || method.startsWith("forwardMessage");
}

/** Telegram's messages a second for one bot: 30, or 1000 with paid broadcasts. */
export function telegramMessageCap(paid: boolean | undefined): number {
  return paid ? 1000 : 30;
}

export function createSendMeter(now: () => number = () => performance.now()): SendMeter {
  const times: number[] = [];
  // Per chat: the times of its last two messages (kept for the chats of about the last minute).
  const lastTwo = new Map<string, [number, number]>();
  const prune = (at: number) => {
    while (times.length > 0 && times[0]! <= at - 1000) times.shift();
  };
  return {
    note(chatId) {
      const at = now();
      times.push(at);
      prune(at);
      if (chatId === undefined) return;
      const key = String(chatId);
      if (lastTwo.size > 20_000) for (const [k, [, latest]] of lastTwo) if (latest < at - 60_000) lastTwo.delete(k);
      lastTwo.set(key, [lastTwo.get(key)?.[1] ?? -Infinity, at]);
    },
    chatWasBusy(chatId) {
      const pair = chatId === undefined ? undefined : lastTwo.get(String(chatId));
      return pair !== undefined && pair[1] - pair[0] < 1000;
    },
    perSecond() {
      prune(now());
      return times.length;
    },
    msUntilBelow(limit) {
      const at = now();
      prune(at);
      if (times.length < limit) return 0;
      return Math.max(1, times[times.length - limit]! + 1000 - at);
    },
  };
}
