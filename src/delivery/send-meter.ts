/**
 * Counts this process's calls to Telegram over the last second (the delivery worker's sends and
 * the bot's replies). A 429 means "the whole bot is too fast" only when the bot is near Telegram's
 * global cap; below it, the 429 concerns one chat, and pausing every send for it would halve a
 * broadcast for nothing.
 */
export interface SendMeter {
  note(): void;
  /** Calls in the last second. */
  perSecond(): number;
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
  };
}
