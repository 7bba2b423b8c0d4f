import { describe, expect, it } from "vitest";
import { escapeHtml, htmlToText, link, MESSAGE_LIMIT, packBlocks, splitPlainText, truncate } from "../../src/bot/format/html.js";

describe("HTML formatting", () => {
  it("escapes the characters Telegram's HTML parser reads", () => {
    expect(escapeHtml(`<b>Tom & "Jerry"</b>`)).toBe(`&lt;b&gt;Tom &amp; "Jerry"&lt;/b&gt;`);
  });

  it("only turns http(s) URLs into anchors and escapes attributes", () => {
    expect(link("javascript:alert(1)", "x")).toBe("x");
    expect(link('https://e.org/?a="1"&b=<2>', "t")).toBe('<a href="https://e.org/?a=&quot;1&quot;&amp;b=&lt;2&gt;">t</a>');
  });

  it("packs blocks into messages under the limit without cutting a block", () => {
    const block = `<b>${"x".repeat(1500)}</b>`;
    const messages = packBlocks([block, block, block, block]);
    expect(messages).toHaveLength(2);
    for (const message of messages) {
      expect(message.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
      expect(message.match(/<b>/g)?.length).toBe(message.match(/<\/b>/g)?.length);
    }
  });

  it("splits an oversized block into plain, escaped pieces under the limit", () => {
    const huge = `<i>${escapeHtml("a < b & c. ".repeat(1000))}</i>`;
    const messages = packBlocks([huge]);
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) {
      expect(message.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
      expect(message).not.toMatch(/<(?!\/?[bi]>)/); // no raw "<" other than tags
    }
    expect(messages.map(htmlToText).join(" ").replace(/\s+/g, " ")).toContain("a < b & c. a < b & c.");
  });

  it("splits plain text at sentence boundaries", () => {
    const text = "First sentence here. ".repeat(50);
    const pieces = splitPlainText(text, 100);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(100);
      expect(piece.endsWith(".")).toBe(true);
    }
    expect(pieces.join(" ")).toBe(text.trim());
  });

  it("truncates at a word boundary", () => {
    expect(truncate("one two three four", 10)).toBe("one two…");
    expect(truncate("short", 10)).toBe("short");
  });

  it("renders HTML as readable text", () => {
    expect(htmlToText('<b>Title</b>\n<a href="https://x.org/a?b=1&amp;c=2">Read</a> &lt;3')).toBe("Title\nRead (https://x.org/a?b=1&c=2) <3");
  });
});
