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

/** Message id → its whole source text (value and indented continuation lines) for one locale. */
function messageSources(locale: string, only?: string): Map<string, string> {
  const sources = new Map<string, string>();
  const dir = join(LOCALES_DIR, locale);
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ftl") && (!only || f === only))) {
    let key: string | undefined;
    for (const line of readFileSync(join(dir, file), "utf8").split("\n")) {
      const start = /^([a-z][a-z0-9-]*) =(.*)$/.exec(line);
      if (start) {
        key = start[1]!;
        sources.set(key, start[2]!.trim());
      } else if (key && /^\s/.test(line)) sources.set(key, `${sources.get(key)}\n${line.trim()}`);
      else key = undefined;
    }
  }
  return sources;
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

  it("is really translated: few whole messages are copies of English", () => {
    const english = messageSources("en");
    for (const locale of SUPPORTED_LOCALES.filter((l) => l !== "en")) {
      const theirs = messageSources(locale);
      const same = [...theirs].filter(([key, source]) => english.get(key) === source).map(([key]) => key);
      // Icons, brand names and pure placeholders are legitimately identical; whole copies are not.
      expect(same.length / theirs.size, `${locale} copies English: ${same.join(", ")}`).toBeLessThan(0.1);
      // And no single feature file is mostly a copy.
      for (const file of readdirSync(join(LOCALES_DIR, locale)).filter((f) => f.endsWith(".ftl"))) {
        const mine = messageSources(locale, file);
        const copied = [...mine].filter(([key, source]) => english.get(key) === source).length;
        expect(copied / mine.size, `${locale}/${file} is mostly English`).toBeLessThan(0.5);
      }
    }
  });
});
