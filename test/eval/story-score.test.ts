/** The story evaluation's maths, on examples worked out by hand. */
import { describe, expect, it } from "vitest";
import { scoreStories, unionClusters } from "../../eval/story-score.js";

describe("story scores", () => {
  it("computes B-cubed and pairwise scores, cross-language joins and near-miss merges", () => {
    const scores = scoreStories(
      [
        { article: "a", event: "E", cluster: "1", language: "en" },
        { article: "b", event: "E", cluster: "1", language: "fr" },
        { article: "c", event: "E", cluster: "2", language: "ru" },
        { article: "d", event: "F", cluster: "2", language: "ru" },
      ],
      [{ event: "F", nearMissOf: "E", kind: "same-people" }],
    );
    // Per article precision 1, 1, 1/2, 1/2; recall 2/3, 2/3, 1/3, 1.
    expect(scores.bcubed.precision).toBeCloseTo(0.75);
    expect(scores.bcubed.recall).toBeCloseTo(2 / 3);
    expect(scores.bcubed.f1).toBeCloseTo((2 * 0.75 * (2 / 3)) / (0.75 + 2 / 3));
    // Pairs: true {ab, ac, bc}; predicted {ab, cd}; correct {ab}.
    expect(scores.pairwise.precision).toBeCloseTo(0.5);
    expect(scores.pairwise.recall).toBeCloseTo(1 / 3);
    // E has three languages and no story holds them all.
    expect(scores.crossLanguage).toMatchObject({ events: 1, joined: 0, missed: ["E"] });
    // c and d share a story: one of the three E×F pairs.
    expect(scores.nearMiss).toMatchObject({ pairs: 1, mergedPairs: 1, articlePairs: 3, mergedArticlePairs: 1 });
  });

  it("joins by union: a links b, b links c", () => {
    expect(unionClusters(4, (i, j) => (i === 1 && j === 0) || (i === 2 && j === 1))).toEqual([0, 0, 0, 3]);
  });
});
