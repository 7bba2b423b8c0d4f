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

/** The card of one entity: what it is, its role in the news with the sentence, latest mentions. */
export function entityCardView(t: Translate, input: { card: EntityCard; locale: string }): View {
  const { entity, roles, mentions, mentionCount, related } = input.card;
  const blocks = [`${t(`kind-${entity.kind}-icon`)} ${bold(entity.name)}`];
  const description = entity.descriptions[input.locale] ?? entity.descriptions.en ?? Object.values(entity.descriptions).find(Boolean);
  blocks.push(description ? escapeHtml(description) : italic(t("who-no-description")));
  if (roles.length > 0) {
    const seen = new Set<string>();
    const lines = roles
      .filter((r) => !seen.has(r.role) && seen.add(r.role))
      .map((r) => `${t("who-role", { role: escapeHtml(r.role) })}\n${quote(truncate(r.sentence, 500))}`);
    blocks.push(...lines);
  }
  if (mentions.length > 0) {
    blocks.push(bold(t("who-mentions-title", { count: mentionCount })));
    const quoted = new Set(roles.map((r) => r.sentence));
    blocks.push(...mentions.map((m) => mentionBlock(m, input.locale, quoted)));
  } else {
    blocks.push(t("who-no-mentions"));
  }
  const keyboard = new InlineKeyboard();
  if (mentionCount > mentions.length) keyboard.text(t("who-more-mentions"), callbackData.moreMentions(entity.id, mentions.length)).row();
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
