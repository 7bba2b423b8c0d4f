/** The digest message: a headline list, one line of lead per article, a button to open each. */
import { InlineKeyboard } from "grammy";
import type { ArticleSummary } from "../../db/repositories/articles.js";
import { splitSentences } from "../../text/sentences.js";
import { callbackData } from "../callbacks.js";
import type { Translate } from "../context.js";
import { bold, escapeHtml, link, MESSAGE_LIMIT, truncate } from "./html.js";
import type { StorySummary } from "../../db/repositories/stories.js";
import { articleMeta, storyOutletsLine, type TopicNames, type View } from "./views.js";

/** Articles listed in one digest message; the rest are counted and left to /latest. */
export const DIGEST_MAX_ARTICLES = 20;
const LEAD_MAX = 160;
const BUTTONS_PER_ROW = 5;

/** The first sentence of a summary, cut to one line. */
function leadOf(article: ArticleSummary): string {
  const first = splitSentences(article.summary, article.language)[0] ?? article.summary;
  return truncate(first.trim(), LEAD_MAX);
}

/**
 * A digest of `articles` (newest first), with the outlets of each one's story (`stories`, by
 * article id). Each headline links to the original; the numbered buttons open the article in the
 * chat with its Sources, Who's who and Full text.
 */
export function digestView(t: Translate, input: { articles: ArticleSummary[]; topics: TopicNames; locale: string; stories?: Map<number, StorySummary> }): View {
  const listed: ArticleSummary[] = [];
  const head = bold(t("digest-title", { count: input.articles.length }));
  let text = head;
  for (const article of input.articles.slice(0, DIGEST_MAX_ARTICLES)) {
    const n = listed.length + 1;
    const title = article.url ? `<b>${link(article.url, article.title)}</b>` : bold(article.title);
    // A story other outlets reported too says so: the digest lists it once, with its outlets.
    const outlets = storyOutletsLine(t, input.stories?.get(article.id));
    const block = `${n}. ${title}\n${escapeHtml(leadOf(article))}\n${articleMeta(article, input.topics, input.locale)}${outlets ? `\n${outlets}` : ""}`;
    // Room kept for the "and N more" line.
    if (text.length + block.length + 2 > MESSAGE_LIMIT - 200) break;
    text += `\n\n${block}`;
    listed.push(article);
  }
  const more = input.articles.length - listed.length;
  if (more > 0) text += `\n\n${t("digest-more", { count: more })}`;
  const keyboard = new InlineKeyboard();
  listed.forEach((article, i) => {
    keyboard.text(String(i + 1), callbackData.open(article.id));
    if (i % BUTTONS_PER_ROW === BUTTONS_PER_ROW - 1) keyboard.row();
  });
  return { messages: [text], keyboard };
}
