// Explicit grammars instead of Date.parse: V8's fallback parser turns many non-dates
// ("nope 2", "Issue 12") into some date.

const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

// [Day,] DD Mon YYYY [HH:MM[:SS]] [zone]; real feeds also write full month names and no zone.
const RFC_822 =
  /^(?:[a-z]{2,9}\.?,?\s+)?(\d{1,2})[\s-]+([a-z]{3,9})\.?[\s-]+(\d{2}|\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(?:([a-z]{1,5})|([+-]\d{2}:?\d{2}))?$/i;

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** Zone names, in hours east of UTC: RFC 822 ones and a few that European feeds use. */
const ZONES: Readonly<Record<string, number>> = {
  z: 0, ut: 0, utc: 0, gmt: 0,
  est: -5, edt: -4, cst: -6, cdt: -5, mst: -7, mdt: -6, pst: -8, pdt: -7,
  bst: 1, cet: 1, cest: 2, eet: 2, eest: 3, msk: 3,
};

/** Minutes east of UTC of "+02:00" / "-0530" / "+03". */
function offsetMinutes(zone: string): number {
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || "0"));
}

function build(
  year: number, month: number, day: number, hour: number, minute: number, second: number,
  millis: number, offset: number,
): Date | undefined {
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 60) return undefined;
  const local = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), millis);
  // Date.UTC rolls 31 Feb over into March: reject what doesn't map back onto the same day.
  if (new Date(local).getUTCDate() !== day) return undefined;
  const date = new Date(local - offset * 60_000);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function parseIso(raw: string): Date | undefined {
  const m = ISO_8601.exec(raw);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const offset = !zone || zone.toUpperCase() === "Z" ? 0 : offsetMinutes(zone);
  const millis = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  return build(Number(y), Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0),
    Math.min(millis, 999), offset);
}

function parseRfc822(raw: string): Date | undefined {
  const m = RFC_822.exec(raw);
  if (!m) return undefined;
  const [, d, monthName, y, h, mi, s, zoneName, zoneOffset] = m;
  const month = MONTHS.indexOf((monthName ?? "").slice(0, 3).toLowerCase()) + 1;
  if (month === 0) return undefined;
  let offset = 0;
  if (zoneOffset) offset = offsetMinutes(zoneOffset);
  else if (zoneName) {
    const hours = ZONES[zoneName.toLowerCase()];
    // Single-letter military zones are ambiguous in practice: RFC 1123 says treat them as UTC.
    if (hours === undefined && zoneName.length > 1) return undefined;
    offset = (hours ?? 0) * 60;
  }
  let year = Number(y);
  if (y?.length === 2) year += year < 50 ? 2000 : 1900;
  return build(year, month, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), 0, offset);
}

/** A feed or page date (RFC 822 or ISO 8601); undefined rather than an Invalid Date. */
export function parseFeedDate(raw: string | undefined | null): Date | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  return parseIso(value) ?? parseRfc822(value);
}
