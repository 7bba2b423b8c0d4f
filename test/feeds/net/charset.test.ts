import { describe, expect, it } from "vitest";
import { decodeBody, mediaTypeOf } from "../../../src/feeds/net/charset.js";

const ascii = (text: string) => Buffer.from(text, "latin1");
const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((part) => (typeof part === "string" ? ascii(part) : Buffer.from(part))));

// "Привет" in two Cyrillic code pages, written out by hand.
const PRIVET_CP1251 = [0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2];
const PRIVET_KOI8R = [0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4];

describe("decodeBody", () => {
  it("reads windows-1251 from the XML declaration", () => {
    const body = bytes('<?xml version="1.0" encoding="windows-1251"?><title>', PRIVET_CP1251, "</title>");
    expect(decodeBody(body, "application/rss+xml", "xml")).toContain("<title>Привет</title>");
  });

  it("reads KOI8-R from the Content-Type", () => {
    const body = bytes("<rss><title>", PRIVET_KOI8R, "</title></rss>");
    expect(decodeBody(body, 'text/xml; charset="KOI8-R"', "xml")).toBe("<rss><title>Привет</title></rss>");
  });

  it("prefers the Content-Type over the XML declaration", () => {
    const body = bytes('<?xml version="1.0" encoding="windows-1251"?><t>', PRIVET_KOI8R, "</t>");
    expect(decodeBody(body, "text/xml; charset=koi8-r", "xml")).toContain("<t>Привет</t>");
  });

  it("reads ISO-8859-1", () => {
    const body = bytes("<p>caf", [0xe9], "</p>");
    expect(decodeBody(body, "text/html; charset=iso-8859-1", "html")).toBe("<p>café</p>");
  });

  it("lets a UTF-8 BOM win over a wrong declaration, and drops the BOM", () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("<t>Привет</t>", "utf8")]);
    expect(decodeBody(body, "text/xml; charset=windows-1251", "xml")).toBe("<t>Привет</t>");
  });

  it("reads UTF-16LE by its BOM", () => {
    const body = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("<t>é</t>", "utf16le")]);
    expect(decodeBody(body, undefined, "xml")).toBe("<t>é</t>");
  });

  it("reads a <meta charset> in HTML", () => {
    const body = bytes('<html><head><meta charset="windows-1251"><title>', PRIVET_CP1251, "</title>");
    expect(decodeBody(body, "text/html", "html")).toContain("<title>Привет</title>");
  });

  it("reads a <meta http-equiv> charset in HTML", () => {
    const body = bytes(
      '<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r"><title>',
      PRIVET_KOI8R,
      "</title>",
    );
    expect(decodeBody(body, undefined, "html")).toContain("<title>Привет</title>");
  });

  it("ignores HTML meta tags in XML and XML declarations in JSON", () => {
    const xml = bytes('<rss><description><meta charset="windows-1251"></description>', PRIVET_CP1251);
    expect(decodeBody(xml, undefined, "xml")).toContain("\ufffd");
    const json = Buffer.from('{"title":"Привет"}', "utf8");
    expect(decodeBody(json, "application/json", "json")).toBe('{"title":"Привет"}');
  });

  it("falls back to UTF-8 for an unknown label", () => {
    const body = Buffer.from("<t>Привет</t>", "utf8");
    expect(decodeBody(body, "text/xml; charset=x-no-such-charset", "xml")).toBe("<t>Привет</t>");
    const declared = Buffer.from('<?xml version="1.0" encoding="bogus-8"?><t>é</t>', "utf8");
    expect(decodeBody(declared, undefined, "xml")).toContain("<t>é</t>");
  });

  it("does not believe a UTF-16 declaration in ASCII-compatible bytes", () => {
    const body = Buffer.from('<?xml version="1.0" encoding="UTF-16"?><t>é</t>', "utf8");
    expect(decodeBody(body, undefined, "xml")).toContain("<t>é</t>");
  });

  it("decodes UTF-8 by default and replaces bad bytes instead of throwing", () => {
    expect(decodeBody(Buffer.from("Привет", "utf8"), undefined, "xml")).toBe("Привет");
    expect(decodeBody(bytes("a", [0xff], "b"), undefined, "json")).toBe("a\ufffdb");
  });
});

describe("mediaTypeOf", () => {
  it("lowercases and strips parameters", () => {
    expect(mediaTypeOf("Application/RSS+XML; charset=UTF-8")).toBe("application/rss+xml");
    expect(mediaTypeOf("text/xml")).toBe("text/xml");
    expect(mediaTypeOf(undefined)).toBeUndefined();
    expect(mediaTypeOf("")).toBeUndefined();
  });
});
