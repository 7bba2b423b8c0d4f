import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { FluentResource } from "@fluent/bundle";
import { describe, expect, it } from "vitest";
import { LOCALES_DIR, SUPPORTED_LOCALES } from "../../src/bot/i18n.js";

/** Message id → the variables its value and attributes use, for every .ftl file of one locale. */
function readLocale(locale: string): Map<string, Set<string>> {
  const messages = new Map<string, Set<string>>();
  const dir = join(LOCALES_DIR, locale);
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ftl"))) {
    const resource = new FluentResource(readFileSync(join(dir, file), "utf8"));
    for (const message of resource.body) {
      const variables = new Set<string>();
      collectVariables(message.value, variables);
      for (const attribute of Object.values(message.attributes ?? {})) collectVariables(attribute, variables);
      expect(messages.has(message.id), `${locale}: ${message.id} is defined twice`).toBe(false);
      messages.set(message.id, variables);
    }
  }
  return messages;
}

/** Walks Fluent's runtime AST (patterns, placeables, selects) for `{ $var }` references. */
function collectVariables(node: unknown, into: Set<string>): void {
  if (node === null || typeof node !== "object") return;
  if (Array.isArray(node)) {
    for (const element of node) collectVariables(element, into);
    return;
  }
  const record = node as Record<string, unknown>;
  if (record.type === "var" && typeof record.name === "string") into.add(record.name);
  for (const value of Object.values(record)) collectVariables(value, into);
}

describe("locales", () => {
  const english = readLocale("en");

  it("has a folder for every supported language, and English has the messages", () => {
    expect(readdirSync(LOCALES_DIR).sort()).toEqual([...SUPPORTED_LOCALES].sort());
    expect(english.size).toBeGreaterThan(50);
    expect(english.get("start-greeting")).toEqual(new Set(["name"]));
  });

  it.each(SUPPORTED_LOCALES.filter((l) => l !== "en"))("%s has every English key, no extra key, and the same variables", (locale) => {
    const other = readLocale(locale);
    const missing = [...english.keys()].filter((key) => !other.has(key));
    const extra = [...other.keys()].filter((key) => !english.has(key));
    expect(missing, `missing in ${locale}`).toEqual([]);
    expect(extra, `only in ${locale}`).toEqual([]);
    for (const [key, variables] of english) {
      const theirs = other.get(key)!;
      const lost = [...variables].filter((v) => !theirs.has(v));
      expect(lost, `${locale}/${key} does not use ${lost.join(", ")}`).toEqual([]);
      const unknown = [...theirs].filter((v) => !variables.has(v));
      expect(unknown, `${locale}/${key} uses variables English does not pass: ${unknown.join(", ")}`).toEqual([]);
    }
  });

  it("is really translated: most messages differ from English", () => {
    for (const locale of SUPPORTED_LOCALES.filter((l) => l !== "en")) {
      const dir = join(LOCALES_DIR, locale);
      const text = readdirSync(dir).map((f) => readFileSync(join(dir, f), "utf8")).join("\n");
      const englishText = readdirSync(join(LOCALES_DIR, "en")).map((f) => readFileSync(join(LOCALES_DIR, "en", f), "utf8")).join("\n");
      const same = text.split("\n").filter((line) => /^[a-z-]+ = /.test(line) && englishText.split("\n").includes(line));
      // Icons and a few names are legitimately identical; whole copies are not.
      expect(same.length, `${locale} copies English lines: ${same.join(" | ")}`).toBeLessThan(8);
    }
  });
});
