import { describe, expect, it } from "vitest";
import { buildOpml, OpmlParseError, parseOpmlFeeds } from "../../../src/feeds/content/opml.js";

describe("buildOpml → parseOpmlFeeds", () => {
  const now = new Date("2025-06-15T12:00:00Z");
  const feeds = [
    {
      url: "https://gazette.example/feed.xml?lang=en&format=rss",
      title: "Riverside Gazette & <Co>",
      siteUrl: "https://gazette.example/",
      categories: ["Local", "Transport"],
    },
    { url: "https://vesti-kraya.example/rss", title: "Вести края" },
    { url: "https://harbour.example/feed.json" },
  ];

  it("round-trips URLs, titles and categories", () => {
    const xml = buildOpml("My subscriptions", feeds, now);
    expect(xml).toMatch(/^<\?xml version="1.0"/);
    expect(xml).toContain('<opml version="2.0">');
    expect(xml).toContain('type="rss"');
    expect(xml).toContain('htmlUrl="https://gazette.example/"');
    expect(xml).toContain("Sun, 15 Jun 2025 12:00:00 GMT");
    expect(parseOpmlFeeds(xml)).toEqual([
      {
        url: "https://gazette.example/feed.xml?lang=en&format=rss",
        title: "Riverside Gazette & <Co>",
        categories: ["Local", "Transport"],
      },
      { url: "https://vesti-kraya.example/rss", title: "Вести края", categories: [] },
      { url: "https://harbour.example/feed.json", title: "https://harbour.example/feed.json", categories: [] },
    ]);
  });

  it("writes and reads an empty list", () => {
    const xml = buildOpml("Nothing & nobody", [], now);
    expect(xml).toContain("<title>Nothing &amp; nobody</title>");
    expect(parseOpmlFeeds(xml)).toEqual([]);
  });
});

describe("parseOpmlFeeds", () => {
  it("walks nested folders, reads the category attribute and dedupes by URL", () => {
    const opml = `<?xml version="1.0" encoding="UTF-8"?>
      <opml version="1.0">
        <head><title>Export</title></head>
        <body>
          <outline text="News">
            <outline text="Europe" title="Europe">
              <outline type="rss" text="Le Courrier" xmlUrl="https://courrier-vallee.example/feed.xml"
                       category="/Régions/Sud,Agriculture"/>
            </outline>
            <outline type="rss" text="Gazette" xmlUrl="https://gazette.example/feed.xml"/>
          </outline>
          <outline text="Ports" xmlURL="https://harbour.example/feed.json"/>
          <outline text="Again" xmlUrl="https://gazette.example/feed.xml" category="Transport"/>
          <outline text="Broken" xmlUrl="ftp://old.example/feed"/>
          <outline text="Empty folder"/>
        </body>
      </opml>`;
    expect(parseOpmlFeeds(opml)).toEqual([
      {
        url: "https://courrier-vallee.example/feed.xml",
        title: "Le Courrier",
        categories: ["News", "Europe", "Régions", "Sud", "Agriculture"],
      },
      { url: "https://gazette.example/feed.xml", title: "Gazette", categories: ["News", "Transport"] },
      { url: "https://harbour.example/feed.json", title: "Ports", categories: [] },
    ]);
  });

  it("throws OpmlParseError on input that is not OPML", () => {
    for (const text of ["", "hello", "<html><body><p>x</p></body></html>", '<opml version="2.0"><body><outline text="a"/></body></opml><<<']) {
      expect(() => parseOpmlFeeds(text), text).toThrow(OpmlParseError);
    }
  });
});
