/**
 * A chat's clock: its time zone (an IANA zone or a fixed UTC offset), when its next digest is
 * due, and whether it is in its quiet hours. Pure functions over luxon, which knows the DST rules,
 * so "every day at 08:00 Europe/Paris" stays 08:00 across the clock change.
 */
import { getTimeZones } from "@vvo/tzdb";
import { DateTime, IANAZone, FixedOffsetZone } from "luxon";
import { normalizeName } from "../text/normalize.js";
import type { DeliveryMode } from "../db/schema.js";

export interface DigestSchedule {
  mode: DeliveryMode;
  /** "HH:MM" for daily and weekly digests. */
  time?: string | null;
  /** 1 = Monday … 7 = Sunday, for weekly digests. */
  weekday?: number | null;
  timeZone: string;
}

/** "08:00", "8:00", "8h", "8h30" → { hour, minute }; undefined when it is not a time of day. */
export function parseTimeOfDay(text: string): { hour: number; minute: number; text: string } | undefined {
  const match = /^(\d{1,2})(?:[:h.](\d{2}))?h?$/i.exec(text.trim());
  if (!match) return undefined;
  const hour = Number(match[1]);
  const minute = Number(match[2] ?? "0");
  if (hour > 23 || minute > 59) return undefined;
  return { hour, minute, text: `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}` };
}

const ZONES = getTimeZones();
/** City → zone, from @vvo/tzdb's main cities of every zone ("lyon" → Europe/Paris). */
const CITY_ZONES = new Map<string, string>();
for (const zone of ZONES) {
  for (const city of [...zone.mainCities, zone.name.split("/").pop()!.replace(/_/g, " ")]) {
    const key = normalizeName(city);
    if (key && !CITY_ZONES.has(key)) CITY_ZONES.set(key, zone.name);
  }
}

/**
 * A time zone from what a user types: "Europe/Paris", "Paris", "Kyiv", "UTC+3", "GMT-5:30",
 * "+2". Undefined when nothing matches.
 */
export function parseTimeZone(text: string): string | undefined {
  const input = text.trim();
  if (!input || input.length > 60) return undefined;
  const offset = /^(?:utc|gmt)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$/i.exec(input);
  if (offset) {
    const hours = Number(offset[2]);
    const minutes = Number(offset[3] ?? "0");
    if (hours > 14 || minutes > 59) return undefined;
    return minutes === 0 ? `UTC${offset[1]}${hours}` : `UTC${offset[1]}${hours}:${String(minutes).padStart(2, "0")}`;
  }
  if (/^(utc|gmt|z)$/i.test(input)) return "UTC";
  if (IANAZone.isValidZone(input)) return IANAZone.create(input).name;
  return CITY_ZONES.get(normalizeName(input));
}

/** The luxon zone of a stored time zone ("UTC+3" is a fixed offset). */
function zoneOf(timeZone: string) {
  const offset = /^UTC([+-])(\d{1,2})(?::(\d{2}))?$/.exec(timeZone);
  if (offset) {
    const minutes = (Number(offset[2]) * 60 + Number(offset[3] ?? "0")) * (offset[1] === "-" ? -1 : 1);
    return FixedOffsetZone.instance(minutes);
  }
  return IANAZone.isValidZone(timeZone) ? IANAZone.create(timeZone) : FixedOffsetZone.utcInstance;
}

/** When the next digest is due after `after`; undefined for instant delivery. */
export function nextDigestAt(schedule: DigestSchedule, after: Date): Date | undefined {
  const now = DateTime.fromJSDate(after, { zone: zoneOf(schedule.timeZone) });
  if (schedule.mode === "instant") return undefined;
  if (schedule.mode === "hourly") return now.startOf("hour").plus({ hours: 1 }).toJSDate();
  const time = parseTimeOfDay(schedule.time ?? "08:00") ?? { hour: 8, minute: 0 };
  const at = (day: DateTime) => day.set({ hour: time.hour, minute: time.minute, second: 0, millisecond: 0 });
  if (schedule.mode === "daily") {
    const today = at(now);
    // Adding a calendar day, then setting the wall-clock time, is what keeps 08:00 across DST.
    return (today > now ? today : at(now.plus({ days: 1 }))).toJSDate();
  }
  const weekday = schedule.weekday && schedule.weekday >= 1 && schedule.weekday <= 7 ? schedule.weekday : 1;
  let candidate = at(now.set({ weekday: weekday as 1 | 2 | 3 | 4 | 5 | 6 | 7 }));
  if (candidate <= now) candidate = at(now.plus({ weeks: 1 }).set({ weekday: weekday as 1 | 2 | 3 | 4 | 5 | 6 | 7 }));
  return candidate.toJSDate();
}

/**
 * The end of the quiet hours `start`–`end` (local "HH:MM", possibly across midnight) when `now`
 * falls inside them; undefined otherwise.
 */
export function quietUntil(quiet: { start?: string | null; end?: string | null; timeZone: string }, now: Date): Date | undefined {
  const start = quiet.start ? parseTimeOfDay(quiet.start) : undefined;
  const end = quiet.end ? parseTimeOfDay(quiet.end) : undefined;
  if (!start || !end) return undefined;
  const local = DateTime.fromJSDate(now, { zone: zoneOf(quiet.timeZone) });
  const minutes = local.hour * 60 + local.minute;
  const from = start.hour * 60 + start.minute;
  const to = end.hour * 60 + end.minute;
  if (from === to) return undefined;
  const inside = from < to ? minutes >= from && minutes < to : minutes >= from || minutes < to;
  if (!inside) return undefined;
  let until = local.set({ hour: end.hour, minute: end.minute, second: 0, millisecond: 0 });
  if (until <= local) until = local.plus({ days: 1 }).set({ hour: end.hour, minute: end.minute, second: 0, millisecond: 0 });
  return until.toJSDate();
}

/** Weekday names users may type, in the bot's languages, to 1 (Monday) … 7. */
const WEEKDAYS: Record<string, number> = {};
const NAMES: [number, string[]][] = [
  [1, ["monday", "mon", "lundi", "lun", "понедельник", "пн", "понеділок"]],
  [2, ["tuesday", "tue", "mardi", "mar", "вторник", "вт", "вівторок"]],
  [3, ["wednesday", "wed", "mercredi", "mer", "среда", "ср", "середа"]],
  [4, ["thursday", "thu", "jeudi", "jeu", "четверг", "чт", "четвер"]],
  [5, ["friday", "fri", "vendredi", "ven", "пятница", "пт", "пʼятниця", "п'ятниця", "пятниця"]],
  [6, ["saturday", "sat", "samedi", "sam", "суббота", "сб", "субота"]],
  [7, ["sunday", "sun", "dimanche", "dim", "воскресенье", "вс", "неділя", "нд"]],
];
for (const [day, names] of NAMES) for (const name of names) WEEKDAYS[name] = day;

/** "monday", "lundi", "пн"… → 1–7. */
export function parseWeekday(text: string): number | undefined {
  return WEEKDAYS[text.trim().toLowerCase()];
}

/** A moment as the chat reads it: "Thu 4 Dec, 08:00" in its time zone and language. */
export function formatLocalTime(date: Date, timeZone: string, locale: string): string {
  return DateTime.fromJSDate(date, { zone: zoneOf(timeZone) })
    .setLocale(locale)
    .toLocaleString({ weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
}
