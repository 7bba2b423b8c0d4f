/** Timing helpers: high-resolution samples, percentiles and the result rows every benchmark reports. */
import { performance } from "node:perf_hooks";

/** Milliseconds since an arbitrary origin, sub-millisecond precision. */
export const now = (): number => performance.now();

/** The `p`-th percentile (0..100) of `samples` (nearest rank); NaN when empty. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export interface LatencySummary {
  count: number;
  /** Operations per second if run one after another: count / total time. */
  perSecond: number;
  p50: number;
  p99: number;
  mean: number;
}

/** Summarises latency samples in ms. */
export function summarize(samples: number[]): LatencySummary {
  const total = samples.reduce((a, b) => a + b, 0);
  return {
    count: samples.length,
    perSecond: total > 0 ? (samples.length * 1000) / total : Number.NaN,
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    mean: samples.length > 0 ? total / samples.length : Number.NaN,
  };
}

/**
 * One line of the results table: a figure, the baseline measured in the same run and their ratio
 * (value / baseline), so the comparison holds on a noisy machine.
 */
export interface ResultRow {
  benchmark: string;
  /** What was measured: "/latest", "who-is 100k: typos", "queue worker 1000/s paid". */
  case: string;
  metric: string;
  unit: string;
  value: number | null;
  baseline: { name: string; value: number | null } | null;
  /** value / baseline.value; null without a baseline. */
  ratio: number | null;
  /** The target, as text ("≥ 0.5× baseline", "< 5 ms"). */
  target?: string;
  /** Whether the target is met (undefined when there is no target). */
  met?: boolean;
  note?: string;
}

/** Builds a row, computing the ratio. */
export function row(fields: Omit<ResultRow, "ratio"> & { ratio?: number | null }): ResultRow {
  const base = fields.baseline?.value;
  const ratio =
    fields.ratio !== undefined
      ? fields.ratio
      : fields.value !== null && base !== null && base !== undefined && base !== 0
        ? fields.value / base
        : null;
  return { ...fields, ratio };
}

/** Rounds for display and JSON: 3 significant-ish decimals. */
export function round(value: number, digits = 2): number {
  if (!Number.isFinite(value)) return value;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
