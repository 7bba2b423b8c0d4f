import { describe, expect, it } from "vitest";
import { discoverFeedLinks, looksLikeHtml } from "../../../src/feeds/content/discover.js";

describe("discoverFeedLinks", () => {
  const html = `<!DOCTYPE html><html><head>
    <link rel="stylesheet" href="/style.css">
    <link rel="alternate" type="application/rss+xml" title="  All   news " href="/feed/">
    <link rel="alternate nofollow" type="application/atom+xml; charset=utf-8" href="atom.xml">
    <link rel="Alternate" type="Application/Feed+JSON" href="https://cdn.example/feed.json">
    <link rel="alternate" type="application/rss+xml" href="/feed/">
    <link rel="alternate" hreflang="fr" href="/fr/">
    <link rel="alternate" type="application/json" href="/wp-json/wp/v2/posts/12">
    <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
  </head><body><p>Hi</p></body></html>`;

  it("finds feed links in document order, resolved and deduplicated", () => {
    expect(discoverFeedLinks(html, "https://news.example/section/page.html")).toEqual([
      { url: "https://news.example/feed/", title: "All news", type: "application/rss+xml" },
      { url: "https://news.example/section/atom.xml", type: "application/atom+xml" },
      { url: "https://cdn.example/feed.json", type: "application/feed+json" },
    ]);
  });

  it("resolves against <base href>, and works on a head-only fragment", () => {
    const head = `<base href="https://static.example/site/"><link rel="alternate" type="application/rdf+xml" href="rdf">`;
    expect(discoverFeedLinks(head, "https://news.example/")).toEqual([
      { url: "https://static.example/site/rdf", type: "application/rdf+xml" },
    ]);
  });

  it("returns nothing for a page without feeds or for garbage", () => {
    expect(discoverFeedLinks("<html><body>nothing</body></html>", "https://x.example/")).toEqual([]);
    expect(discoverFeedLinks("", "https://x.example/")).toEqual([]);
  });
});

describe("looksLikeHtml", () => {
  it("recognises pages", () => {
    expect(looksLikeHtml("<!DOCTYPE html><html><body></body></html>")).toBe(true);
    expect(looksLikeHtml("\uFEFF  <!-- hi -->\n<html lang=en>")).toBe(true);
    expect(looksLikeHtml('<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x"><html>')).toBe(true);
    expect(looksLikeHtml("<head><meta charset=utf-8>")).toBe(true);
  });

  it("recognises feeds whatever the media type says", () => {
    expect(looksLikeHtml('<?xml version="1.0"?><rss version="2.0">', "text/html")).toBe(false);
    expect(looksLikeHtml('<feed xmlns="http://www.w3.org/2005/Atom">', "text/html")).toBe(false);
    expect(looksLikeHtml("<rdf:RDF xmlns:rdf='x'>", "text/html; charset=utf-8")).toBe(false);
    expect(looksLikeHtml('{"version": "https://jsonfeed.org/version/1.1"}', "text/html")).toBe(false);
    expect(looksLikeHtml('<!DOCTYPE rss [<!ENTITY x "y">]><rss>')).toBe(false);
  });

  it("lets the media type decide when the content does not", () => {
    expect(looksLikeHtml("Hello", "text/html")).toBe(true);
    expect(looksLikeHtml("Hello", "application/xml")).toBe(false);
    expect(looksLikeHtml("Hello")).toBe(false);
  });
});
