/**
 * The views of a story (articles of several outlets about one event): the story card (articles
 * by time, a summary picked across them, who's who) and the story's Sources card (every outlet
 * with its claims, and where their figures differ). The outlets line under a delivered article
 * is `storyOutletsLine` in views.ts.
 */
import { InlineKeyboard } from "grammy";
import type { CitationView, MentionView } from "../../db/repositories/articles.js";
import type { StoryView } from "../../db/repositories/stories.js";
import { outletOf } from "../../stories/outlets.js";
import { figureDisagreements, type ReportedText } from "../../stories/disagreements.js";
import { storySummary } from "../../stories/story-summary.js";
import type { Translate } from "../context.js";
import { callbackData } from "../callbacks.js";
import { bold, escapeHtml, italic, link, packBlocks, quote, truncate } from "./html.js";
import { formatDateTime, hostOf, whoEntries, whoLines, type View } from "./views.js";

/** Articles listed on a story card. */
const ARTICLES_LISTED = 20;

function spanOf(story: StoryView, locale: string): string {
  const first = formatDateTime(story.firstPublishedAt, locale);
  const last = formatDateTime(story.lastPublishedAt, locale);
  return first === last ? first : `${first} – ${last}`;
}

const languagesOf = (story: StoryView) => [...new Set(story.articles.map((a) => a.language))].join(", ");

/** The story card: its articles by time with outlet and language, a summary paragraph, its people. */
export function storyCardView(t: Translate, input: { story: StoryView; mentions: MentionView[]; locale: string }): View {
  const { story, locale } = input;
  const lead = story.articles[0]!;
  const blocks = [bold(t("story-title", { id: String(story.id), title: lead.title })), italic(t("story-meta", { articles: story.articles.length, languages: languagesOf(story), span: spanOf(story, locale) }))];
  const summary = storySummary(
    story.articles.map((a) => ({ language: a.language, sentences: [a.summary, ...a.bullets] })),
    locale,
  );
  if (summary.length > 0) blocks.push(escapeHtml(summary.join(" ")));
  const lines = story.articles.slice(0, ARTICLES_LISTED).map((a) => {
    const outlet = outletOf(a) ?? t("story-no-outlet");
    const title = a.url && /^https?:\/\//i.test(a.url) ? link(a.url, truncate(a.title, 120)) : escapeHtml(truncate(a.title, 120));
    return `• ${escapeHtml(formatDateTime(a.publishedAt, locale))} · ${bold(outlet)} (${escapeHtml(a.language)}) #${a.id} — ${title}`;
  });
  blocks.push(`${bold(t("story-articles"))}\n${lines.join("\n")}`);

  const people = whoEntries(input.mentions).slice(0, 30);
  if (people.length > 0) blocks.push(`${bold(t("story-people"))}\n${whoLines(t, people)}`);
  const keyboard = new InlineKeyboard().text(t("button-sources"), callbackData.sources(lead.id));
  return { messages: packBlocks(blocks), keyboard };
}

interface OutletGroup {
  label: string;
  claims: string[];
  citedBy: Set<string>;
  reports: boolean;
}

/**
 * The story's Sources card: every outlet that reported it (with its link and its lead) and every
 * outlet those reports cite (with what each said and who cites it), grouped by outlet; then the
 * quoted speakers; then the figures the outlets disagree on, when the analysis can tell.
 */
export function storySourcesView(t: Translate, input: { story: StoryView; citations: Map<number, CitationView[]> }): View {
  const { story } = input;
  const lead = story.articles[0]!;
  const blocks = [bold(t("story-sources-title", { title: lead.title }))];
  const groups = new Map<string, OutletGroup>();
  const speakers = new Map<string, { label: string; claims: string[] }>();
  const reports: ReportedText[] = [];
  const group = (key: string, label: string) => {
    let found = groups.get(key);
    if (!found) groups.set(key, (found = { label, claims: [], citedBy: new Set(), reports: false }));
    return found;
  };

  for (const article of story.articles) {
    const outlet = outletOf(article) ?? t("story-no-outlet");
    const reporting = group(outlet.toLowerCase(), article.url && /^https?:\/\//i.test(article.url) ? `${bold(outlet)} · ${link(article.url, hostOf(article.url))} (${escapeHtml(article.language)})` : `${bold(outlet)} (${escapeHtml(article.language)})`);
    reporting.reports = true;
    if (!reporting.claims.includes(article.summary)) reporting.claims.push(article.summary);
    reports.push({ outlet, language: article.language, text: article.summary });
    for (const citation of input.citations.get(article.id) ?? []) {
      if (citation.outlet) {
        const cited = group(citation.outlet.name.toLowerCase(), bold(citation.outlet.name));
        if (cited !== reporting) cited.citedBy.add(outlet);
        if (!cited.claims.includes(citation.claim)) cited.claims.push(citation.claim);
        reports.push({ outlet: citation.outlet.name, language: article.language, text: citation.claim });
      } else {
        const key = citation.sourceKey;
        const speaker = speakers.get(key) ?? { label: bold(citation.entityName ?? citation.speaker ?? key), claims: [] };
        if (!speaker.claims.includes(citation.claim)) speaker.claims.push(citation.claim);
        speakers.set(key, speaker);
      }
    }
  }

  const render = (g: { label: string; claims: string[]; citedBy?: Set<string> }) => {
    const by = g.citedBy && g.citedBy.size > 0 ? ` ${italic(t("story-cited-by", { outlets: [...g.citedBy].join(", ") }))}` : "";
    return [g.label + by, ...g.claims.slice(0, 6).map((claim) => quote(truncate(claim, 500)))].join("\n");
  };
  const reporting = [...groups.values()].filter((g) => g.reports);
  const cited = [...groups.values()].filter((g) => !g.reports);
  blocks.push(bold(t("story-sources-reporting", { count: reporting.length })), ...reporting.map(render));
  if (cited.length > 0) blocks.push(bold(t("story-sources-cited", { count: cited.length })), ...cited.map(render));
  if (speakers.size > 0) blocks.push(bold(t("sources-speakers", { count: speakers.size })), ...[...speakers.values()].map(render));
  for (const disagreement of figureDisagreements(reports).slice(0, 3)) {
    const figures = disagreement.figures.map((f) => `${f.value} (${f.outlets.join(", ")})`).join(" · ");
    blocks.push(escapeHtml(t("story-sources-disagree", { subject: disagreement.subject, figures })));
  }
  const keyboard = new InlineKeyboard().text(t("button-story"), callbackData.story(story.id));
  return { messages: packBlocks(blocks), keyboard };
}
