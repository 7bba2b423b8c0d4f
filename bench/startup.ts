/**
 * Start time: `node --import tsx src/main.ts` in local mode (no BOT_TOKEN), "/start" piped on
 * stdin, timed from spawn to the first "bot>" line on stdout. Cold = a fresh DATA_DIR (initdb,
 * migrations, seeds), warm = the same DATA_DIR again; on Postgres, a fresh scratch database and
 * the same one again. Peak RSS of the child from /proc/<pid>/status (VmHWM), sampled every 100 ms.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchContext, BenchmarkResult } from "./support/context.js";
import { createScratchDatabase } from "./support/database.js";
import { procStats } from "./support/memory.js";
import { now, round, row, type ResultRow } from "./support/stats.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

export interface StartOutcome {
  /** Spawn to the first "bot>" line, ms. */
  firstAnswerMs: number;
  /** Peak RSS of the bot process, MB. */
  peakRssMb: number;
  /** RSS a second after the first answer, MB. */
  idleRssMb: number;
}

/** How the bot is started: the TypeScript loader (`npm start`) or the compiled build (Docker). */
export type Entry = "tsx" | "dist";
const ENTRY_ARGS: Record<Entry, string[]> = { tsx: ["--import", "tsx", "src/main.ts"], dist: ["dist/main.js"] };

/** Starts the bot once in local mode with `env` and times its first answer. */
export async function timeFirstAnswer(env: Record<string, string | undefined>, timeoutMs = 120_000, entry: Entry = "tsx"): Promise<StartOutcome> {
  const start = now();
  const child = spawn(process.execPath, ENTRY_ARGS[entry], {
    cwd: ROOT,
    env: { ...process.env, BOT_TOKEN: "", DATABASE_URL: "", LOG_LEVEL: "warn", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let peak = 0;
  const sample = async () => {
    const m = child.pid ? await procStats(child.pid) : undefined;
    if (m && Number.isFinite(m.hwmMb)) peak = Math.max(peak, m.hwmMb);
  };
  const sampler = setInterval(() => void sample(), 100);
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  child.stdin.write("/start\n");
  try {
    const firstAnswerMs = await new Promise<number>((resolve, reject) => {
      let out = "";
      const timer = setTimeout(() => reject(new Error(`No answer within ${timeoutMs} ms; stderr: ${stderr.slice(-500)}`)), timeoutMs);
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        if (out.includes("bot>")) {
          clearTimeout(timer);
          resolve(now() - start);
        }
      });
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`The bot exited with ${code} before answering; stderr: ${stderr.slice(-500)}`));
      });
    });
    await sample();
    // Settled RSS a moment after the first answer: what an idle bot holds.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const idle = child.pid ? await procStats(child.pid) : undefined;
    return { firstAnswerMs, peakRssMb: peak, idleRssMb: idle?.rssMb ?? Number.NaN };
  } finally {
    clearInterval(sampler);
    const exited = new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once("exit", resolve)));
    child.stdin.end(); // end of input: local mode closes the database and exits
    const kill = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(kill);
  }
}

/** Cold and warm starts on one backend. */
async function coldAndWarm(label: string, env: Record<string, string>): Promise<ResultRow[]> {
  const cold = await timeFirstAnswer(env);
  const warm = await timeFirstAnswer(env);
  const benchmark = "start";
  return [
    row({ benchmark, case: `${label}: cold`, metric: "to first answer", unit: "ms", value: round(cold.firstAnswerMs, 0), baseline: { name: "warm start", value: round(warm.firstAnswerMs, 0) } }),
    row({ benchmark, case: `${label}: warm`, metric: "to first answer", unit: "ms", value: round(warm.firstAnswerMs, 0), baseline: null }),
    row({ benchmark, case: `${label}: cold`, metric: "peak RSS", unit: "MB", value: round(cold.peakRssMb, 0), baseline: { name: "warm start", value: round(warm.peakRssMb, 0) } }),
    row({ benchmark, case: `${label}: warm`, metric: "peak RSS", unit: "MB", value: round(warm.peakRssMb, 0), baseline: null }),
  ];
}

/** The benchmark: PGlite always, Postgres too when DATABASE_URL is set. */
export async function run(ctx: BenchContext): Promise<BenchmarkResult> {
  const rows: ResultRow[] = [];
  const dir = await mkdtemp(join(tmpdir(), "newsbot-bench-start-"));
  try {
    ctx.log("  start: PGlite cold and warm");
    rows.push(...(await coldAndWarm("PGlite", { DATA_DIR: dir })));
    // The compiled build (what Docker runs) beside the TypeScript loader, both warm.
    ctx.log("  start: npm run build, then node dist/main.js against tsx, warm");
    execFileSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "ignore" });
    const tsx = await timeFirstAnswer({ DATA_DIR: dir }, 120_000, "tsx");
    const dist = await timeFirstAnswer({ DATA_DIR: dir }, 120_000, "dist");
    const baseline = (value: number) => ({ name: "node --import tsx src/main.ts", value: round(value, 0) });
    rows.push(
      row({ benchmark: "start", case: "compiled (node dist/main.js), PGlite warm", metric: "to first answer", unit: "ms", value: round(dist.firstAnswerMs, 0), baseline: baseline(tsx.firstAnswerMs) }),
      row({ benchmark: "start", case: "compiled (node dist/main.js), PGlite warm", metric: "idle RSS", unit: "MB", value: round(dist.idleRssMb, 0), baseline: baseline(tsx.idleRssMb) }),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  if (ctx.databaseUrl) {
    const scratch = await createScratchDatabase(ctx.databaseUrl, "start");
    try {
      ctx.log("  start: PostgreSQL cold and warm");
      rows.push(...(await coldAndWarm("PostgreSQL", { DATABASE_URL: scratch.url, DATA_DIR: join(tmpdir(), "unused") })));
    } finally {
      await scratch.drop();
    }
  }
  return {
    name: "startup",
    rows,
    notes: ["start: `node --import tsx src/main.ts` in local mode, \"/start\" on stdin, spawn → first \"bot>\" line (includes tsx's compile); cold = fresh DATA_DIR or fresh database (initdb/migrations/seeds), warm = the same again."],
  };
}
