/** The results table (stdout) and the machine description. */
import { execFileSync } from "node:child_process";
import { cpus } from "node:os";
import { readFileSync } from "node:fs";
import type { ResultRow } from "./stats.js";

export interface Machine {
  nproc: number;
  cpu: string;
  node: string;
  os: string;
  postgres?: string;
}

/** Cores, CPU model, Node and (when reachable) the PostgreSQL server's version. */
export function describeMachine(postgresVersion?: string): Machine {
  let cpu = cpus()[0]?.model ?? "unknown";
  try {
    cpu = /model name\s*:\s*(.+)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? cpu;
  } catch {
    /* not Linux */
  }
  let nproc = cpus().length;
  try {
    nproc = Number(execFileSync("nproc", { encoding: "utf8" }).trim()) || nproc;
  } catch {
    /* no nproc */
  }
  let os = `${process.platform} ${process.arch}`;
  try {
    os = /PRETTY_NAME="([^"]+)"/.exec(readFileSync("/etc/os-release", "utf8"))?.[1] ?? os;
  } catch {
    /* not Linux */
  }
  return { nproc, cpu, node: process.version, os, postgres: postgresVersion };
}

function fmt(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString("en-US");
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(value === Math.round(value) ? 0 : 2);
}

/** Rows as a Markdown table (also readable in a terminal). */
export function markdownTable(rows: ResultRow[]): string {
  const header = ["benchmark", "case", "metric", "value", "baseline", "baseline value", "ratio", "target", "note"];
  const lines = rows.map((r) => [
    r.benchmark,
    r.case,
    r.metric,
    `${fmt(r.value)} ${r.unit}`.trim(),
    r.baseline?.name ?? "–",
    r.baseline ? `${fmt(r.baseline.value)} ${r.unit}`.trim() : "–",
    r.ratio === null ? "–" : `${r.ratio.toFixed(2)}×`,
    r.target ? `${r.target} ${r.met === undefined ? "" : r.met ? "✅" : "❌"}`.trim() : "",
    (r.note ?? "").replace(/\|/g, "\\|"),
  ]);
  const all = [header, ...lines];
  const widths = header.map((_, i) => Math.max(...all.map((l) => l[i]!.length)));
  const render = (l: string[]) => `| ${l.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [render(header), `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`, ...lines.map(render)].join("\n");
}
