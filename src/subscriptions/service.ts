/**
 * Topic subscriptions: who follows what, the chat life-cycle (blocked, re-added, migrated), and the
 * numbers behind /topics and /stats. No Telegram here: the bot's handlers call it.
 */
import type { ArticleSummary } from "../db/repositories/articles.js";
import type { TopicRecord } from "../db/repositories/catalog.js";
import type { ChatInfo } from "../db/repositories/chats.js";
import type { ArticleDeliveryCounts } from "../db/repositories/deliveries.js";
import type { Repositories } from "../db/repositories/index.js";
import type { NewsService } from "../news/service.js";

export interface TopicState {
  topic: TopicRecord;
  subscribed: boolean;
  /** Active chats following the topic. */
  subscribers: number;
}

export interface SubscribeResult {
  added: TopicRecord[];
  already: TopicRecord[];
  unknown: string[];
  /** The newest article of an added topic, offered when the chat subscribes for the first time. */
  offer?: { topic: TopicRecord; article: ArticleSummary };
}

export interface UnsubscribeResult {
  removed: TopicRecord[];
  notFollowed: TopicRecord[];
  unknown: string[];
}

export interface SubscriptionStats {
  topics: { topic: TopicRecord; active: number; inactive: number }[];
  chats: { active: number; inactive: number };
  articles: ArticleDeliveryCounts[];
}

/** Words that mean "every topic" in /unsubscribe, in the bot's languages. */
export const ALL_TOPICS = /^\s*(all|tout|tous|toutes|все|всё|усі)\s*$/iu;

/** The longest topic name in words ("North Atlantic Alliance"): bounds the greedy match. */
const MAX_NAME_WORDS = 4;

/** Creates the subscription service. */
export function createSubscriptionService({ repos, news }: { repos: Pick<Repositories, "chats" | "subscriptions" | "deliveries">; news: NewsService }) {
  /**
   * Splits "ukraine États-Unis north atlantic alliance" into topics: commas separate names when
   * present; otherwise the longest run of words that names a topic wins.
   */
  async function resolveNames(text: string): Promise<{ topics: TopicRecord[]; unknown: string[] }> {
    const topics = new Map<string, TopicRecord>();
    const unknown: string[] = [];
    const parts = text.includes(",") ? text.split(",").map((p) => p.trim()).filter(Boolean) : [text.trim()];
    for (const part of parts) {
      const words = part.split(/\s+/).filter(Boolean);
      for (let i = 0; i < words.length; ) {
        let matched = 0;
        for (let n = Math.min(MAX_NAME_WORDS, words.length - i); n >= 1; n--) {
          const topic = await news.resolveTopic(words.slice(i, i + n).join(" "));
          if (topic) {
            topics.set(topic.slug, topic);
            matched = n;
            break;
          }
        }
        if (matched === 0) {
          unknown.push(words[i]!);
          matched = 1;
        }
        i += matched;
      }
    }
    return { topics: [...topics.values()], unknown };
  }

  async function followed(chatId: number, threadId = 0): Promise<Set<number>> {
    return new Set(await repos.subscriptions.topicIdsOf(chatId, threadId));
  }

  async function offerFor(added: TopicRecord[]): Promise<SubscribeResult["offer"]> {
    for (const topic of added) {
      const [article] = await news.latest({ limit: 1, topicSlug: topic.slug });
      if (article) return { topic, article };
    }
    return undefined;
  }

  return {
    resolveNames,

    /** Every topic with whether the chat follows it and how many active chats do. */
    async overview(chatId: number, threadId = 0): Promise<TopicState[]> {
      const [topics, mine, counts] = await Promise.all([news.listTopics(), followed(chatId, threadId), repos.subscriptions.countsByTopic()]);
      const count = new Map(counts.map((c) => [c.topicId, c.active]));
      return topics.map((topic) => ({ topic, subscribed: mine.has(topic.id), subscribers: count.get(topic.id) ?? 0 }));
    },

    /** Slugs of the topics a chat (or one of its forum topics) follows. */
    async followedSlugs(chatId: number, threadId = 0): Promise<Set<string>> {
      const mine = await followed(chatId, threadId);
      return new Set((await news.listTopics()).filter((t) => mine.has(t.id)).map((t) => t.slug));
    },

    /**
     * Subscribes a chat to the topics named in `text` (slugs or names in any language); in a forum
     * supergroup, `threadId` is the forum topic the articles go to (each has its own subscriptions).
     */
    async subscribe(chat: ChatInfo, text: string, threadId = 0): Promise<SubscribeResult> {
      const { topics, unknown } = await resolveNames(text);
      await repos.chats.upsert(chat);
      const before = await followed(chat.id, threadId);
      const addedIds = new Set(await repos.subscriptions.add(chat.id, topics.map((t) => t.id), threadId));
      const added = topics.filter((t) => addedIds.has(t.id));
      const already = topics.filter((t) => !addedIds.has(t.id));
      const offer = before.size === 0 && added.length > 0 ? await offerFor(added) : undefined;
      return { added, already, unknown, offer };
    },

    /** Unsubscribes a chat from the topics named in `text`, or from every topic with "all". */
    async unsubscribe(chatId: number, text: string, threadId = 0): Promise<UnsubscribeResult> {
      const all = await news.listTopics();
      if (ALL_TOPICS.test(text)) {
        const removed = new Set(await repos.subscriptions.remove(chatId, "all", threadId));
        return { removed: all.filter((t) => removed.has(t.id)), notFollowed: [], unknown: [] };
      }
      const { topics, unknown } = await resolveNames(text);
      const removed = new Set(await repos.subscriptions.remove(chatId, topics.map((t) => t.id), threadId));
      return { removed: topics.filter((t) => removed.has(t.id)), notFollowed: topics.filter((t) => !removed.has(t.id)), unknown };
    },

    /** Flips one topic (the /subscribe menu). */
    async toggle(chat: ChatInfo, slug: string, threadId = 0): Promise<{ subscribed: boolean; topic?: TopicRecord; offer?: SubscribeResult["offer"] }> {
      const topic = (await news.listTopics()).find((t) => t.slug === slug);
      if (!topic) return { subscribed: false };
      await repos.chats.upsert(chat);
      const before = await followed(chat.id, threadId);
      if (before.has(topic.id)) {
        await repos.subscriptions.remove(chat.id, [topic.id], threadId);
        return { subscribed: false, topic };
      }
      await repos.subscriptions.add(chat.id, [topic.id], threadId);
      return { subscribed: true, topic, offer: before.size === 0 ? await offerFor([topic]) : undefined };
    },

    /** The bot was blocked or removed (inactive), or unblocked or re-added (active again). */
    async setChatActive(chat: ChatInfo, active: boolean, reason = "bot blocked or removed"): Promise<void> {
      if (active) await repos.chats.upsert(chat);
      else {
        await repos.chats.upsert(chat);
        await repos.subscriptions.deactivateChat(chat.id, reason);
      }
    },

    /** A group became a supergroup: its subscriptions move to the new id. */
    migrate: (fromId: number, toId: number) => repos.subscriptions.migrateChat(fromId, toId),

    /** Subscribers per topic, chats by state, and delivery counts of recent articles. */
    async stats(recentArticles = 5): Promise<SubscriptionStats> {
      const [topics, counts, chats, articles] = await Promise.all([
        news.listTopics(),
        repos.subscriptions.countsByTopic(),
        repos.subscriptions.subscribedChatCounts(),
        repos.deliveries.countsForRecentArticles(recentArticles),
      ]);
      const byTopic = new Map(counts.map((c) => [c.topicId, c]));
      return {
        topics: topics.map((topic) => ({ topic, active: byTopic.get(topic.id)?.active ?? 0, inactive: byTopic.get(topic.id)?.inactive ?? 0 })),
        chats,
        articles,
      };
    },
  };
}

export type SubscriptionService = ReturnType<typeof createSubscriptionService>;
