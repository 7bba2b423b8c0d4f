/**
 * The delivery process as production runs it: `node --import tsx src/main.ts` with BOT_ROLE=delivery,
 * pointed at the bench's scratch database and local Bot API server. Its memory and CPU are read
 * from /proc with `procStats` (support/memory.ts).
 */
import { startBotProcess } from "../../test/support/bot-process.js";

export interface DeliveryProcess {
  pid: number;
  /** Resolves once the process logged "Bot running"; throws if it exited first. */
  ready(timeoutMs?: number): Promise<void>;
  /** SIGTERM, then waits for the exit; resolves with the exit code (or signal). */
  stop(): Promise<number | string | null>;
  output(): string;
}

/** Starts the delivery process (the tests' bot process, with BOT_ROLE=delivery); `ready()` waits for it. */
export function startDeliveryProcess(env: { databaseUrl: string; apiRoot: string; token: string; rate: number; paid: boolean }): DeliveryProcess {
  // BENCH_DELIVERY_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the delivery process.
  const nodeArgs = process.env.BENCH_DELIVERY_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  // LOG_LEVEL stays info: "Bot running" is the readiness signal. At info the worker logs its start
  // and stop only, never per message, so it costs the same as warn during the broadcast.
  const bot = startBotProcess(
    env.apiRoot,
    {
      BOT_ROLE: "delivery",
      BOT_TOKEN: env.token,
      DATABASE_URL: env.databaseUrl,
      BROADCAST_RATE: String(env.rate),
      BROADCAST_PAID: String(env.paid),
    },
    { nodeArgs },
  );
  return {
    pid: bot.child.pid!,
    output: bot.output,
    ready: bot.ready,
    async stop() {
      if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill("SIGTERM");
      return bot.exited;
    },
  };
}
