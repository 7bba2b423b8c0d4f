/** Stable ASCII slugs for names ("Kirill Dmitriev" → "kirill-dmitriev", "Иван Петренко" → "ivan-petrenko"). */
import anyAscii from "any-ascii";

/** A stable ASCII slug for a name. */
export function slugify(name: string): string {
  return anyAscii(name).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80);
}
