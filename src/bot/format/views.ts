/**
 * Every message the bot sends is rendered here, from data and a translate function, as escaped
 * Telegram HTML split under 4096 characters. Handlers and the delivery worker only call these.
 */
import { InlineKeyboard } from "grammy";
import type { ArticleDetail, ArticleSummary, CitationView, MentionView } from "../../db/repositories/articles.js";
import type { TopicRecord } from "../../db/repositories/catalog.js";
import type { Translate } from "../context.js";
import { callbackData } from "../callbacks.js";
import type { StorySummary } from "../../db/repositories/stories.js";
import { bold, code, escapeHtml, italic, link, MESSAGE_LIMIT, packBlocks, quote, splitPlainText, truncate } from "./html.js";
import { linkHost } from "../../stories/outlets.js";

/** A rendered reply: one or more HTML messages; the keyboard goes under the last one. */
export interface View {
  messages: string[];
  keyboard?: InlineKeyboard;
  /** Show a link preview (only for a single article with its original link). */
  preview?: { url: string };
}

/** Text and limits that the views need about topics. */
export type TopicNames = Map<string, TopicRecord>;

/** A topic's name in `locale`, English when it has none there. */
export function localizedTopicName(topic: TopicRecord, locale: string): string {
  return topic.names[locale] ?? topic.names.en;
}

export function topicName(topics: TopicNames, slug: string, locale: string): string {
  const topic = topics.get(slug);
  return topic ? localizedTopicName(topic, locale) : slug;
}

// Building an Intl.DateTimeFormat costs far more than formatting with one: one per style and locale.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const DATE_STYLES = {
  date: { dateStyle: "medium", timeZone: "UTC" },
  dateTime: { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

function dateFormat(style: keyof typeof DATE_STYLES, locale: string): Intl.DateTimeFormat {
  const key = `${style}:${locale}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, DATE_STYLES[style]);
    if (dateFormats.size >= 32) dateFormats.clear(); // locales are the few supported ones; stay bounded anyway
    dateFormats.set(key, format);
  }
  return format;
}

/** A date as readers of `locale` write it ("Nov 20, 2025", "20 nov. 2025"). */
export function formatDate(date: Date, locale: string): string {
  return dateFormat("date", locale).format(date);
}

/** "3 Dec 2026, 08:15 UTC": where the time of day matters (feed fetches, a story's reports). */
export function formatDateTime(date: Date, locale: string): string {
  return `${dateFormat("dateTime", locale).format(date)} UTC`;
}

/** A link's host for display ("lemonde.fr"), or the link itself when it is not a URL. */
export function hostOf(url: string): string {
  return linkHost(url) ?? url;
}

/** Outlets named on the outlets line before "+N more". */
const OUTLETS_NAMED = 4;

/** "📰 3 outlets: A, B, C" when an article's story has more than one article; undefined otherwise. */
export function storyOutletsLine(t: Translate, story: StorySummary | undefined): string | undefined {
  if (!story || story.articles < 2 || story.outlets.length === 0) return undefined;
  const named = story.outlets.slice(0, OUTLETS_NAMED).join(", ");
  const more = story.outlets.length > OUTLETS_NAMED ? ` ${t("story-more-outlets", { count: story.outlets.length - OUTLETS_NAMED })}` : "";
  return escapeHtml(t("story-outlets-line", { count: story.outlets.length, outlets: named + more }));
}

/** One entry of a Who's who: an entity, or a name kept as text only, with the first role given. */
export interface WhoEntry {
  id: number | null;
  name: string;
  kind: string;
  role: string | null;
}

/**
 * The entities of `mentions` once each (by id; names kept as text only, too little evidence for
 * an entity, by kind and name), with the first role the text gives; people, then organisations,
 * then places.
 */
export function whoEntries(mentions: readonly MentionView[]): WhoEntry[] {
  const byEntity = new Map<string, WhoEntry>();
  for (const mention of mentions) {
    const key = mention.entityId !== null ? `e${mention.entityId}` : `t${mention.kind}:${mention.name}`;
    const known = byEntity.get(key);
    if (!known) byEntity.set(key, { id: mention.entityId, name: mention.name, kind: mention.kind, role: mention.role });
    else if (!known.role && mention.role) known.role = mention.role;
  }
  const order = ["person", "organization", "place"];
  return [...byEntity.values()].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
}

/** Who's who lines: "👤 Name — role". */
export function whoLines(t: Translate, entries: readonly WhoEntry[]): string {
  return entries.map((e) => `${t(`kind-${e.kind}-icon`)} ${bold(e.name)}${e.role ? ` — ${escapeHtml(e.role)}` : ""}`).join("\n");
}

export function articleMeta(article: ArticleSummary, topics: TopicNames, locale: string): string {
  const parts = [formatDate(article.publishedAt, locale)];
  if (article.site) parts.push(article.site);
  if (article.topics.length) parts.push(article.topics.map((s) => topicName(topics, s, locale)).join(", "));
  return italic(parts.join(" · "));
}

/** /start: greeting, the newest headline, what the bot can do. */
export function welcomeView(t: Translate, input: { firstName?: string; latest?: ArticleSummary; locale: string }): View {
  const blocks = [t("start-greeting", { name: escapeHtml(input.firstName?.trim() || t("start-friend")) })];
  if (input.latest) {
    blocks.push(`${t("start-latest-headline")}\n${bold(input.latest.title)}\n${italic(formatDate(input.latest.publishedAt, input.locale))}`);
  }
  blocks.push(t("start-features"));
  return {
    messages: packBlocks(blocks),
    keyboard: input.latest ? articleKeyboard(t, input.latest) : undefined,
  };
}

export const PUBLIC_COMMANDS = [
  "start",
  "help",
  "latest",
  "sources",
  "subscribe",
  "unsubscribe",
  "topics",
  "who",
  "follow",
  "unfollow",
  "following",
  "filter",
  "digest",
  "quiet",
  "timezone",
  "settings",
  "story",
  "language",
] as const;
export const ADMIN_COMMANDS = ["post", "feeds", "stats", "admins", "cancel"] as const;

/** /help: every command with one line each; admin commands only for admins. */
export function helpView(t: Translate, input: { isAdmin: boolean }): View {
  const line = (command: string) => `/${command} — ${t(`help-${command}`)}`;
  const blocks = [bold(t("help-title")), PUBLIC_COMMANDS.map(line).join("\n"), t("help-questions")];
  if (input.isAdmin) blocks.push(`${bold(t("help-admin-title"))}\n${ADMIN_COMMANDS.map(line).join("\n")}`);
  return { messages: packBlocks(blocks) };
}

/** Buttons under one article: original link, sources, who's who, full text, and its story when it has several articles. */
export function articleKeyboard(t: Translate, article: { id: number; url: string | null }, options: { fullText?: boolean; story?: StorySummary } = {}): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  if (article.url && /^https?:\/\//i.test(article.url)) keyboard.url(t("button-original"), article.url).row();
  keyboard.text(t("button-sources"), callbackData.sources(article.id)).text(t("button-whos-who"), callbackData.whosWho(article.id));
  if (options.fullText || (options.story && options.story.articles > 1)) keyboard.row();
  if (options.fullText) keyboard.text(t("button-full-text"), callbackData.fullText(article.id));
  if (options.story && options.story.articles > 1) keyboard.text(t("button-story"), callbackData.story(options.story.id));
  return keyboard;
}

/** /latest: the newest stories, each as its first article with date, short summary, link and outlets; buttons per story. */
export function latestView(t: Translate, input: { articles: (ArticleSummary & { story?: StorySummary })[]; topics: TopicNames; locale: string; topicSlug?: string; bullets?: string[] }): View {
  if (input.articles.length === 0) {
    const key = input.topicSlug ? "latest-empty-topic" : "latest-empty";
    return { messages: [t(key, { topic: escapeHtml(input.topicSlug ? topicName(input.topics, input.topicSlug, input.locale) : "") })] };
  }
  const heading = input.topicSlug
    ? t("latest-title-topic", { topic: escapeHtml(topicName(input.topics, input.topicSlug, input.locale)) })
    : t("latest-title");
  const blocks = [bold(heading)];
  for (const article of input.articles) {
    const lines = [`${bold(`#${article.id} · ${article.title}`)}`, articleMeta(article, input.topics, input.locale), escapeHtml(truncate(article.summary, 600))];
    const outlets = storyOutletsLine(t, article.story);
    if (outlets) lines.push(outlets);
    if (input.articles.length === 1 && input.bullets?.length) lines.push(input.bullets.map((b) => `• ${escapeHtml(b)}`).join("\n"));
    if (article.url) lines.push(link(article.url, t("latest-read-original")));
    blocks.push(lines.join("\n"));
  }
  blocks.push(italic(t("latest-footer")));
  const keyboard = new InlineKeyboard();
  for (const article of input.articles) {
    keyboard
      .text(t("button-sources-of", { id: String(article.id) }), callbackData.sources(article.id))
      .text(t("button-whos-who-of", { id: String(article.id) }), callbackData.whosWho(article.id));
    if (article.story && article.story.articles > 1) keyboard.text(t("button-story-of", { id: String(article.story.id) }), callbackData.story(article.story.id));
    keyboard.row();
  }
  return { messages: packBlocks(blocks), keyboard };
}

/** /sources: the original link first, then each outlet or speaker with the claims attributed to it. */
export function sourcesView(t: Translate, input: { article: ArticleSummary; citations: CitationView[] }): View {
  const { article, citations } = input;
  const blocks = [bold(t("sources-title", { title: escapeHtml(article.title) }))];
  blocks.push(article.url ? `${t("sources-original")}\n${link(article.url)}` : t("sources-no-original"));
  // Outlets first (what the article attributes its information to), then quoted speakers.
  const groups = new Map<string, { label: string; claims: string[]; outlet: boolean }>();
  for (const citation of citations) {
    let group = groups.get(citation.sourceKey);
    if (!group) {
      const label = citation.outlet
        ? citation.outlet.homepage
          ? `${bold(citation.outlet.name)} · ${link(citation.outlet.homepage, hostOf(citation.outlet.homepage))}`
          : bold(citation.outlet.name)
        : bold(citation.entityName ?? citation.speaker ?? citation.sourceKey);
      group = { label, claims: [], outlet: citation.outlet !== null };
      groups.set(citation.sourceKey, group);
    }
    if (!group.claims.includes(citation.claim)) group.claims.push(citation.claim);
  }
  const render = (group: { label: string; claims: string[] }) => [group.label, ...group.claims.map((claim) => quote(truncate(claim, 700)))].join("\n");
  const outlets = [...groups.values()].filter((g) => g.outlet);
  const speakers = [...groups.values()].filter((g) => !g.outlet);
  if (outlets.length === 0) blocks.push(t("sources-none"));
  else blocks.push(bold(t("sources-outlets", { count: outlets.length })), ...outlets.map(render));
  if (speakers.length > 0) blocks.push(bold(t("sources-speakers", { count: speakers.length })), ...speakers.map(render));
  return { messages: packBlocks(blocks), keyboard: articleKeyboard(t, article) };
}


/** The people, organisations and places an article names, with roles; one button per entity. */
export function whosWhoView(t: Translate, input: { article: ArticleSummary; mentions: MentionView[] }): View {
  const entries = whoEntries(input.mentions);
  const blocks = [bold(t("whos-who-title", { title: escapeHtml(input.article.title) }))];
  if (entries.length === 0) return { messages: packBlocks([...blocks, t("whos-who-none")]) };
  blocks.push(whoLines(t, entries));
  const keyboard = new InlineKeyboard();
  entries
    .filter((e): e is typeof e & { id: number } => e.id !== null)
    .slice(0, 24)
    .forEach((e, i) => {
      keyboard.text(truncate(e.name, 30), callbackData.entity(e.id));
      if (i % 2 === 1) keyboard.row();
    });
  return { messages: packBlocks(blocks), keyboard: keyboard.inline_keyboard.flat().length ? keyboard : undefined };
}

/** The stored article itself, split into parts under the message limit. */
export function fullTextView(t: Translate, input: { article: ArticleDetail }): View {
  const { article } = input;
  const blocks = [bold(article.title)];
  if (article.comment) blocks.push(italic(article.comment));
  for (const paragraph of article.body.split(/\n\s*\n/)) {
    for (const piece of splitPlainText(paragraph, MESSAGE_LIMIT - 200)) blocks.push(escapeHtml(piece));
  }
  if (article.url) blocks.push(link(article.url, t("latest-read-original")));
  return { messages: packBlocks(blocks) };
}

/**
 * The message a subscriber receives for a new article; in a story of several articles, with the
 * story's outlets line (edited as the story grows) and its Story button.
 */
export function deliveredArticleView(t: Translate, input: { article: ArticleSummary; topics: TopicNames; locale: string; story?: StorySummary }): View {
  const { article } = input;
  const blocks = [bold(article.title), articleMeta(article, input.topics, input.locale), escapeHtml(truncate(article.summary, 600))];
  const outlets = storyOutletsLine(t, input.story);
  if (outlets) blocks.push(outlets);
  return {
    messages: packBlocks(blocks),
    keyboard: articleKeyboard(t, article, { fullText: true, story: input.story }),
    preview: article.url ? { url: article.url } : undefined,
  };
}

/** One line naming the valid topics, for error replies. */
export function topicListLine(topics: TopicRecord[], locale: string): string {
  return topics.map((topic) => `${code(topic.slug)} (${escapeHtml(localizedTopicName(topic, locale))})`).join(", ");
}

/** Each language by its own name: the same in every locale, so that a reader finds theirs. */
export const LANGUAGE_NAMES: Record<"en" | "fr" | "ru" | "uk", string> = {
  en: "🇬🇧 English",
  fr: "🇫🇷 Français",
  ru: "🇷🇺 Русский",
  uk: "🇺🇦 Українська",
};

/** /language: which language is in use and how to change it (the menu goes under it). */
export function languageMenuText(t: Translate, input: { current: keyof typeof LANGUAGE_NAMES | null }): string {
  return input.current ? t("language-prompt-chosen", { language: LANGUAGE_NAMES[input.current] }) : t("language-prompt-automatic");
}
