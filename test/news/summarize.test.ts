import { describe, expect, it } from "vitest";
import { MAX_BULLETS, MAX_LEAD_CHARS, MAX_SHARE, summarize } from "../../src/news/summarize.js";

// A small news text with one sentence that only restates the title (index 6) and two sentences
// that say the same thing in other words (1 and 2). Every other sentence adds a fact of its own.
const title = "Storm closes the harbour of Brest";
const sentences = [
  "A violent storm closed the harbour of Brest on Monday.",
  "Fishermen lost three boats and two piers were damaged by waves up to nine metres high.",
  "Two piers were damaged and fishermen lost three boats to waves nine metres high.",
  "The regional council promised emergency funds for the repairs within a month.",
  "Meteorologists expect calmer weather by Thursday, when ferries should resume.",
  "Local shops stayed closed as the electricity network failed in several districts.",
  "The harbour of Brest was closed by a storm.",
];
// As long as the article would be with a few more paragraphs: the budget leaves room for 3 bullets.
const articleChars = 3 * sentences.join(" ").length;
const { lead, bullets } = summarize(sentences, title, "en", articleChars);
const picked = [lead, ...bullets];

describe("summary selection on a synthetic article", () => {
  it("keeps the shape: one whole sentence as lead, at most 3 other whole sentences as bullets in text order", () => {
    expect(sentences).toContain(lead);
    expect(lead.length).toBeLessThan(MAX_LEAD_CHARS);
    expect(bullets.length).toBeGreaterThanOrEqual(2);
    expect(bullets.length).toBeLessThanOrEqual(MAX_BULLETS);
    const positions = bullets.map((b) => sentences.indexOf(b));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(bullets).not.toContain(lead);
  });

  it("does not pick both of two near-duplicate sentences", () => {
    expect(picked.filter((s) => s === sentences[1] || s === sentences[2])).toHaveLength(1);
  });

  it("does not pick the sentence that only restates the title", () => {
    expect(picked).not.toContain(sentences[6]);
  });

  it("spends the freed places on facts the title does not give", () => {
    expect(picked).toContain(sentences[3]);
  });
});

describe("summary length", () => {
  it("keeps the lead and bullets within a third of the article, the lead always given", () => {
    const whole = sentences.join(" ").length;
    const short = summarize(sentences, title, "en", whole);
    const used = [short.lead, ...short.bullets].join("").length;
    expect(used).toBeLessThanOrEqual(MAX_SHARE * whole);
    expect(short.bullets.length).toBeLessThan(MAX_BULLETS);
    // A budget smaller than any sentence still gives the lead, and no bullet.
    const tiny = summarize(sentences, title, "en", 10);
    expect(tiny.lead.length).toBeGreaterThan(0);
    expect(tiny.bullets).toEqual([]);
  });
});
