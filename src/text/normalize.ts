/**
 * Name normalisation: the key under which aliases are stored and searched (exact and trigram).
 *
 * Steps, in order (deterministic, no locale data):
 * 1. Cyrillic soft and hard signs (ь ъ) are dropped: they have no Latin letter, and any-ascii would
 *    turn them into apostrophes that split words ("Зеленський" must stay one word).
 * 2. `any-ascii` transliterates every script to ASCII and removes accents ("États" → "Etats",
 *    "Дмитриев" → "Dmitriev", "Київ" → "Kiiv").
 * 3. Lower case; every character that is not a letter or digit becomes a space; spaces collapse.
 * 4. Each word goes through a few spelling-convergence rules so that the usual English, French,
 *    German, Russian and Ukrainian spellings of a Slavic or Germanic name meet (see
 *    {@link convergeWord}). The result is a key, not a display form: "Witkoff" → "vitkof".
 */
import anyAscii from "any-ascii";

const SIGNS = /[ьъЬЪ]/g;

/**
 * Rules applied to every word, whatever script it came from, so both sides of a comparison meet:
 * - "w" → "v"   (Witkoff / Виткофф, Wadephul / Вадефуль)
 * - "ph" → "f"  (Wadephul / Вадефуль)
 * - "x" → "ks"  (Axios / Аксиос)
 * - "kh" → "h"  (Johann / Йоханн: Russian writes a German or English "h" as "х")
 * - word-initial "ui" before a consonant → "vi" (Уиткофф → "uitkoff" → "vitkof")
 * - word-initial "ie" before a consonant → "ye" (Єрмак → "iermak" → "yermak")
 * - "iye" / "iie" → "ie" (Dmitriyev, Дмитрієв → "dmitriev")
 * - word-final "iy", "yy", "ij", "yi", "ii" → "y" (Zelenskiy, Zelenskyy, Зеленский → "zelensky")
 * - word-initial "jo"/"ju"/"ja" → "yo"/"yu"/"ya" (Johann / Йоханн)
 * - doubled letters are collapsed (Kirill / Кирил, Witkoff / Уиткоф)
 */
export function convergeWord(word: string): string {
  let w = word;
  w = w.replace(/ph/g, "f").replace(/w/g, "v").replace(/x/g, "ks").replace(/kh/g, "h");
  w = w.replace(/^ui(?=[^aeiouy])/, "vi");
  w = w.replace(/^ie(?=[^aeiouy])/, "ye");
  w = w.replace(/^j(?=[aou])/, "y");
  w = w.replace(/i[iy]e/g, "ie");
  w = w.replace(/(?:iy|yy|ij|yi|ii)$/, "y");
  w = w.replace(/([a-z])\1+/g, "$1");
  return w;
}

/**
 * The normalised form of a name or any text: lower case, no accents, Latin script, punctuation as
 * spaces, whitespace collapsed, spelling variants converged. Deterministic and idempotent.
 */
export function normalizeName(text: string): string {
  const ascii = anyAscii(text.normalize("NFC").replace(SIGNS, ""));
  return ascii
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter((w) => w.length > 0)
    .map(convergeWord)
    .join(" ");
}

/** The normalised words of a text (what token matching compares). */
export function nameTokens(text: string): string[] {
  const n = normalizeName(text);
  return n.length === 0 ? [] : n.split(" ");
}

/** Lower case and accents removed, script kept: for comparing words within one language. */
export function foldCase(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .normalize("NFC")
    .toLowerCase();
}

/** True when the text contains Cyrillic letters. */
export function isCyrillic(text: string): boolean {
  return /\p{Script=Cyrillic}/u.test(text);
}
