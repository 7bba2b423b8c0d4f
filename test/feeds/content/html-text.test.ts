import { describe, expect, it } from "vitest";
import { htmlToText, teaserLike } from "../../../src/feeds/content/html-text.js";

describe("htmlToText", () => {
  it("keeps paragraphs and drops scripts, styles, images and comments", () => {
    const html = `
      <style>p { color: red }</style>
      <h2>Storm warning</h2>
      <p>Strong winds are <b>expected</b>
         tonight.<img src="https://t.example/pixel.gif" width="1" height="1"></p>
      <script>document.write("tracking")</script>
      <!-- ad slot -->
      <p>Schools stay open &amp; buses run as usual.</p>`;
    expect(htmlToText(html)).toBe(
      "Storm warning\n\nStrong winds are expected tonight.\n\nSchools stay open & buses run as usual.",
    );
  });

  it("breaks lines at <br> and list items, and paragraphs at double <br>", () => {
    expect(htmlToText("Line one<br>line two<br><br>Next paragraph")).toBe(
      "Line one\nline two\n\nNext paragraph",
    );
    expect(htmlToText("<p>Agenda:</p><ul>\n  <li>Budget</li>\n  <li>Parks</li>\n</ul>")).toBe(
      "Agenda:\n\nBudget\nParks",
    );
  });

  it("leaves out page chrome and captions, keeps text outside elements", () => {
    const html =
      "Lead text<nav>Home | World</nav><figure><img src=a.jpg><figcaption>Photo: archive</figcaption></figure>" +
      "<blockquote>A quote.</blockquote><aside>Related</aside><footer>© Gazette</footer><iframe src=x></iframe>tail";
    expect(htmlToText(html)).toBe("Lead text\n\nA quote.\n\ntail");
  });

  it("decodes entities and collapses whitespace, including in full documents", () => {
    expect(htmlToText("<html><head><title>T</title></head><body><p>Caf&eacute;&nbsp;&#8212; 5&lt;6</p></body></html>")).toBe(
      "Café — 5<6",
    );
    expect(htmlToText("")).toBe("");
    expect(htmlToText("x < y & z")).toBe("x < y & z");
  });
});

describe("teaserLike", () => {
  const sentence = "The harbour authority published its new schedule for the summer season today. ";
  const full = sentence.repeat(10);

  it("is false for several sentences of text", () => {
    expect(full.length).toBeGreaterThan(600);
    expect(teaserLike(full)).toBe(false);
  });

  it("is true for short text", () => {
    expect(teaserLike("The ferry company adds an evening crossing.")).toBe(true);
    expect(teaserLike("")).toBe(true);
  });

  it("is true for long text without sentences", () => {
    expect(teaserLike("word ".repeat(200))).toBe(true);
  });

  it("is true when the text ends with a read-more marker", () => {
    for (const ending of ["…", "[…]", "Read more »", "Lire la suite", "Читать далее →", "Читати далі"]) {
      expect(teaserLike(`${full}${ending}`), ending).toBe(true);
    }
  });

  it("does not count the title that the text repeats", () => {
    const title = "Harbour schedule. Published. Today.";
    const text = `${title} ${sentence}${sentence}`;
    expect(teaserLike(text)).toBe(true);
    expect(teaserLike(`${title} ${full}`, title)).toBe(false);
  });
});
