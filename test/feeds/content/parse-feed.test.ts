import { describe, expect, it } from "vitest";
import { teaserLike, htmlToText } from "../../../src/feeds/content/html-text.js";
import {
  FeedParseError,
  MAX_FEED_ITEMS,
  parseFeedDocument,
} from "../../../src/feeds/content/parse-feed.js";
import { feedFixture } from "./fixtures.js";

function parseError(text: string): FeedParseError {
  try {
    parseFeedDocument(text);
  } catch (error) {
    expect(error).toBeInstanceOf(FeedParseError);
    return error as FeedParseError;
  }
  throw new Error("expected a FeedParseError");
}

describe("RSS 2.0 with content:encoded", () => {
  const feed = parseFeedDocument(feedFixture("rss-full-en.xml"));
  const [tram, library] = feed.items;

  it("reads the channel", () => {
    expect(feed).toMatchObject({
      format: "rss",
      title: "Riverside Gazette & Co",
      siteUrl: "https://gazette.example/",
      language: "en-gb",
      ttlSeconds: 30 * 60,
    });
    expect(feed.items).toHaveLength(2);
  });

  it("reads an item: plain-text title, relative link resolved against the site, RFC 822 date", () => {
    expect(tram).toMatchObject({
      guid: "gazette-4411",
      guidIsPermaLink: false,
      link: "https://gazette.example/2025/06/tram-line?utm_source=rss&utm_medium=feed",
      title: "Council approves the eastern tram line",
      author: "Hannah Vale",
      summaryHtml: "The council voted for the tram line on Monday.",
      imageUrl: "https://cdn.gazette.example/img/tram.jpg",
    });
    expect(tram?.publishedAt?.toISOString()).toBe("2025-06-10T05:30:00.000Z");
  });

  it("keeps the full HTML, which is not a teaser", () => {
    const text = htmlToText(tram?.contentHtml ?? "");
    expect(text.split("\n\n")).toHaveLength(5);
    expect(text).not.toContain("trackView");
    expect(teaserLike(text, tram?.title)).toBe(false);
  });

  it("dedupes categories case-insensitively, keeping the first spelling", () => {
    expect(tram?.categories).toEqual(["Transport", "City Hall"]);
    expect(library?.categories).toEqual([]);
  });

  it("gives no date for an unparseable one, and takes media:content as the image", () => {
    expect(library?.publishedAt).toBeUndefined();
    expect(library).toMatchObject({
      guid: "https://gazette.example/?p=4410",
      guidIsPermaLink: true,
      imageUrl: "https://cdn.gazette.example/img/library.png",
    });
    expect(library?.contentHtml).toBeUndefined();
  });

  it("falls back to a permalink guid when an item has no link", () => {
    const doc = parseFeedDocument(
      `<rss version="2.0"><channel><title>x</title><item><title>t</title>` +
        `<guid>https://x.example/p/1</guid></item></channel></rss>`,
    );
    expect(doc.items[0]?.link).toBe("https://x.example/p/1");
  });
});

describe("RSS 2.0 with only a short description", () => {
  const feed = parseFeedDocument(feedFixture("rss-teaser-fr.xml"));
  const item = feed.items[0];

  it("decodes the title and keeps the description as the summary", () => {
    expect(feed.language).toBe("fr");
    expect(item?.title).toBe("Les vendanges commencent avec deux semaines d'avance");
    expect(item?.contentHtml).toBeUndefined();
    expect(item?.categories).toEqual(["Région"]);
    expect(item?.publishedAt?.toISOString()).toBe("2025-09-01T08:15:00.000Z");
  });

  it("is a teaser", () => {
    expect(teaserLike(htmlToText(item?.summaryHtml ?? ""), item?.title)).toBe(true);
  });
});

describe("Atom 1.0", () => {
  const feedUrl = "https://plateau.example/feeds/atom.xml";
  const feed = parseFeedDocument(feedFixture("atom-fr.xml"), { feedUrl });
  const [market, bridge] = feed.items;

  it("turns HTML titles into plain text", () => {
    expect(feed.title).toBe("Le Journal du Plateau");
    expect(market?.title).toBe("Marché de nuit : record d'affluence");
  });

  it("resolves relative links against the feed URL, and xml:base where given", () => {
    expect(feed.siteUrl).toBe("https://plateau.example/");
    expect(market?.link).toBe("https://plateau.example/articles/marche-de-nuit");
    expect(market?.imageUrl).toBe("https://plateau.example/media/marche.webp");
    expect(bridge?.link).toBe("https://autre.example/blog/pont-ferme");
  });

  it("drops links it cannot make absolute", () => {
    const alone = parseFeedDocument(feedFixture("atom-fr.xml"));
    expect(alone.siteUrl).toBeUndefined();
    expect(alone.items[0]?.link).toBeUndefined();
    expect(alone.items[1]?.link).toBe("https://autre.example/blog/pont-ferme");
  });

  it("reads content, summary, dates, authors and categories", () => {
    expect(market).toMatchObject({
      guid: "urn:uuid:entry-marche-nuit",
      guidIsPermaLink: false,
      summaryHtml: "<p>Plus de six mille visiteurs samedi soir.</p>",
      author: "La rédaction",
      categories: ["Vie locale", "commerce"],
    });
    expect(htmlToText(market?.contentHtml ?? "")).toBe(
      "Le marché de nuit a accueilli plus de six mille visiteurs samedi soir.\n\n" +
        "Les exposants demandent déjà une deuxième édition en août.",
    );
    expect(market?.publishedAt?.toISOString()).toBe("2025-06-12T06:00:00.000Z");
    // No <published>: <updated> stands in.
    expect(bridge?.publishedAt?.toISOString()).toBe("2025-06-11T17:45:00.000Z");
    expect(bridge?.author).toBe("Paul Aubert");
    expect(htmlToText(bridge?.contentHtml ?? "")).toBe("Le pont restera fermé jusqu'à lundi.");
    expect(feed.language).toBe("fr");
  });
});

describe("RDF / RSS 1.0", () => {
  const feed = parseFeedDocument(feedFixture("rdf-ru.xml"));

  it("reads the channel, Dublin Core and syndication fields", () => {
    expect(feed).toMatchObject({
      format: "rdf",
      title: "Вести края",
      siteUrl: "https://vesti-kraya.example/",
      language: "ru",
      ttlSeconds: 3600 / 4,
    });
    expect(feed.items[0]).toMatchObject({
      link: "https://vesti-kraya.example/news/most",
      title: "В городе открыли новый мост",
      author: "Ирина Соколова",
      categories: ["Город"],
    });
    expect(feed.items[0]?.publishedAt?.toISOString()).toBe("2025-06-14T09:00:00.000Z");
  });
});

describe("JSON Feed 1.1", () => {
  const feed = parseFeedDocument(feedFixture("json-feed-en.json"));
  const [ferry, market] = feed.items;

  it("reads items, resolving relative URLs against the home page", () => {
    expect(feed).toMatchObject({ format: "json", title: "Harbour Notes", language: "en" });
    expect(ferry).toMatchObject({
      guid: "hn-207",
      link: "https://harbour.example/posts/ferry-timetable",
      title: "Ferry timetable changes & new evening crossing",
      author: "Sam Ortiz",
      categories: ["Transport", "Harbour"],
      imageUrl: "https://harbour.example/img/ferry.jpg",
      summaryHtml: "<p>An evening crossing is added.</p>",
    });
    expect(ferry?.publishedAt?.toISOString()).toBe("2025-06-09T22:20:00.000Z");
  });

  it("escapes content_text into HTML paragraphs and falls back to the feed author", () => {
    expect(market?.contentHtml).toBeUndefined();
    expect(htmlToText(market?.summaryHtml ?? "")).toBe(
      "The fish market reopens on Saturday.\n\nStalls were renovated over the winter.",
    );
    expect(market?.author).toBe("Harbour Notes desk");
    expect(market?.publishedAt).toBeUndefined();
  });
});

describe("documents that are not feeds", () => {
  it("rejects broken XML", () => {
    const error = parseError(
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Oops</channel></rss>`,
    );
    expect(error.kind).toBe("malformed");
    expect(error.message).toMatch(/not well-formed XML/);
  });

  it("rejects broken JSON", () => {
    expect(parseError(`{"version": "https://jsonfeed.org/version/1.1", "items": [`).kind).toBe(
      "malformed",
    );
  });

  it("recognises an HTML page", () => {
    const error = parseError(
      `<!DOCTYPE html><html><head><title>News</title></head><body><p>Hello</p></body></html>`,
    );
    expect(error.kind).toBe("html");
    expect(error.message).toMatch(/HTML page/);
  });

  it("rejects other XML, plain text and empty input", () => {
    expect(parseError(`<?xml version="1.0"?><urlset><url><loc>x</loc></url></urlset>`).kind).toBe(
      "not-feed",
    );
    expect(parseError("just some words").kind).toBe("not-feed");
    expect(parseError("  ").kind).toBe("not-feed");
  });
});

describe("hostile and large feeds", () => {
  it("does not expand entities declared in the DOCTYPE (billion laughs)", () => {
    const payload = "A".repeat(1000);
    const doctype =
      `<!DOCTYPE rss [<!ENTITY a "${payload}">` +
      `<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>`;
    const uses = "&c;".repeat(5000);
    const text =
      `<?xml version="1.0"?>${doctype}<rss version="2.0"><channel><title>Laughs &c;</title>` +
      `<item><title>${uses}</title><description>${uses}</description></item></channel></rss>`;
    // No timing here (the suite runs on busy machines): an expanded entity would show in the output.
    const feed = parseFeedDocument(text);
    expect(feed.title).not.toContain(payload);
    expect(feed.items[0]?.title).not.toContain("AAAA");
    expect(JSON.stringify(feed).length).toBeLessThan(text.length * 2);
  });

  it(`keeps the first ${MAX_FEED_ITEMS} items`, () => {
    const items = Array.from(
      { length: MAX_FEED_ITEMS + 50 },
      (_, i) => `<item><title>Item ${i}</title><link>https://x.example/${i}</link></item>`,
    ).join("");
    const feed = parseFeedDocument(`<rss version="2.0"><channel><title>x</title>${items}</channel></rss>`);
    expect(feed.items).toHaveLength(MAX_FEED_ITEMS);
    expect(feed.items[0]?.title).toBe("Item 0");
    expect(feed.items.at(-1)?.title).toBe(`Item ${MAX_FEED_ITEMS - 1}`);
  });
});
