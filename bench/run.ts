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
import * as broadcast from "./broadcast.js";
import * as startup from "./startup.js";
import * as updateHandling from "./update-handling.js";
import * as whoIs from "./who-is.js";

/** Every benchmark, in the order they run. */
export const BENCHMARKS: Record<string, (ctx: BenchContext) => Promise<BenchmarkResult>> = {
  "who-is": whoIs.run,
  "update-handling": updateHandling.run,
  broadcast: broadcast.run,
  startup: startup.run,
};

interface Args {
  profile: Profile;
  only?: string[];
  out: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { profile: "full", out: fileURLToPath(new URL("./results.json", import.meta.url)) };
  for (const arg of argv) {
    if (arg === "--quick") args.profile = "quick";
    else if (arg === "--tiny") args.profile = "tiny";
    else if (arg.startsWith("--only=")) args.only = arg.slice(7).split(",").map((s) => s.trim()).filter(Boolean);
    else if (arg.startsWith("--out=")) args.out = arg.slice(6);
    else if (arg === "--help" || arg === "-h") {
      process.stdout.write(`Usage: npm run bench -- [--quick] [--only=${Object.keys(BENCHMARKS).join(",")}] [--out=path]\n`);
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
  const backend = databaseUrl ? `PostgreSQL (scratch database on ${redactUrl(databaseUrl)})` : "PGlite (in memory)";
  ctx.log(`Benchmarks (${args.profile}) on ${backend}; ${machine.nproc} cores, ${machine.cpu}, Node ${machine.node}`);
  const results: BenchmarkResult[] = [];
  try {
    for (const [name, runBenchmark] of Object.entries(BENCHMARKS)) {
      if (args.only && !args.only.includes(name)) continue;
      ctx.log(`▶ ${name}`);
      const t = now();
      results.push(await runBenchmark(ctx));
      ctx.log(`  ${name} done in ${((now() - t) / 1000).toFixed(1)} s`);
    }
  } finally {
    await ctx.close();
  }
  const seconds = (now() - started) / 1000;
  const rows = results.flatMap((r) => r.rows);
  const notes = [...ctx.notes, ...results.flatMap((r) => r.notes ?? [])];
  process.stdout.write(
    `\n## Benchmark results (${args.profile}, ${backend})\n\n` +
      `Machine: ${machine.nproc} cores, ${machine.cpu}, ${machine.os}, Node ${machine.node}` +
      `${machine.postgres ? `, ${machine.postgres}` : ""}. Total ${seconds.toFixed(0)} s.\n\n` +
      `${markdownTable(rows)}\n\n${notes.map((n) => `- ${n}`).join("\n")}\n`,
  );
  await writeFile(
    args.out,
    `${JSON.stringify({ date: new Date().toISOString(), profile: args.profile, backend: ctx.backend, machine, seconds, rows, notes, details: Object.fromEntries(results.map((r) => [r.name, r.details ?? {}])) }, null, 2)}\n`,
  );
  ctx.log(`Wrote ${args.out}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`Benchmark failed: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  },
);
