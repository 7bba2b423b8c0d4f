/** Memory and CPU figures of the bench process and of the bot processes it starts. */
import { readFile } from "node:fs/promises";

/** Peak resident memory of this process, sampled every 100 ms while something runs. */
export function startRssSampler(intervalMs = 100) {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, intervalMs);
  timer.unref();
  return {
    /** Stops sampling; the peak in MB. */
    stop(): number {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      return peak / 1024 / 1024;
    },
  };
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
