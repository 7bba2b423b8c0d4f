import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join, dirname } from "node:path";
import { loadSeedCatalog } from "../../src/news/catalog.js";
import type { ArticleInput } from "../../src/news/analyze.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export const catalog = loadSeedCatalog(join(root, "seeds"));

/** The seed article as the store will pass it: paragraphs joined by blank lines. */
export function seedArticle(): ArticleInput {
  const a = JSON.parse(
    readFileSync(join(root, "seeds/articles/2025-11-20-witkoff-dmitriev-peace-plan.json"), "utf8"),
  ) as { title: string; paragraphs: string[]; tags: string[] };
  return { title: a.title, body: a.paragraphs.join("\n\n"), tags: a.tags };
}

export function fixture(name: string): ArticleInput {
  return JSON.parse(readFileSync(join(root, "test/fixtures/articles", `${name}.json`), "utf8")) as ArticleInput;
}
