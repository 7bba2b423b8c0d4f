/** Replies of /follow, /following, /filter, /digest, /quiet, /timezone and /settings. */
import { InlineKeyboard } from "grammy";
import type { ChatFilter, ChatSettings, FollowedEntity } from "../../db/repositories/preferences.js";
import { formatLocalTime } from "../../delivery/local-time.js";
import type { FilterResult, FollowResult, UnfollowResult } from "../../subscriptions/preferences.js";
import { FILTER_MAX_LENGTH, FILTERS_PER_CHAT } from "../../subscriptions/filter-terms.js";
import { callbackData } from "../callbacks.js";
import type { Translate } from "../context.js";
import { bold, escapeHtml, packBlocks, truncate } from "./html.js";
import type { View } from "./views.js";

const name = (entity: FollowedEntity) => bold(entity.name);
const subjectOf = (subject: string) => escapeHtml(truncate(subject, 100));

/** The answer to /follow or a Follow button. */
export function followResultView(t: Translate, result: FollowResult): View {
  switch (result.kind) {
    case "followed":
      return { messages: [t("follow-done", { name: name(result.entity) })], keyboard: new InlineKeyboard().text(t("following-stop", { name: truncate(result.entity.name, 30) }), callbackData.unfollow(result.entity.entityId)) };
    case "already":
      return { messages: [t("follow-already", { name: name(result.entity) })] };
    case "too-many":
      return { messages: [t("follow-too-many", { max: result.max })] };
    case "choices":
    case "unknown": {
      const options = result.kind === "choices" ? result.candidates : result.suggestions;
      if (result.kind === "unknown" && options.length === 0) return { messages: [t("follow-unknown", { subject: subjectOf(result.subject) })] };
      const keyboard = new InlineKeyboard();
      for (const option of options) keyboard.text(`${t(`kind-${option.kind}-icon`)} ${truncate(option.name, 40)}`, callbackData.follow(option.entityId)).row();
      const key = result.kind === "choices" ? "follow-which" : "follow-unknown-suggest";
      return { messages: [t(key, { subject: subjectOf(result.subject) })], keyboard };
    }
  }
}

export function unfollowResultView(t: Translate, result: UnfollowResult): View {
  if (result.kind === "unfollowed") return { messages: [t("unfollow-done", { name: name(result.entity) })] };
  return { messages: [t("unfollow-not-followed", { subject: subjectOf(result.subject) })] };
}

/** /following: every followed entity, a button under each to stop. */
export function followingView(t: Translate, following: FollowedEntity[]): View {
  if (following.length === 0) return { messages: [t("following-none")] };
  const keyboard = new InlineKeyboard();
  for (const entity of following) keyboard.text(`✖ ${truncate(entity.name, 40)}`, callbackData.unfollow(entity.entityId)).row();
  const lines = following.map((entity) => `${t(`kind-${entity.kind}-icon`)} ${escapeHtml(entity.name)}`);
  return { messages: packBlocks([bold(t("following-title", { count: following.length })), lines.join("\n")]), keyboard };
}

/** /filter: the chat's filters and how to change them. */
export function filtersView(t: Translate, filters: ChatFilter[]): View {
  if (filters.length === 0) return { messages: [t("filter-none")] };
  const words = (kind: ChatFilter["kind"]) => filters.filter((f) => f.kind === kind).map((f) => bold(f.word)).join(", ");
  const blocks = [bold(t("filter-title"))];
  if (filters.some((f) => f.kind === "include")) blocks.push(t("filter-include", { words: words("include") }));
  if (filters.some((f) => f.kind === "exclude")) blocks.push(t("filter-exclude", { words: words("exclude") }));
  blocks.push(t("filter-footer"));
  return { messages: [blocks.join("\n")] };
}

export function filterResultView(t: Translate, result: FilterResult): View {
  if (result.ok) return { messages: [t(result.filter.kind === "include" ? "filter-added-include" : "filter-added-exclude", { word: escapeHtml(result.filter.word) })] };
  const key = { empty: "filter-empty", "too-long": "filter-too-long", "not-a-word": "filter-not-a-word", "too-many": "filter-too-many" }[result.reason];
  return { messages: [t(key, { max: result.reason === "too-long" ? FILTER_MAX_LENGTH : FILTERS_PER_CHAT })] };
}

/** The delivery line of /digest and /settings. */
export function deliveryLine(t: Translate, settings: ChatSettings, locale: string, prefix: "digest-set" | "settings-delivery"): string {
  const next = settings.nextDigestAt ? formatLocalTime(settings.nextDigestAt, settings.timeZone, locale) : "";
  return t(`${prefix}-${settings.deliveryMode}`, {
    time: settings.digestTime ?? "08:00",
    weekday: t(`weekday-${settings.digestWeekday ?? 1}`),
    zone: escapeHtml(settings.timeZone),
    next,
  });
}

export function quietLine(t: Translate, settings: ChatSettings): string {
  if (!settings.quietStart || !settings.quietEnd) return t("quiet-off");
  return t("quiet-set", { start: settings.quietStart, end: settings.quietEnd, zone: escapeHtml(settings.timeZone) });
}

export function timeZoneLine(t: Translate, settings: ChatSettings, locale: string, now: Date, key: "timezone-set" | "timezone-usage"): string {
  return t(key, { zone: escapeHtml(settings.timeZone), now: formatLocalTime(now, settings.timeZone, locale) });
}

/** /settings: the text above the menu. */
export function settingsText(
  t: Translate,
  input: { settings: ChatSettings; locale: string; language: string | null; topics: number; follows: number; filters: number },
): string {
  const { settings } = input;
  const quiet = settings.quietStart && settings.quietEnd
    ? t("settings-quiet", { start: settings.quietStart, end: settings.quietEnd })
    : t("settings-quiet-none");
  return [
    bold(t("settings-title")),
    deliveryLine(t, settings, input.locale, "settings-delivery"),
    t("settings-zone", { zone: escapeHtml(settings.timeZone) }),
    quiet,
    t("settings-language", { language: input.language ?? t("settings-language-auto") }),
    t("settings-counts", { topics: input.topics, follows: input.follows, filters: input.filters }),
  ].join("\n");
}
