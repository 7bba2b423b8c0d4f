/**
 * Counts this process's messages to Telegram over the last second (the delivery worker's sends
 * and edits, and the bot's replies; not getUpdates or button answers, which Telegram's 30/s does
 * not count). The worker keeps the total under the cap, so that replies and the broadcast share
 * it. A 429 means "the whole bot is too fast" only when the bot is near that cap; below it, the
 * 429 concerns one chat, and pausing every send for it would halve a broadcast for nothing.
 */
export interface SendMeter {
  note(): void;
  /** Messages in the last second. */
  perSecond(): number;
  /** How long until fewer than `limit` messages are in the last second (0: already). */
  msUntilBelow(limit: number): number;
}

/** Bot API methods that send or change a message: what Telegram's per-bot message cap counts. */
export function isMessageMethod(method: string): boolean {
  return (method.startsWith("send") && method !== "sendChatAction") || method.startsWith("editMessage") || method.startsWith("copyMessage") || method.startsWith("forwardMessage");
}

export function createSendMeter(now: () => number = () => performance.now()): SendMeter {
  const times: number[] = [];
  const prune = (at: number) => {
    while (times.length > 0 && times[0]! <= at - 1000) times.shift();
  };
  return {
    note() {
      const at = now();
      times.push(at);
      prune(at);
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
