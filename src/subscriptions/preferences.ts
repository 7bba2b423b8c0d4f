/**
 * What a chat chose beyond topics: followed people, organisations and places, keyword filters,
 * and when articles reach it (instant or digests, time zone, quiet hours, previews, silence). No
 * Telegram here: the bot's handlers call it, and it says what happened.
 */
import type { ChatInfo } from "../db/repositories/chats.js";
import type { EntityMatch } from "../db/repositories/entities.js";
import type { Repositories } from "../db/repositories/index.js";
import type { ChatFilter, ChatSettings, FollowedEntity } from "../db/repositories/preferences.js";
import type { DeliveryMode } from "../db/schema.js";
import { nextDigestAt, parseTimeZone } from "../delivery/local-time.js";
import type { WhoIsService } from "../entities/who-is.js";
import { normalizeName } from "../text/normalize.js";
import { filterWord, FILTERS_PER_CHAT } from "./filter-terms.js";

export type FollowResult =
  | { kind: "followed" | "already"; entity: FollowedEntity }
  | { kind: "too-many"; entity: FollowedEntity; max: number }
  | { kind: "choices"; subject: string; candidates: EntityMatch[] }
  | { kind: "unknown"; subject: string; suggestions: EntityMatch[] };

export type UnfollowResult = { kind: "unfollowed"; entity: FollowedEntity } | { kind: "not-followed"; subject: string };

export type FilterResult =
  | { ok: true; filter: ChatFilter }
  | { ok: false; reason: "empty" | "too-long" | "not-a-word" | "too-many" };

/** Most entities one chat may follow. */
export const FOLLOWS_PER_CHAT = 100;

export interface PreferenceServiceDeps {
  repos: Pick<Repositories, "preferences" | "chats" | "entities">;
  whoIs: Pick<WhoIsService, "answer">;
  now?: () => Date;
}

/** Creates the preference service. */
export function createPreferenceService({ repos, whoIs, now = () => new Date() }: PreferenceServiceDeps) {
  const prefs = repos.preferences;

  async function entityOf(entityId: number): Promise<FollowedEntity | undefined> {
    const entity = await repos.entities.details(entityId);
    return entity && { entityId: entity.id, name: entity.name, kind: entity.kind };
  }

  async function followEntity(chat: ChatInfo, entity: FollowedEntity): Promise<FollowResult> {
    await repos.chats.upsert(chat);
    const current = await prefs.following(chat.id);
    if (current.some((f) => f.entityId === entity.entityId)) return { kind: "already", entity };
    if (current.length >= FOLLOWS_PER_CHAT) return { kind: "too-many", entity, max: FOLLOWS_PER_CHAT };
    await prefs.follow(chat.id, entity.entityId);
    return { kind: "followed", entity };
  }

  /** The schedule fields of a settings change, with the next digest time they give. */
  function schedule(settings: ChatSettings, change: Partial<ChatSettings>): Partial<ChatSettings> {
    const merged = { ...settings, ...change };
    const next = nextDigestAt({ mode: merged.deliveryMode, time: merged.digestTime, weekday: merged.digestWeekday, timeZone: merged.timeZone }, now());
    return { ...change, nextDigestAt: next ?? null };
  }

  /** The chat's settings; a chat never seen before is recorded first (with the defaults). */
  async function settingsOf(chat: ChatInfo): Promise<ChatSettings> {
    const known = await prefs.settings(chat.id);
    if (known) return known;
    await repos.chats.upsert(chat);
    return (await prefs.settings(chat.id))!;
  }

  return {
    /** Follows whoever `subject` names, resolved like a who-is question (names, languages, typos). */
    async follow(chat: ChatInfo, subject: string): Promise<FollowResult> {
      const answer = await whoIs.answer(subject);
      if (!answer || answer.kind === "unknown") return { kind: "unknown", subject, suggestions: answer?.suggestions ?? [] };
      if (answer.kind === "choices") return answer;
      const { entity } = answer.card;
      return followEntity(chat, { entityId: entity.id, name: entity.name, kind: entity.kind });
    },

    /** Follows an entity picked with a button. */
    async followId(chat: ChatInfo, entityId: number): Promise<FollowResult | undefined> {
      const entity = await entityOf(entityId);
      return entity && followEntity(chat, entity);
    },

    /** Stops following: a followed name first (as typed, or close to it), then a who-is match. */
    async unfollow(chatId: number, subject: string): Promise<UnfollowResult> {
      const current = await prefs.following(chatId);
      const typed = normalizeName(subject);
      let entity = current.find((f) => normalizeName(f.name) === typed || normalizeName(f.name).split(" ").includes(typed));
      if (!entity) {
        const answer = await whoIs.answer(subject);
        const id = answer?.kind === "card" ? answer.card.entity.id : undefined;
        entity = current.find((f) => f.entityId === id);
      }
      if (!entity) return { kind: "not-followed", subject };
      await prefs.unfollow(chatId, entity.entityId);
      return { kind: "unfollowed", entity };
    },

    async unfollowId(chatId: number, entityId: number): Promise<UnfollowResult | undefined> {
      const entity = await entityOf(entityId);
      if (!entity) return undefined;
      return (await prefs.unfollow(chatId, entityId)) ? { kind: "unfollowed", entity } : { kind: "not-followed", subject: entity.name };
    },

    following: (chatId: number) => prefs.following(chatId),
    isFollowing: async (chatId: number, entityId: number) => (await prefs.following(chatId)).some((f) => f.entityId === entityId),

    filters: (chatId: number) => prefs.filters(chatId),

    /** `+word` (must contain) or `-word` (must not contain). */
    async addFilter(chat: ChatInfo, kind: ChatFilter["kind"], text: string): Promise<FilterResult> {
      const parsed = filterWord(text);
      if (!parsed.ok) return parsed;
      await repos.chats.upsert(chat);
      const current = await prefs.filters(chat.id);
      const replacing = current.some((f) => f.word.toLowerCase() === parsed.word.toLowerCase());
      if (!replacing && current.length >= FILTERS_PER_CHAT) return { ok: false, reason: "too-many" };
      const existing = current.find((f) => f.word.toLowerCase() === parsed.word.toLowerCase());
      await prefs.addFilter(chat.id, { kind, word: existing?.word ?? parsed.word, variants: parsed.variants });
      return { ok: true, filter: { kind, word: existing?.word ?? parsed.word } };
    },

    /** Removes one filter word, or all of them without `word`; returns how many. */
    async removeFilters(chatId: number, word?: string): Promise<number> {
      return prefs.removeFilters(chatId, word);
    },

    settings: settingsOf,

    /** Instant delivery, or a digest; returns the new settings (with the next digest time). */
    async setDelivery(chat: ChatInfo, mode: DeliveryMode, time: string | null, weekday: number | null): Promise<ChatSettings> {
      const settings = await settingsOf(chat);
      await prefs.updateSettings(chat.id, schedule(settings, { deliveryMode: mode, digestTime: time, digestWeekday: weekday }));
      return (await prefs.settings(chat.id))!;
    },

    /** A city, a zone name or an offset; undefined when nothing matches. */
    async setTimeZone(chat: ChatInfo, text: string): Promise<ChatSettings | undefined> {
      const zone = parseTimeZone(text);
      if (!zone) return undefined;
      const settings = await settingsOf(chat);
      await prefs.updateSettings(chat.id, schedule(settings, { timeZone: zone }));
      return (await prefs.settings(chat.id))!;
    },

    async setQuietHours(chat: ChatInfo, start: string | null, end: string | null): Promise<ChatSettings> {
      await settingsOf(chat);
      await prefs.updateSettings(chat.id, { quietStart: start, quietEnd: end });
      return (await prefs.settings(chat.id))!;
    },

    async setLinkPreviews(chat: ChatInfo, on: boolean): Promise<void> {
      await settingsOf(chat);
      await prefs.updateSettings(chat.id, { linkPreviews: on });
    },

    async setSilent(chat: ChatInfo, on: boolean): Promise<void> {
      await settingsOf(chat);
      await prefs.updateSettings(chat.id, { silent: on });
    },

    /** For /stats: chats per mode, the most followed entities, messages saved by digests. */
    async stats(): Promise<{ byMode: Record<string, number>; mostFollowed: { name: string; chats: number }[]; savedByDigests: number }> {
      const [byMode, mostFollowed, savedByDigests] = await Promise.all([prefs.chatsByMode(), prefs.mostFollowed(5), prefs.savedByDigests()]);
      return { byMode, mostFollowed, savedByDigests };
    },
  };
}

export type PreferenceService = ReturnType<typeof createPreferenceService>;
