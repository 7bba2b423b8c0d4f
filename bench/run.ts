/**
 * `npm run bench [-- --quick] [-- --only=who-is,broadcast]`: runs the benchmarks, prints one table
 * where every figure stands beside its baseline from the same run, and writes bench/results.json.
 * PGlite by default; PostgreSQL (a scratch database on that server) when DATABASE_URL is set.
 */
import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { redactUrl } from "../src/db/client.js";
import { createBenchContext, type BenchContext, type BenchmarkResult, type Profile } from "./support/context.js";
import { describeMachine, markdownTable } from "./support/report.js";
import { now } from "./support/stats.js";
import * as analysis from "./analysis.js";
import * as broadcast from "./broadcast.js";
import * as broadcastFaults from "./broadcast-faults.js";
import * as digests from "./digests.js";
import * as e2eLoad from "./e2e-load.js";
import * as feeds from "./feeds.js";
import * as longInput from "./long-input.js";
import * as retention from "./retention.js";
import * as startup from "./startup.js";
import * as stories from "./stories.js";
import * as updateHandling from "./update-handling.js";
import * as whoIs from "./who-is.js";

/** Every benchmark, in the order they run. */
export const BENCHMARKS: Record<string, (ctx: BenchContext) => Promise<BenchmarkResult>> = {
  "who-is": whoIs.run,
  analysis: analysis.run,
  "update-handling": updateHandling.run,
  broadcast: broadcast.run,
  "broadcast-faults": broadcastFaults.run,
  feeds: feeds.run,
  digests: digests.run,
  stories: stories.run,
  "long-input": longInput.run,
  retention: retention.run,
  startup: startup.run,
  "e2e-load": e2eLoad.run,
};

interface Args {
  profile: Profile;
  /** Overrides of the profile's sizes (a shorter "full" run on a busy machine). */
  updates?: number;
  repeats?: number;
  subscribers?: number;
  free?: number;
  only?: string[];
  out: string;
}

function positive(arg: string): number {
  const value = Number(arg.slice(arg.indexOf("=") + 1));
  if (!Number.isInteger(value) || value < 1) throw new Error(`${arg}: expected a positive integer`);
  return value;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { profile: "full", out: fileURLToPath(new URL("./results.json", import.meta.url)) };
  for (const arg of argv) {
    if (arg === "--quick") args.profile = "quick";
    else if (arg === "--tiny") args.profile = "tiny";
    else if (arg.startsWith("--only=")) args.only = arg.slice(7).split(",").map((s) => s.trim()).filter(Boolean);
    else if (arg.startsWith("--out=")) args.out = arg.slice(6);
    else if (arg.startsWith("--updates=")) args.updates = positive(arg);
    else if (arg.startsWith("--repeats=")) args.repeats = positive(arg);
    else if (arg.startsWith("--subscribers=")) args.subscribers = positive(arg);
    else if (arg.startsWith("--free=")) args.free = positive(arg);
    else if (arg === "--help" || arg === "-h") {
      process.stdout.write(
        `Usage: npm run bench -- [--quick] [--only=${Object.keys(BENCHMARKS).join(",")}] [--updates=N] [--repeats=N] [--subscribers=N (paid run)] [--free=N (25/s run and naive sender)] [--out=path]\n`,
      );
      process.exit(0);
    } else throw new Error(`Unknown argument ${arg}; see --help`);
  }
  for (const name of args.only ?? []) {
    if (!BENCHMARKS[name]) throw new Error(`Unknown benchmark "${name}"; choose from ${Object.keys(BENCHMARKS).join(", ")}`);
  }
  return args;
}

async function postgresVersion(url: string | undefined): Promise<string | undefined> {
  if (!url) return undefined;
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await client`select version() as v`;
    return String(row?.v ?? "").split(" on ")[0];
  } finally {
    await client.end();
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const databaseUrl = process.env.DATABASE_URL?.trim() || undefined;
  const machine = describeMachine(await postgresVersion(databaseUrl));
  const started = now();
  const ctx = createBenchContext({ profile: args.profile, databaseUrl });
  if (args.updates) ctx.sizes.updates = args.updates;
  if (args.repeats) ctx.sizes.whoIsRepeats = args.repeats;
  if (args.subscribers) ctx.sizes.broadcast.paid.subscribers = args.subscribers;
  if (args.free) ctx.sizes.broadcast.free.subscribers = ctx.sizes.broadcast.naiveMessages = args.free;
  const overridden = Boolean(args.updates || args.repeats || args.subscribers || args.free);
  const backend = databaseUrl ? `PostgreSQL (scratch database on ${redactUrl(databaseUrl)})` : "PGlite (in memory)";
  ctx.log(`Benchmarks (${args.profile}) on ${backend}; ${machine.nproc} cores, ${machine.cpu}, Node ${machine.node}`);
  const results: BenchmarkResult[] = [];
  const header = () =>
    `## Benchmark results (${args.profile}${overridden ? ` with overrides: ${ctx.sizes.updates} updates, who-is × ${ctx.sizes.whoIsRepeats}, ${ctx.sizes.broadcast.paid.subscribers} paid / ${ctx.sizes.broadcast.free.subscribers} free subscribers` : ""}, ${backend})\n\n` +
    `Machine: ${machine.nproc} cores, ${machine.cpu}, ${machine.os}, Node ${machine.node}` +
    `${machine.postgres ? `, ${machine.postgres}` : ""}.`;
  // Written after every benchmark, so a long run interrupted late still leaves its figures.
  const save = (complete: boolean) =>
    writeFile(
      args.out,
      `${JSON.stringify(
        {
          date: new Date().toISOString(),
          complete,
          profile: args.profile,
          sizes: ctx.sizes,
          backend: ctx.backend,
          machine,
          seconds: (now() - started) / 1000,
          rows: results.flatMap((r) => r.rows),
          notes: [...ctx.notes, ...results.flatMap((r) => r.notes ?? [])],
          details: Object.fromEntries(results.map((r) => [r.name, r.details ?? {}])),
        },
        null,
        2,
      )}\n`,
    );
  try {
    for (const [name, runBenchmark] of Object.entries(BENCHMARKS)) {
      if (args.only && !args.only.includes(name)) continue;
      ctx.log(`▶ ${name}`);
      const t = now();
      const result = await runBenchmark(ctx);
      results.push(result);
      ctx.log(`  ${name} done in ${((now() - t) / 1000).toFixed(1)} s\n${markdownTable(result.rows)}`);
      await save(false);
    }
  } finally {
    await ctx.close();
  }
  const seconds = (now() - started) / 1000;
  const rows = results.flatMap((r) => r.rows);
  const notes = [...ctx.notes, ...results.flatMap((r) => r.notes ?? [])];
  process.stdout.write(`\n${header()} Total ${seconds.toFixed(0)} s.\n\n${markdownTable(rows)}\n\n${notes.map((n) => `- ${n}`).join("\n")}\n`);
  await save(true);
  ctx.log(`Wrote ${args.out}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`Benchmark failed: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  },
);
