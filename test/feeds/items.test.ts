/**
 * From a parsed feed item to what the bot stores (src/feeds/items.ts): the item's key within its
 * feed, its article (dates, title fallback, language, tags), and text made safe to store.
 */
import { describe, expect, it } from "vitest";
import type { FeedItem } from "../../src/feeds/content/parse-feed.js";
import { feedTextOf, guidKeyOf, itemArticle, needsPage, primaryLanguage, storable } from "../../src/feeds/items.js";
import { BODY_MAX, TITLE_MAX } from "../../src/news/article-request.js";

const NOW = new Date("2025-06-02T12:00:00Z");
const item = (fields: Partial<FeedItem> = {}): FeedItem => ({ guidIsPermaLink: false, categories: [], ...fields });
/** True when `text` holds a UTF-16 surrogate without its other half. */
const hasLoneSurrogate = (text: string) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

describe("guidKeyOf", () => {
  it("is the guid, trimmed", () => {
    expect(guidKeyOf(item({ guid: "harbour-2025-17" }))).toBe("harbour-2025-17");
    expect(guidKeyOf(item({ guid: "  harbour-2025-17 \n" }))).toBe("harbour-2025-17");
    expect(guidKeyOf(item({ guid: "tag:news.example,2025:17" }))).toBe("tag:news.example,2025:17");
  });

  it("prefers the guid to the link", () => {
    expect(guidKeyOf(item({ guid: "g-1", link: "https://news.example/a/1" }))).toBe("g-1");
  });

  it("canonicalises a permalink guid, so tracking variants are one item", () => {
    const keys = [
      "https://News.Example/a/1?utm_source=rss&id=5",
      "https://news.example/a/1?id=5&utm_medium=feed&utm_campaign=spring",
      "https://news.example/a/1?id=5#comments",
      "https://news.example:443/a/1?fbclid=xyz&id=5",
    ].map((guid) => guidKeyOf(item({ guid, guidIsPermaLink: true })));
    expect(new Set(keys)).toEqual(new Set(["https://news.example/a/1?id=5"]));
    // Other parameters still tell items apart.
    expect(guidKeyOf(item({ guid: "https://news.example/a/1?id=6" }))).toBe("https://news.example/a/1?id=6");
  });

  it("falls back to the canonical link", () => {
    expect(guidKeyOf(item({ link: "https://news.example/b/2?utm_source=rss" }))).toBe("https://news.example/b/2");
    expect(guidKeyOf(item({ guid: "   ", link: "https://news.example/b/2#top" }))).toBe("https://news.example/b/2");
  });

  it("falls back to a hash of the title and text", () => {
    const key = guidKeyOf(item({ title: "Ferries return", summaryHtml: "<p>The ferries return on Monday.</p>" }));
    expect(key).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(guidKeyOf(item({ title: "Ferries return", summaryHtml: "<p>The ferries return on Monday.</p>" }))).toBe(key);
    expect(guidKeyOf(item({ title: "Ferries return late", summaryHtml: "<p>The ferries return on Monday.</p>" }))).not.toBe(key);
    expect(guidKeyOf(item({ title: "Ferries return", summaryHtml: "<p>The ferries return on Tuesday.</p>" }))).not.toBe(key);
    // A link that is not http(s) is no link.
    expect(guidKeyOf(item({ title: "Ferries return", link: "ftp://news.example/x", summaryHtml: "<p>The ferries return on Monday.</p>" }))).toBe(key);
    expect(guidKeyOf(item({ contentHtml: "<p>Only a body.</p>" }))).toMatch(/^sha256:/);
  });

  it("is undefined for an item with nothing to tell it by", () => {
    expect(guidKeyOf(item())).toBeUndefined();
    expect(guidKeyOf(item({ guid: " ", title: "  " }))).toBeUndefined();
  });

  it("is at most 1000 characters", () => {
    expect(guidKeyOf(item({ guid: "g".repeat(5000) }))).toHaveLength(1000);
    expect(guidKeyOf(item({ link: `https://news.example/${"p".repeat(5000)}` }))!.length).toBe(1000);
  });
});

describe("itemArticle", () => {
  const text = "The ferry company announced a new timetable.\n\nBoats will leave every hour from the north pier.";

  it("builds the article of an item", () => {
    const article = itemArticle(
      item({ title: "  New ferry timetable  ", publishedAt: new Date("2025-06-01T08:00:00Z"), language: "en-GB", categories: ["Transport", "Harbour"] }),
      text,
      { url: "https://news.example/ferry", language: "fr", now: NOW },
    );
    expect(article).toEqual({
      title: "New ferry timetable",
      body: text,
      url: "https://news.example/ferry",
      publishedAt: new Date("2025-06-01T08:00:00Z"),
      language: "en",
      tags: ["Transport", "Harbour"],
    });
  });

  it("drops a date in the future, keeps one up to now", () => {
    const at = (publishedAt: Date) => itemArticle(item({ title: "T", publishedAt }), text, { now: NOW })!.publishedAt;
    expect(at(new Date(NOW.getTime() + 3_600_000))).toBeUndefined();
    expect(at(new Date(NOW.getTime() + 1_000))).toBeUndefined();
    expect(at(NOW)).toEqual(NOW);
    expect(at(new Date("2020-01-01T00:00:00Z"))).toEqual(new Date("2020-01-01T00:00:00Z"));
  });

  it("takes the feed's language when the item has none", () => {
    expect(itemArticle(item({ title: "T" }), text, { language: "uk-UA", now: NOW })!.language).toBe("uk");
    expect(itemArticle(item({ title: "T" }), text, { language: null, now: NOW })!.language).toBeUndefined();
    expect(itemArticle(item({ title: "T", language: "not a language" }), text, { now: NOW })!.language).toBeUndefined();
  });

  it("falls back to the text's first line for the title", () => {
    expect(itemArticle(item(), text, { now: NOW })!.title).toBe("The ferry company announced a new timetable.");
    expect(itemArticle(item({ title: "   " }), text, { now: NOW })!.title).toBe("The ferry company announced a new timetable.");
    const long = `${"word ".repeat(60)}end.\n\nSecond paragraph.`;
    const title = itemArticle(item(), long, { now: NOW })!.title;
    expect(title.length).toBeLessThanOrEqual(120);
    expect(long.startsWith(title)).toBe(true);
  });

  it("is none without text", () => {
    expect(itemArticle(item({ title: "A title only" }), "", { now: NOW })).toBeUndefined();
    expect(itemArticle(item({ title: "A title only" }), "  \n ", { now: NOW })).toBeUndefined();
    expect(itemArticle(item(), "\u0000\u0000", { now: NOW })).toBeUndefined();
  });

  it("makes title, body and tags storable and bounded", () => {
    const article = itemArticle(item({ title: `Storm\u0000 warning \uD800for the coast`, categories: ["Weather", "Weather", "\u0000", "Coast\uDC00"] }), `Wind\u0000 and rain.\uDBFF`, { now: NOW })!;
    expect(article.title).toBe("Storm warning for the coast");
    expect(article.body).toBe("Wind and rain.");
    expect(article.tags).toEqual(["Weather", "Coast"]);

    const huge = itemArticle(item({ title: "x".repeat(TITLE_MAX * 2) }), "All work and no play. ".repeat(20_000), { now: NOW })!;
    expect(huge.title.length).toBeLessThanOrEqual(TITLE_MAX);
    expect(huge.title.endsWith("…")).toBe(true);
    expect(huge.body.length).toBeLessThanOrEqual(BODY_MAX);
    expect(huge.body.endsWith("…")).toBe(true);

    const tags = itemArticle(item({ title: "T", categories: Array.from({ length: 30 }, (_, i) => `tag-${i}`) }), text, { now: NOW })!.tags;
    expect(tags).toHaveLength(20);
  });

  it("a title cut next to an emoji keeps it whole or drops it", () => {
    const title = `${"a".repeat(TITLE_MAX - 2)}🚢 ferries`;
    const article = itemArticle(item({ title }), text, { now: NOW })!;
    expect(hasLoneSurrogate(article.title)).toBe(false);
    expect(article.title.length).toBeLessThanOrEqual(TITLE_MAX);
  });
});

describe("storable", () => {
  it("strips NUL and lone surrogates, keeps whole pairs", () => {
    expect(storable("a\u0000b", 100)).toBe("ab");
    expect(storable("lone \uD83D high", 100)).toBe("lone  high");
    expect(storable("lone \uDE00 low", 100)).toBe("lone  low");
    expect(storable("ship 🚢 and wave 🌊", 100)).toBe("ship 🚢 and wave 🌊");
    expect(storable("  padded \n", 100)).toBe("padded");
  });

  it("keeps text that fits", () => {
    expect(storable("exactly ten", 11)).toBe("exactly ten");
  });

  it("cuts long text at a word, with an ellipsis", () => {
    const text = "one two three four five six seven eight nine ten eleven twelve";
    const cut = storable(text, 30);
    expect(cut.length).toBeLessThanOrEqual(30);
    expect(cut.endsWith("…")).toBe(true);
    expect(text.startsWith(cut.slice(0, -1))).toBe(true);
    // At a word: what is kept ends where a word ends.
    expect(text[cut.length - 1]).toBe(" ");
  });

  it("cuts a long word where it must", () => {
    expect(storable("a".repeat(50), 10)).toBe(`${"a".repeat(9)}…`);
  });

  it("never cuts a surrogate pair in half", () => {
    for (let at = 0; at < 12; at++) {
      const text = `${"b".repeat(at)}🌊${"c".repeat(20)}`;
      const cut = storable(text, 10);
      expect(hasLoneSurrogate(cut), `emoji at ${at}: ${JSON.stringify(cut)}`).toBe(false);
      expect(cut.length).toBeLessThanOrEqual(10);
      expect(cut.endsWith("…")).toBe(true);
    }
  });
});

describe("primaryLanguage", () => {
  it.each([
    ["en", "en"],
    ["en-US", "en"],
    ["FR", "fr"],
    ["fr-CA", "fr"],
    ["uk_UA", "uk"],
    [" ru ", "ru"],
    ["zh-Hant-TW", "zh"],
    ["haw", "haw"],
  ])("%j → %j", (tag, language) => {
    expect(primaryLanguage(tag)).toBe(language);
  });

  it.each([undefined, "", "e", "english", "en-", "en US", "12", "x-klingon"])("%j → undefined", (tag) => {
    expect(primaryLanguage(tag)).toBeUndefined();
  });
});

describe("feedTextOf and needsPage", () => {
  it("takes the longer of the content and the summary, as text", () => {
    expect(feedTextOf(item({ contentHtml: "<p>Full <b>story</b> here.</p>", summaryHtml: "<p>Short.</p>" }))).toBe("Full story here.");
    expect(feedTextOf(item({ contentHtml: "<p>Hi.</p>", summaryHtml: "<p>A longer summary.</p>" }))).toBe("A longer summary.");
    expect(feedTextOf(item())).toBe("");
  });

  it("wants the page only for a teaser with a link", () => {
    expect(needsPage(item({ link: "https://news.example/a" }), "Read more")).toBe(true);
    expect(needsPage(item(), "Read more")).toBe(false);
  });
});
