/**
 * The import graph of src/: no cycle between modules (value imports; type-only imports are erased),
 * and the bot reaches the database only through services (no drizzle-orm, no repository values).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = resolve(import.meta.dirname, "../../src");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith(".ts") && !path.endsWith(".d.ts") ? [path] : [];
  });
}

/** Value imports of a file: `import x from`, `import { a, type B } from` (not `import type`), `export … from`. */
function valueImports(path: string): string[] {
  const text = readFileSync(path, "utf8");
  const out: string[] = [];
  for (const match of text.matchAll(/^(?:import|export)\s+(type\s+)?([^;]*?)\s+from\s+"([^"]+)"/gms)) {
    if (match[1]) continue;
    const clause = match[2] ?? "";
    // `import { type A, type B }` imports nothing at run time.
    const names = clause.replace(/^\{|\}$/g, "").split(",").map((n) => n.trim()).filter(Boolean);
    if (clause.startsWith("{") && names.length > 0 && names.every((n) => n.startsWith("type "))) continue;
    out.push(match[3] as string);
  }
  for (const match of text.matchAll(/^import\s+"([^"]+)"/gm)) out.push(match[1] as string);
  return out;
}

const graph = new Map<string, { local: string[]; packages: string[] }>();
for (const file of files(SRC)) {
  const local: string[] = [];
  const packages: string[] = [];
  for (const spec of valueImports(file)) {
    if (spec.startsWith(".")) local.push(resolve(dirname(file), spec).replace(/\.js$/, ".ts"));
    else packages.push(spec);
  }
  graph.set(file, { local, packages });
}

describe("src/ import graph", () => {
  it("has no import cycle", () => {
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const stack: string[] = [];
    const visit = (file: string) => {
      state.set(file, "open");
      stack.push(file);
      for (const next of graph.get(file)?.local ?? []) {
        if (state.get(next) === "open") cycles.push([...stack.slice(stack.indexOf(next)), next].map((f) => relative(SRC, f)).join(" → "));
        else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(file, "done");
    };
    for (const file of graph.keys()) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });

  it("keeps drizzle and the repositories out of src/bot", () => {
    const offenders: string[] = [];
    for (const [file, { local, packages }] of graph) {
      if (!relative(SRC, file).startsWith("bot/")) continue;
      if (packages.some((p) => p.startsWith("drizzle-orm"))) offenders.push(`${relative(SRC, file)} imports drizzle-orm`);
      for (const target of local) if (/^db\/(?:repositories\/|schema|client)/.test(relative(SRC, target))) offenders.push(`${relative(SRC, file)} imports ${relative(SRC, target)}`);
    }
    expect(offenders).toEqual([]);
  });

  it("keeps news/ and entities/ in one direction: entities never import news", () => {
    const offenders = [...graph].flatMap(([file, { local }]) =>
      relative(SRC, file).startsWith("entities/") ? local.filter((t) => relative(SRC, t).startsWith("news/")).map((t) => `${relative(SRC, file)} → ${relative(SRC, t)}`) : [],
    );
    expect(offenders).toEqual([]);
  });
});
