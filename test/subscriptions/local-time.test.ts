import { describe, expect, it } from "vitest";
import { nextDigestAt, parseTimeOfDay, parseTimeZone, quietUntil } from "../../src/delivery/local-time.js";
import { articleTerms, filterWord } from "../../src/subscriptions/filter-terms.js";
import { parseDigestRequest, parseQuietRequest } from "../../src/subscriptions/settings-request.js";

describe("a chat's clock", () => {
  it("reads time zones as cities, zone names and offsets", () => {
    expect(parseTimeZone("Paris")).toBe("Europe/Paris");
    expect(parseTimeZone("lyon")).toBe("Europe/Paris");
    expect(parseTimeZone("Kyiv")).toBe("Europe/Kyiv");
    expect(parseTimeZone("America/New_York")).toBe("America/New_York");
    expect(parseTimeZone("UTC+3")).toBe("UTC+3");
    expect(parseTimeZone("gmt-5:30")).toBe("UTC-5:30");
    expect(parseTimeZone("UTC")).toBe("UTC");
    expect(parseTimeZone("Atlantis")).toBeUndefined();
    expect(parseTimeZone("UTC+25")).toBeUndefined();
  });

  it("keeps a daily digest at its local time across both DST changes, and a weekly one on its day", () => {
    const paris = { mode: "daily" as const, time: "08:00", timeZone: "Europe/Paris" };
    expect(nextDigestAt(paris, new Date("2026-03-28T07:00:00Z"))).toEqual(new Date("2026-03-29T06:00:00Z"));
    expect(nextDigestAt(paris, new Date("2026-03-29T06:00:00Z"))).toEqual(new Date("2026-03-30T06:00:00Z"));
    expect(nextDigestAt(paris, new Date("2026-10-24T06:30:00Z"))).toEqual(new Date("2026-10-25T07:00:00Z"));
    expect(nextDigestAt({ mode: "hourly", timeZone: "UTC+5:30" }, new Date("2026-01-01T10:10:00Z"))).toEqual(new Date("2026-01-01T10:30:00Z"));
    // Monday 09:00 in Kyiv (UTC+2 in winter), asked on a Wednesday.
    expect(nextDigestAt({ mode: "weekly", time: "09:00", weekday: 1, timeZone: "Europe/Kyiv" }, new Date("2026-12-02T12:00:00Z"))).toEqual(new Date("2026-12-07T07:00:00Z"));
    expect(nextDigestAt({ mode: "instant", timeZone: "UTC" }, new Date())).toBeUndefined();
  });

  it("knows quiet hours across midnight and in the chat's zone", () => {
    const quiet = { start: "22:00", end: "07:00", timeZone: "Europe/Paris" };
    expect(quietUntil(quiet, new Date("2026-06-01T21:30:00Z"))).toEqual(new Date("2026-06-02T05:00:00Z"));
    expect(quietUntil(quiet, new Date("2026-06-02T04:00:00Z"))).toEqual(new Date("2026-06-02T05:00:00Z"));
    expect(quietUntil(quiet, new Date("2026-06-02T05:00:00Z"))).toBeUndefined();
    expect(quietUntil({ start: "12:00", end: "13:00", timeZone: "UTC" }, new Date("2026-06-02T12:30:00Z"))).toEqual(new Date("2026-06-02T13:00:00Z"));
    expect(quietUntil({ start: null, end: null, timeZone: "UTC" }, new Date())).toBeUndefined();
  });

  it("parses /digest and /quiet in the bot's languages and refuses nonsense politely", () => {
    expect(parseTimeOfDay("8h30")?.text).toBe("08:30");
    expect(parseTimeOfDay("24:00")).toBeUndefined();
    expect(parseDigestRequest("daily 7:15")).toEqual({ ok: true, mode: "daily", time: "07:15", weekday: null });
    expect(parseDigestRequest("weekly vendredi 18h")).toEqual({ ok: true, mode: "weekly", time: "18:00", weekday: 5 });
    expect(parseDigestRequest("щотижня неділя 10:00")).toEqual({ ok: true, mode: "weekly", time: "10:00", weekday: 7 });
    expect(parseDigestRequest("hourly")).toMatchObject({ ok: true, mode: "hourly" });
    expect(parseDigestRequest("off")).toMatchObject({ ok: true, mode: "instant" });
    expect(parseDigestRequest("daily 25:00")).toEqual({ ok: false, reason: "time" });
    expect(parseDigestRequest("weekly someday")).toEqual({ ok: false, reason: "weekday" });
    expect(parseDigestRequest("sometimes")).toEqual({ ok: false, reason: "usage" });
    expect(parseQuietRequest("22:00-07:00")).toEqual({ ok: true, start: "22:00", end: "07:00" });
    expect(parseQuietRequest("23h 6h")).toEqual({ ok: true, start: "23:00", end: "06:00" });
    expect(parseQuietRequest("выкл")).toEqual({ ok: true, start: null, end: null });
    expect(parseQuietRequest("22:00")).toEqual({ ok: false });
  });

  it("matches a filter word on forms and stems, never as a pattern", () => {
    const terms = new Set(articleTerms({ title: "Выборы", body: "Итоги выборов объявят завтра.", language: "ru" }));
    const elections = filterWord("выборы");
    expect(elections.ok && elections.variants.some((v) => terms.has(v))).toBe(true);
    const word = filterWord("(ab+)+$");
    expect(word.ok && word.variants.every((v) => /^[nws]:[a-z0-9 ]*$/.test(v))).toBe(true);
    expect(filterWord("   ")).toEqual({ ok: false, reason: "empty" });
    expect(filterWord("!!")).toEqual({ ok: false, reason: "not-a-word" });
  });
});
