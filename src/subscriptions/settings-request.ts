/**
 * What users type after /digest and /quiet, parsed into settings. Keywords in the bot's four
 * languages; times as "08:00", "8:00", "8h", "8h30".
 */
import { parseTimeOfDay, parseWeekday } from "../delivery/local-time.js";
import type { DeliveryMode } from "../db/schema.js";

export type DigestRequest =
  | { ok: true; mode: DeliveryMode; time: string | null; weekday: number | null }
  | { ok: false; reason: "usage" | "time" | "weekday" };

const MODE_WORDS: [DeliveryMode, RegExp][] = [
  ["instant", /^(off|instant|now|non|aucun|désactivé|desactive|instantané|instantane|выкл|выключить|нет|сразу|вимк|вимкнути|ні|одразу)$/iu],
  ["hourly", /^(hourly|hour|horaire|heure|ежечасно|час|щогодини|година)$/iu],
  ["daily", /^(daily|day|quotidien|jour|ежедневно|день|щодня|щоденно)$/iu],
  ["weekly", /^(weekly|week|hebdo|hebdomadaire|semaine|еженедельно|неделя|щотижня|тиждень)$/iu],
];

/** "/digest daily 08:00", "/digest weekly monday 9h", "/digest hourly", "/digest off". */
export function parseDigestRequest(text: string): DigestRequest {
  const [first = "", ...rest] = text.trim().split(/\s+/).filter(Boolean);
  const mode = MODE_WORDS.find(([, words]) => words.test(first))?.[0];
  if (!mode) return { ok: false, reason: "usage" };
  if (mode === "instant" || mode === "hourly") return rest.length === 0 ? { ok: true, mode, time: null, weekday: null } : { ok: false, reason: "usage" };
  let weekday: number | null = null;
  if (mode === "weekly") {
    const day = rest.shift();
    weekday = day ? (parseWeekday(day) ?? null) : 1;
    if (weekday === null) return { ok: false, reason: "weekday" };
  }
  if (rest.length > 1) return { ok: false, reason: "usage" };
  const time = rest[0] ? parseTimeOfDay(rest[0]) : parseTimeOfDay("08:00");
  if (!time) return { ok: false, reason: "time" };
  return { ok: true, mode, time: time.text, weekday };
}

export type QuietRequest = { ok: true; start: string | null; end: string | null } | { ok: false };

/** "/quiet 22:00-07:00", "/quiet 23h 7h", "/quiet off". */
export function parseQuietRequest(text: string): QuietRequest {
  const input = text.trim();
  if (MODE_WORDS[0]![1].test(input)) return { ok: true, start: null, end: null };
  const parts = input.split(/\s*[-–—]\s*|\s+/).filter(Boolean);
  if (parts.length !== 2) return { ok: false };
  const start = parseTimeOfDay(parts[0]!);
  const end = parseTimeOfDay(parts[1]!);
  if (!start || !end || start.text === end.text) return { ok: false };
  return { ok: true, start: start.text, end: end.text };
}
