/**
 * Lines of a page that are not the article: photo captions and credits, bylines, "read also" links,
 * TV listings, subheads. They are never picked for a summary; credit lines are not analysed at all
 * (a credit "Photo: Reuters" is no claim of Reuters). Datelines ("16 juin 2012. –",
 * "WASHINGTON (Reuters) -") are cut from the start of the first sentence.
 */
import { boilerplateMarkers } from "../text/lexicon.js";
import { foldCase } from "../text/normalize.js";

export interface CleanText {
  /** The text to analyse: credit and link lines removed. */
  body: string;
  /** Paragraphs that may give summary sentences (captions and subheads removed too). */
  summaryBody: string;
}

const TIMES = /\b\d{1,2}[:h.]\d{2}\b/g;
const CREDIT = /(?:^|[\s(|•·/])(?:photo|photos|фото|світлина|crédit|credit|image|video|vidéo|відео|видео)\s*[:©/]|©|\bgetty images\b|\/\s*(?:afp|ap|reuters|epa|getty)\b|\b(?:ap|afp|epa|reuters)\s+photo\b/iu;
const DATELINE = /^(?:(?:\d{1,2}(?:er)?|\p{Lu}[\p{L}.]+)\s+(?:\p{L}+\.?\s+)?\d{4}(?:,\s*\d{1,2}h\d{2})?\.?\s*[-–—]\s*|\p{Lu}[\p{Lu}\s.-]{2,}(?:\([^)]{2,40}\))?\s*[-–—]\s+)/u;

function isCreditLine(line: string, credits: ReadonlySet<string>): boolean {
  if (CREDIT.test(line)) return line.length < 200;
  const folded = foldCase(line);
  // A short line that starts with a credit word and is no sentence ("Photo AFP", "Фото УНИАН").
  if (line.length < 80 && !/[.!?»"”]$/u.test(line)) for (const word of credits) if (word.length > 3 && folded.startsWith(word)) return true;
  return false;
}

/** Splits a page's text into what is analysed and what a summary may quote. */
export function cleanArticleText(text: string): CleanText {
  const { starts, credits } = boilerplateMarkers();
  const body: string[] = [];
  const summary: string[] = [];
  const paragraphs = text.replace(/\r\n?/g, "\n").split(/\n/);
  let first = true;
  for (const raw of paragraphs) {
    let line = raw.trim();
    if (!line) {
      body.push("");
      summary.push("");
      continue;
    }
    const folded = foldCase(line);
    if (starts.some((s) => folded.startsWith(s)) || isCreditLine(line, credits)) continue;
    body.push(line);
    // A caption or subhead: short, no sentence end. A TV listing: several times of day.
    const caption = line.length < 90 && !/[.!?…»"”]$/u.test(line);
    const listing = (line.match(TIMES) ?? []).length >= 2;
    if (caption || listing) continue;
    if (first) {
      line = line.replace(DATELINE, "");
      first = false;
    }
    summary.push(line);
  }
  return { body: body.join("\n").replace(/\n{3,}/g, "\n\n").trim(), summaryBody: summary.join("\n").replace(/\n{3,}/g, "\n\n").trim() };
}
