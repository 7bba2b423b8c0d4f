/** The validator the hostile tests rely on: it must refuse what Telegram refuses, or they prove nothing. */
import { describe, expect, it } from "vitest";
import { checkTelegramHtml } from "../support/telegram-html.js";

describe("Telegram HTML validator", () => {
  it("accepts Telegram's tags, entities and nesting", () => {
    for (const html of [
      "plain",
      "<b>bold</b> <i>it</i> <u>u</u> <s>s</s> <tg-spoiler>x</tg-spoiler> <span class=\"tg-spoiler\">y</span>",
      '<a href="https://example.com/?a=1&amp;b=&quot;2&quot;">link</a>',
      "<pre><code class=\"language-ts\">x &lt; y</code></pre>",
      "<blockquote expandable><b>q</b></blockquote>",
      "&lt;&gt;&amp;&quot;&#128512;&#x1F600;",
    ]) {
      expect(checkTelegramHtml(html).problems, html).toEqual([]);
    }
    expect(checkTelegramHtml("<b>a&amp;b</b>").visible).toBe("a&b");
  });

  it("refuses what Telegram refuses, and unsafe links", () => {
    for (const html of [
      "a < b",
      "a & b",
      "a > b",
      "<b>unclosed",
      "</a>",
      "<b><i>x</b></i>",
      "<script>x</script>",
      "<p>x</p>",
      '<a href="javascript:alert(1)">x</a>',
      "<a>x</a>",
      '<a href="https://x"><a href="https://y">x</a></a>',
      "<b onclick=\"x\">x</b>",
      "<span>x</span>",
      "<code><b>x</b></code>",
      "&nbsp;",
      "&#0;",
      "",
      "<b> </b>",
      "x".repeat(4097),
      "\uD800",
    ]) {
      expect(checkTelegramHtml(html).problems, JSON.stringify(html.slice(0, 20))).not.toEqual([]);
    }
    // The limit is on the visible text: entities count once.
    expect(checkTelegramHtml("&amp;".repeat(4096)).problems).toEqual([]);
  });
});
