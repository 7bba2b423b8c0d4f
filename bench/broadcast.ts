import type { BenchContext, BenchmarkResult } from "./support/context.js";
export async function run(_ctx: BenchContext): Promise<BenchmarkResult> { return { name: "broadcast", rows: [] }; }
