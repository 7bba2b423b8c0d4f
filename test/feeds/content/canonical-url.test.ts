import { describe, expect, it } from "vitest";
import { absoluteHttpUrl, canonicalUrl } from "../../../src/feeds/content/canonical-url.js";

describe("canonicalUrl", () => {
  it("lowercases scheme and host, drops default ports and the fragment", () => {
    expect(canonicalUrl("HTTPS://News.Example.COM:443/World/Story#comments")).toBe(
      "https://news.example.com/World/Story",
    );
    expect(canonicalUrl("http://www.example.com:80/a/")).toBe("http://www.example.com/a/");
    expect(canonicalUrl("http://example.com:8080/a")).toBe("http://example.com:8080/a");
  });

  it("drops tracking parameters and keeps the others in order", () => {
    expect(
      canonicalUrl("https://x.example/a?id=7&utm_source=tg&UTM_Campaign=s&fbclid=abc&page=2&gclid=z"),
    ).toBe("https://x.example/a?id=7&page=2");
    expect(canonicalUrl("https://x.example/a?b=2&a=1&_ga=1.2&ncid=rss")).toBe("https://x.example/a?b=2&a=1");
  });

  it("removes the question mark when no parameter remains", () => {
    expect(canonicalUrl("https://x.example/a/?utm_medium=email&mc_cid=1&mc_eid=2")).toBe(
      "https://x.example/a/",
    );
    expect(canonicalUrl("https://x.example/a?")).toBe("https://x.example/a");
  });

  it("keeps the encoding of the kept parameters", () => {
    expect(canonicalUrl("https://x.example/s?q=caf%C3%A9+noir&tags=a,b&utm_term=x")).toBe(
      "https://x.example/s?q=caf%C3%A9+noir&tags=a,b",
    );
  });

  it("rejects non-http(s) and invalid URLs", () => {
    for (const url of ["ftp://x.example/a", "javascript:alert(1)", "mailto:a@x.example", "/relative", "not a url", ""]) {
      expect(canonicalUrl(url)).toBeUndefined();
    }
  });
});

describe("absoluteHttpUrl", () => {
  it("resolves relative references and refuses other schemes", () => {
    expect(absoluteHttpUrl("../b?x=1", "https://x.example/a/c/")).toBe("https://x.example/a/b?x=1");
    expect(absoluteHttpUrl("//cdn.example/i.png", "https://x.example/")).toBe("https://cdn.example/i.png");
    expect(absoluteHttpUrl("data:image/png;base64,AAAA", "https://x.example/")).toBeUndefined();
    expect(absoluteHttpUrl("/a")).toBeUndefined();
    expect(absoluteHttpUrl(undefined, "https://x.example/")).toBeUndefined();
  });
});
