/**
 * Language detection, offline, with `tinyld` (n-gram profiles shipped inside the package).
 * Returns an ISO 639-1 code, or "und" when the text is empty or the detector is unsure.
 */
import { detect } from "tinyld";
import { isCyrillic } from "./normalize.js";

/**
 * Ukrainian-only letters (і ї є ґ) versus Russian-only letters (ы э ъ ё): on short Cyrillic texts
 * n-gram detectors confuse the two, while these letters decide it when only one set occurs.
 */
function cyrillicHint(text: string): "ru" | "uk" | undefined {
  const uk = (text.match(/[іїєґ]/giu) ?? []).length;
  const ru = (text.match(/[ыэъё]/giu) ?? []).length;
  if (uk > 0 && ru === 0) return "uk";
  if (ru > 0 && uk === 0) return "ru";
  return undefined;
}

/** Detects the language of a text: "fr", "en", "ru", "uk", "de", … or "und". */
export function detectLanguage(text: string): string {
  const sample = text.slice(0, 5000);
  if (!/\p{L}/u.test(sample)) return "und";
  const found = detect(sample);
  if (found === "ru" || found === "uk") return cyrillicHint(sample) ?? found;
  if (found === "" || found === undefined) {
    return isCyrillic(sample) ? (cyrillicHint(sample) ?? "und") : "und";
  }
  return found;
}
