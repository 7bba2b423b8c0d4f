import { describe, expect, it } from "vitest";
import type { NameMatch } from "../../src/db/repositories/entities.js";
import { allowedEdits, rankMatch, rankMatches } from "../../src/entities/name-match.js";

function match(entityId: number, normalized: string, score = 0.5): NameMatch {
  return { entityId, name: normalized, kind: "person", score, alias: normalized, normalized, isShort: !normalized.includes(" "), mentionCount: 0 };
}

describe("allowedEdits", () => {
  it("allows two edits from eight letters, one from five, one at four unless strict, none below", () => {
    expect([allowedEdits("dmitriev", false), allowedEdits("putin", false), allowedEdits("trum", false), allowedEdits("mez", false)]).toEqual([2, 1, 1, 0]);
    expect([allowedEdits("dmitriev", true), allowedEdits("putin", true), allowedEdits("trum", true)]).toEqual([2, 1, 0]);
  });
});

describe("rankMatch", () => {
  it.each([
    ["vdaefhul", "vadefhul", 1, true], // swapped neighbours
    ["dmitirev", "dmitriev", 1, true],
    ["zelesnky", "zelensky", 1, true],
    ["trum", "trump", 1, true], // four letters, one edit when asked
    ["pupkin", "putin", 2, false], // two edits in six letters: another name, not a typo
    ["mez", "merz", 1, false], // three letters: too short to guess
  ])("%s against %s: %i edits, fits %s", (query, alias, edits, fits) => {
    const ranked = rankMatch(query, match(1, alias));
    expect(ranked.edits).toBe(edits);
    expect(ranked.fits).toBe(fits);
  });

  it("pairs each typed word with the closest word of the alias, in any order", () => {
    const ranked = rankMatch("dmitriev kiril", match(1, "kiril dmitriev"));
    expect(ranked).toMatchObject({ edits: 0, fits: true, whole: true });
    const part = rankMatch("dmitirev", match(1, "kiril dmitriev"));
    expect(part).toMatchObject({ edits: 1, fits: true, whole: false });
  });

  it("is strict for bare names: no typo under five letters", () => {
    expect(rankMatch("trum", match(1, "trump"))).toMatchObject({ fits: true, fitsStrictly: false });
    expect(rankMatch("putim", match(1, "putin"))).toMatchObject({ fits: true, fitsStrictly: true });
  });

  it("ignores one- and two-letter words, so \"Putin's\" is Putin", () => {
    expect(rankMatch("putin s", match(1, "putin"))).toMatchObject({ edits: 0, fits: true, whole: false });
  });
});

describe("rankMatches", () => {
  it("puts fitting names first, fewest edits first, otherwise keeps the search's order", () => {
    const ranked = rankMatches("ivanof", [match(1, "ivanova", 0.6), match(2, "ivanov", 0.5), match(3, "ivan ivanov", 0.4), match(4, "petrov", 0.9)]);
    expect(ranked.map((m) => m.entityId)).toEqual([2, 3, 1, 4]);
  });
});
