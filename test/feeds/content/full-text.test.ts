import { describe, expect, it } from "vitest";
import { extractArticle } from "../../../src/feeds/content/full-text.js";
import { feedFixture } from "./fixtures.js";

const pageUrl = "https://courrier-vallee.example/region/lac-aubrac-niveau?utm_source=newsletter";

describe("extractArticle", () => {
  const page = extractArticle(feedFixture("article-fr.html"), pageUrl);

  it("returns the body paragraphs without navigation, sidebar or footer", () => {
    const paragraphs = page.text?.split("\n\n") ?? [];
    expect(paragraphs).toHaveLength(8);
    expect(paragraphs[0]).toMatch(/^Après deux étés de sécheresse/);
    expect(paragraphs[7]).toMatch(/calendrier des travaux\.$/);
    for (const chrome of ["Abonnez-vous", "Les plus lus", "Derby", "Tous droits réservés", "analytics"]) {
      expect(page.text).not.toContain(chrome);
    }
  });

  it("reads the metadata", () => {
    // rel=canonical is relative to <base href="/region/">, and wins over og:url.
    expect(page.canonicalUrl).toBe("https://courrier-vallee.example/region/lac-aubrac-niveau");
    expect(page.language).toBe("fr");
    expect(page.siteName).toBe("Le Courrier de la Vallée");
    expect(page.title).toBe("Le lac d'Aubrac retrouve son niveau normal");
    expect(page.publishedAt?.toISOString()).toBe("2025-04-03T05:45:00.000Z");
  });

  it("falls back to og:url", () => {
    const html = feedFixture("article-fr.html").replace(/<link rel="canonical"[^>]*>/, "");
    expect(extractArticle(html, pageUrl).canonicalUrl).toBe(
      "https://courrier-vallee.example/og/lac-aubrac",
    );
  });

  it("finds nothing article-like in a list of links", () => {
    const links = Array.from({ length: 30 }, (_, i) => `<li><a href="/n/${i}">Headline ${i}</a></li>`);
    const home = extractArticle(
      `<html lang="en"><head><title>Front page</title></head><body><ul>${links.join("")}</ul></body></html>`,
      "https://x.example/",
    );
    expect(home.text).toBeUndefined();
    expect(home.language).toBe("en");
  });

  it("does not throw on garbage", () => {
    expect(extractArticle("not html at all", "https://x.example/")).toEqual({});
    expect(extractArticle("", "not a url")).toEqual({});
    expect(() => extractArticle("<<<>>><html<body", "https://x.example/")).not.toThrow();
    expect(() => extractArticle("\u0000\uFFFF<p>".repeat(1000), "")).not.toThrow();
  });

  it("cuts huge input instead of parsing it all", () => {
    const filler = `<p>${"Lorem ipsum dolor sit amet. ".repeat(40)}</p>`;
    const huge = `<html><body><article>${filler.repeat(4000)}</article></body></html>`;
    expect(huge.length).toBeGreaterThan(3 * 1024 * 1024);
    const text = extractArticle(huge, "https://x.example/").text ?? "";
    expect(text.length).toBeGreaterThan(0);
    expect(text.length).toBeLessThan(3 * 1024 * 1024);
  });
});
