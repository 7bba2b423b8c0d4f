import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const dir = fileURLToPath(new URL("../../fixtures/feeds/", import.meta.url));

/** A file of test/fixtures/feeds, as text. */
export function feedFixture(name: string): string {
  return readFileSync(`${dir}${name}`, "utf8");
}
