/**
 * Smoke test of the benchmarks at tiny sizes (300 then 1,000 entities, 200 updates, 60 subscribers):
 * proves each module runs end to end and reports complete rows. No timing is asserted.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as broadcast from "../../bench/broadcast.js";
import { createBenchContext, type BenchContext, type BenchmarkResult } from "../../bench/support/context.js";
import { timeFirstAnswer } from "../../bench/startup.js";
import * as updateHandling from "../../bench/update-handling.js";
import * as whoIs from "../../bench/who-is.js";

function expectCompleteRows(result: BenchmarkResult) {
  expect(result.rows.length).toBeGreaterThan(0);
  for (const r of result.rows) {
    expect(r.benchmark).toBeTruthy();
    expect(r.case).toBeTruthy();
    expect(r.metric).toBeTruthy();
    expect(r).toHaveProperty("unit");
    // A missing figure must say why.
    if (r.value === null) expect(r.note).toBeTruthy();
    else expect(Number.isFinite(r.value)).toBe(true);
    if (r.baseline && r.value !== null && r.baseline.value !== null && r.baseline.value !== 0 && r.ratio !== null) {
      expect(r.ratio).toBeCloseTo(r.value / r.baseline.value, 6);
    }
  }
}

describe("benchmarks (tiny sizes, PGlite)", () => {
  let ctx: BenchContext;
  beforeAll(() => {
    ctx = createBenchContext({ profile: "tiny", log: () => {} });
  });
  afterAll(async () => {
    await ctx.close();
  });

  it("who-is reports latency and accuracy at both sizes beside the naive search", { timeout: 300_000 }, async () => {
    const result = await whoIs.run(ctx);
    expectCompleteRows(result);
    const cases = result.rows.map((r) => r.case);
    expect(cases.some((c) => c.startsWith("300 entities"))).toBe(true);
    expect(cases.some((c) => c.startsWith("1k entities"))).toBe(true);
    const accuracy = result.rows.filter((r) => r.metric === "top-1 answer()");
    expect(accuracy.length).toBeGreaterThan(0);
    for (const r of accuracy) {
      expect(r.value).toBeGreaterThanOrEqual(0);
      expect(r.value).toBeLessThanOrEqual(100);
      expect(r.baseline?.name).toMatch(/naive/);
    }
    // Exact catalog names are found by the bot's search: the data and queries line up.
    const exact = accuracy.find((r) => r.case.startsWith("1k entities: exact"));
    expect(exact?.value).toBeGreaterThan(50);
  });

  it("update handling reports every kind beside the constant and one-SELECT bots", { timeout: 300_000 }, async () => {
    const result = await updateHandling.run(ctx);
    expectCompleteRows(result);
    for (const kind of updateHandling.KINDS) expect(result.rows.some((r) => r.case.startsWith(kind))).toBe(true);
    expect(result.rows.some((r) => r.baseline?.name === "bare grammY (constant)")).toBe(true);
    expect(result.rows.some((r) => r.baseline?.name === "one SELECT bot")).toBe(true);
  });

  it("broadcast reports the naive sender's deliveries and the queue worker's, without loss or duplicate", { timeout: 300_000 }, async () => {
    const result = await broadcast.run(ctx);
    expectCompleteRows(result);
    const naive = result.rows.find((r) => r.case.includes("naive sequential"));
    expect(naive?.value).toBeGreaterThan(0);
    expect(result.rows.find((r) => r.metric === "losses")?.value).toBe(0);
    expect(result.rows.find((r) => r.metric === "duplicates")?.value).toBe(0);
  });

  it("start measures the time to the first answer in local mode", { timeout: 180_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), "newsbot-bench-smoke-"));
    try {
      const outcome = await timeFirstAnswer({ DATA_DIR: dir });
      expect(outcome.firstAnswerMs).toBeGreaterThan(0);
      expect(outcome.peakRssMb).toBeGreaterThan(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!process.env.DATABASE_URL)("broadcast benchmark on PostgreSQL (tiny sizes)", () => {
  let ctx: BenchContext;
  beforeAll(() => {
    ctx = createBenchContext({ profile: "tiny", databaseUrl: process.env.DATABASE_URL, log: () => {} });
  });
  afterAll(async () => {
    await ctx.close();
  });

  it("measures the real delivery process (BOT_ROLE=delivery in a child) beside its idle self", { timeout: 300_000 }, async () => {
    const result = await broadcast.run(ctx);
    expectCompleteRows(result);
    const ofProcess = result.rows.filter((r) => r.case.endsWith("delivery process (BOT_ROLE=delivery)"));
    const metric = (name: string) => ofProcess.find((r) => r.metric === name);
    expect(metric("losses")?.value).toBe(0);
    expect(metric("duplicates")?.value).toBe(0);
    if (process.platform === "linux") {
      // Figures of the child, not of the bench: a started Node process is tens of MB, the bench far more.
      expect(metric("peak RSS")?.value).toBeGreaterThan(20);
      expect(metric("peak RSS")?.baseline?.name).toBe("idle delivery process");
      expect(metric("CPU per message")?.value).toBeGreaterThan(0);
    }
  });
});
