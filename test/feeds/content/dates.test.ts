import { describe, expect, it } from "vitest";
import { parseFeedDate } from "../../../src/feeds/content/dates.js";

const iso = (raw: string) => parseFeedDate(raw)?.toISOString();

describe("parseFeedDate", () => {
  it("reads RFC 822 dates with offsets, zone names and two-digit years", () => {
    expect(iso("Tue, 10 Jun 2025 06:30:00 +0100")).toBe("2025-06-10T05:30:00.000Z");
    expect(iso("Tue, 10 Jun 2025 06:30:00 GMT")).toBe("2025-06-10T06:30:00.000Z");
    expect(iso("10 Jun 2025 06:30 EST")).toBe("2025-06-10T11:30:00.000Z");
    expect(iso("Tue, 10 June 2025 06:30:00 CEST")).toBe("2025-06-10T04:30:00.000Z");
    expect(iso("Tue, 10 Jun 25 06:30:00 +0000")).toBe("2025-06-10T06:30:00.000Z");
    expect(iso("10 Jun 2025")).toBe("2025-06-10T00:00:00.000Z");
  });

  it("reads ISO 8601 / RFC 3339 dates", () => {
    expect(iso("2025-06-12T08:00:00+02:00")).toBe("2025-06-12T06:00:00.000Z");
    expect(iso("2025-06-12T08:00:00.25Z")).toBe("2025-06-12T08:00:00.250Z");
    expect(iso("2025-06-12 08:00:00 +0300")).toBe("2025-06-12T05:00:00.000Z");
    expect(iso("2025-06-12")).toBe("2025-06-12T00:00:00.000Z");
  });

  it("returns undefined, never an Invalid Date, for anything else", () => {
    for (const raw of ["", "  ", "nope 2", "Issue 12", "2025-02-30", "32 Jan 2025", "2025-13-01",
      "Tue, 10 Foo 2025 06:30:00 GMT", "10 Jun 2025 25:00 GMT", undefined, null]) {
      expect(parseFeedDate(raw)).toBeUndefined();
    }
  });
});
