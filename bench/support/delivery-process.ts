/**
 * The delivery process as production runs it: `node --import tsx src/main.ts` with BOT_ROLE=delivery,
 * pointed at the bench's scratch database and local Bot API server. Its memory and CPU are read
 * from /proc (Linux); elsewhere `procStats` returns undefined and the bench reports no figure.
 */
import { readFile } from "node:fs/promises";
import { startBotProcess } from "../../test/support/bot-process.js";

export interface DeliveryProcess {
  pid: number;
  /** Resolves once the process logged "Bot running"; throws if it exited first. */
  ready(timeoutMs?: number): Promise<void>;
  /** SIGTERM, then waits for the exit; resolves with the exit code (or signal). */
  stop(): Promise<number | string | null>;
  output(): string;
}

export interface ProcStats {
  /** Resident memory now, and its peak since the process started (VmRSS, VmHWM), MB. */
  rssMb: number;
  hwmMb: number;
  /** CPU time used so far (user + system), ms. */
  cpuMs: number;
}

/** Clock ticks per second for /proc/<pid>/stat: 100 on every Linux Node supports. */
const CLOCK_TICKS = 100;

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

/** Memory and CPU of process `pid` from /proc; undefined when /proc is not there (not Linux). */
export async function procStats(pid: number): Promise<ProcStats | undefined> {
  try {
    const [status, stat] = await Promise.all([readFile(`/proc/${pid}/status`, "utf8"), readFile(`/proc/${pid}/stat`, "utf8")]);
    const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? Number.NaN);
    // Fields after the command name (which may hold spaces, so split after its closing paren):
    // state is field 3, utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { rssMb: kb("VmRSS") / 1024, hwmMb: kb("VmHWM") / 1024, cpuMs: (ticks * 1000) / CLOCK_TICKS };
  } catch {
    return undefined;
  }
}

/** Samples another process's VmRSS every `intervalMs`; `stop()` gives the peak seen, MB. */
export function startProcRssSampler(pid: number, intervalMs = 100) {
  let peak = 0;
  let busy = false;
  const sample = async () => {
    if (busy) return;
    busy = true;
    const s = await procStats(pid);
    if (s) peak = Math.max(peak, s.rssMb);
    busy = false;
  };
  const timer = setInterval(() => void sample(), intervalMs);
  timer.unref();
  return {
    async stop(): Promise<number> {
      clearInterval(timer);
      await sample();
      return peak;
    },
  };
}
