/** Who-is answers: the entity card, "did you mean" choices, and "no data" with suggestions. */
import { InlineKeyboard } from "grammy";
import type { EntityMatch, EntityMention } from "../../db/repositories/entities.js";
import type { EntityCard } from "../../entities/who-is.js";
import { callbackData } from "../callbacks.js";
import type { Translate } from "../context.js";
import { bold, escapeHtml, italic, link, packBlocks, quote, truncate } from "./html.js";
import { formatDate, type View } from "./views.js";

function mentionBlock(mention: EntityMention, locale: string, quoted = new Set<string>()): string {
  const title = mention.url ? link(mention.url, mention.title) : bold(mention.title);
  const head = `• ${title} · ${italic(formatDate(mention.publishedAt, locale))}`;
  // A sentence already quoted for the role above is not quoted twice.
  return quoted.has(mention.sentence) ? head : `${head}\n${quote(truncate(mention.sentence, 500))}`;
}

/** The entity's name in the reader's script: a Cyrillic alias for ru/uk readers, a Latin one otherwise. */
export function displayName(name: string, aliases: readonly string[] | undefined, locale: string): string {
  const wantsCyrillic = locale === "ru" || locale === "uk";
  if (/\p{Script=Cyrillic}/u.test(name) === wantsCyrillic || !aliases) return name;
  const words = name.split(/\s+/).length;
  const inScript = aliases.filter((a) => /\p{Script=Cyrillic}/u.test(a) === wantsCyrillic && a.split(/\s+/).length >= Math.min(words, 2));
  // Russian and Ukrainian spellings differ in a few letters and endings ("Зеленский" / "Зеленський").
  const ukrainian = (a: string) => (a.match(/[іїєґ]|ськ|цьк|зьк/giu) ?? []).length - (a.match(/[ыэъё]|ский|цкий/giu) ?? []).length;
  const sign = locale === "uk" ? 1 : locale === "ru" ? -1 : 0;
  let best = inScript[0];
  for (const a of inScript) if (best !== undefined && sign * ukrainian(a) > sign * ukrainian(best)) best = a;
  return best ?? name;
}

/**
 * The card of one entity. What the news says comes first (the roles articles give it, newest
 * first, each with its sentence, article and date), then the catalog's description, labelled as
 * such, then the latest mentions.
 */
export function entityCardView(t: Translate, input: { card: EntityCard; locale: string }): View {
  const { entity, roles, mentions, mentionCount, related } = input.card;
  const blocks = [`${t(`kind-${entity.kind}-icon`)} ${bold(displayName(entity.name, entity.aliases, input.locale))}`];
  if (roles.length > 0) {
    const seen = new Set<string>();
    const lines = roles
      .filter((r) => !seen.has(r.role) && seen.add(r.role))
      .map((r) => `${t("who-role", { role: escapeHtml(r.role) })}\n${quote(truncate(r.sentence, 500))}\n${italic(`${truncate(r.title, 80)} · ${formatDate(new Date(r.publishedAt), input.locale)}`)}`);
    blocks.push(bold(t("who-from-news")), ...lines);
  }
  const description = entity.descriptions[input.locale] ?? entity.descriptions.en ?? Object.values(entity.descriptions).find(Boolean);
  if (description) blocks.push(`${bold(t("who-from-catalog"))}\n${escapeHtml(description)}`);
  else if (roles.length === 0) blocks.push(italic(t("who-no-description")));
  if (mentions.length > 0) {
    blocks.push(bold(t("who-mentions-title", { count: mentionCount })));
    const quoted = new Set(roles.map((r) => r.sentence));
    blocks.push(...mentions.map((m) => mentionBlock(m, input.locale, quoted)));
  } else {
    blocks.push(t("who-no-mentions"));
  }
  const keyboard = new InlineKeyboard().text(t("follow-button"), callbackData.follow(entity.id));
  if (mentionCount > mentions.length) keyboard.text(t("who-more-mentions"), callbackData.moreMentions(entity.id, mentions.length));
  keyboard.row();
  related.forEach((r, i) => {
    keyboard.text(truncate(r.name, 30), callbackData.entity(r.id));
    if (i % 2 === 1) keyboard.row();
  });
  return { messages: packBlocks(blocks), keyboard: keyboard.inline_keyboard.flat().length ? keyboard : undefined };
}

/** A further page of an entity's mentions. */
export function moreMentionsView(
  t: Translate,
  input: { entityId: number; name: string; mentions: EntityMention[]; offset: number; total: number; locale: string },
): View {
  if (input.mentions.length === 0) return { messages: [t("who-no-more-mentions", { name: escapeHtml(input.name) })] };
  const blocks = [bold(t("who-mentions-of", { name: escapeHtml(input.name) })), ...input.mentions.map((m) => mentionBlock(m, input.locale))];
  const next = input.offset + input.mentions.length;
  const keyboard = next < input.total ? new InlineKeyboard().text(t("who-more-mentions"), callbackData.moreMentions(input.entityId, next)) : undefined;
  return { messages: packBlocks(blocks), keyboard };
}

/** Several close matches: a short "did you mean" list as buttons. */
export function whoChoicesView(t: Translate, input: { subject: string; candidates: EntityMatch[] }): View {
  const keyboard = new InlineKeyboard();
  for (const c of input.candidates) keyboard.text(`${t(`kind-${c.kind}-icon`)} ${truncate(c.name, 40)}`, callbackData.entity(c.entityId)).row();
  return { messages: [t("who-did-you-mean", { subject: escapeHtml(truncate(input.subject, 100)) })], keyboard };
}

/** No match: say so plainly and offer the nearest known names. */
export function whoUnknownView(t: Translate, input: { subject: string; suggestions: EntityMatch[] }): View {
  const subject = escapeHtml(truncate(input.subject, 100));
  if (input.suggestions.length === 0) return { messages: [t("who-unknown", { subject })] };
  const keyboard = new InlineKeyboard();
  for (const s of input.suggestions) keyboard.text(truncate(s.name, 40), callbackData.entity(s.entityId)).row();
  return { messages: [t("who-unknown-suggest", { subject })], keyboard };
}
