/**
 * The whole database schema. Designed up front for every feature (news, entities, subscriptions,
 * durable delivery, admins, conversations, webhook de-duplication) so later work only adds.
 * Migrations are generated from this file by `drizzle-kit generate` and committed in `drizzle/`.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

/** Names of a thing in the bot's languages; `en` is always present. */
export type LocalizedText = { en: string } & Record<string, string>;

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const topics = pgTable("topics", {
  id: serial("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  names: jsonb("names").$type<LocalizedText>().notNull(),
  /** Other names readers may type ("USA", "OTAN", "РФ"). */
  aliases: jsonb("aliases").$type<string[]>().notNull().default([]),
  /** Words that suggest the topic, per language, for tagging new articles. */
  keywords: jsonb("keywords").$type<Record<string, string[]>>().notNull().default({}),
  position: integer("position").notNull().default(0),
  /**
   * subject (the IPTC Media Topics top level: every article gets at least one), region, theme, or
   * all (a subscription to it receives every article).
   */
  kind: text("kind").$type<"subject" | "region" | "theme" | "all">().notNull().default("subject"),
  /** For a theme: the subject it belongs to (diplomacy → politics); an article of the theme gets it too. */
  parent: text("parent"),
});

export const articles = pgTable(
  "articles",
  {
    id: serial("id").primaryKey(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    /** sha256 of the normalised body: the same text posted twice is refused. */
    bodyHash: text("body_hash").notNull().unique(),
    url: text("url").unique(),
    site: text("site"),
    comment: text("comment"),
    language: text("language").notNull().default("und"),
    /** One-sentence lead (generated, or the admin's own summary). */
    summary: text("summary").notNull(),
    /** Three to five sentences in text order. */
    bullets: jsonb("bullets").$type<string[]>().notNull().default([]),
    summaryByAdmin: boolean("summary_by_admin").notNull().default(false),
    tags: jsonb("tags").$type<string[]>().notNull().default([]),
    /** Where it came from: seed, telegram, channel, api. */
    origin: text("origin").notNull(),
    createdBy: bigint("created_by", { mode: "number" }),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
    /**
     * Stored for broadcast, its deliveries not yet queued. Set in the article's own transaction and
     * cleared in the enqueue's, so a crash between the two is completed by the sweeper.
     */
    enqueuePending: boolean("enqueue_pending").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    index("articles_published_idx").on(t.publishedAt.desc(), t.id.desc()),
    index("articles_enqueue_pending_idx").on(t.id).where(sql`${t.enqueuePending}`),
  ],
);

export const articleTopics = pgTable(
  "article_topics",
  {
    articleId: integer("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.topicId] }), index("article_topics_topic_idx").on(t.topicId)],
);

export const outlets = pgTable("outlets", {
  id: serial("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  aliases: jsonb("aliases").$type<string[]>().notNull().default([]),
  homepage: text("homepage"),
  /** Web domains of the outlet (without www). */
  domains: jsonb("domains").$type<string[]>().notNull().default([]),
  /** agency, newspaper, broadcaster, magazine, online or photo (a photo agency's credit is no claim). */
  kind: text("kind"),
  /** catalog (seeds/) or extracted (named as a source in an article, not in the catalog). */
  source: text("source").$type<"catalog" | "extracted">().notNull().default("catalog"),
});

/**
 * A statement the article attributes to someone: an outlet ("a écrit Politico") or a quoted
 * speaker ("a confirmé le ministre … Johann Wadepul"). `sourceKey` names who ("outlet:politico",
 * "entity:johann-wadephul", "speaker:le kremlin") so the same claim found twice is stored once.
 */
export const citations = pgTable(
  "citations",
  {
    id: serial("id").primaryKey(),
    articleId: integer("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    sourceKey: text("source_key").notNull(),
    outletId: integer("outlet_id").references(() => outlets.id, { onDelete: "set null" }),
    entityId: integer("entity_id").references(() => entities.id, { onDelete: "set null" }),
    speaker: text("speaker"),
    claim: text("claim").notNull(),
    /** Index of the claim sentence in the article, for text order. */
    position: integer("position").notNull(),
  },
  (t) => [uniqueIndex("citations_unique").on(t.articleId, t.sourceKey, t.position)],
);

export const entities = pgTable(
  "entities",
  {
    id: serial("id").primaryKey(),
    slug: text("slug").notNull().unique(),
    kind: text("kind").$type<"person" | "organization" | "place">().notNull(),
    name: text("name").notNull(),
    descriptions: jsonb("descriptions").$type<Partial<Record<string, string>>>().notNull().default({}),
    /** Every spelling as written (Latin and Cyrillic ones share a search key): a card names the entity in the reader's script. */
    spellings: jsonb("spellings").$type<string[]>().notNull().default([]),
    /** catalog (from seeds/) or extracted (a capitalised name found in an article). */
    source: text("source").$type<"catalog" | "extracted">().notNull().default("catalog"),
    /**
     * Normalised words of the names, descriptions (every language) and roles the news gives the
     * entity: role questions ("who is the German foreign minister?") are matched against it.
     */
    searchText: text("search_text").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [
    index("entities_kind_idx").on(t.kind),
    // No fast update (as for the alias variants): the pending list would be scanned by every role
    // question until autovacuum merges it; PGlite never does (18 ms instead of 0.6 ms at 100k).
    index("entities_search_idx").using("gin", sql`to_tsvector('simple', ${t.searchText})`).with({ fastupdate: false }),
  ],
);

/** Every spelling of an entity, with a normalised form (lower case, no accents, Latin script). */
export const entityAliases = pgTable(
  "entity_aliases",
  {
    id: serial("id").primaryKey(),
    entityId: integer("entity_id")
      .notNull()
      .references(() => entities.id, { onDelete: "cascade" }),
    alias: text("alias").notNull(),
    normalized: text("normalized").notNull(),
    /** A surname or short form: counts as a mention, ranks below full names. */
    isShort: boolean("is_short").notNull().default(false),
  },
  (t) => [
    uniqueIndex("entity_aliases_unique").on(t.entityId, t.normalized),
    // Exact names and surnames: one btree lookup.
    index("entity_aliases_normalized_idx").on(t.normalized),
    // Words and one-letter-deleted forms of words (function in migration 0005): words and typos
    // of words by key equality, however many names share a first name. No fast update: names are
    // read far more than written, and a search would otherwise scan the unmerged pending list
    // (PGlite never runs autovacuum to merge it: 360 pages read per search after the seeds).
    index("entity_aliases_word_variants_idx")
      .using("gin", sql`name_word_variants(${t.normalized})`)
      .with({ fastupdate: false }),
  ],
);

export const entityTopics = pgTable(
  "entity_topics",
  {
    entityId: integer("entity_id")
      .notNull()
      .references(() => entities.id, { onDelete: "cascade" }),
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.entityId, t.topicId] })],
);

/** An entity named in an article: the sentence, and the role the text gives it there, if any. */
export const mentions = pgTable(
  "mentions",
  {
    id: serial("id").primaryKey(),
    articleId: integer("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    /** Null for a name with too little evidence to be stored as an entity: shown as text only. */
    entityId: integer("entity_id").references(() => entities.id, { onDelete: "cascade" }),
    /** The name as the article gives it (nominative where the language inflects names). */
    name: text("name"),
    kind: text("kind").$type<"person" | "organization" | "place">(),
    sentence: text("sentence").notNull(),
    position: integer("position").notNull(),
    role: text("role"),
    /** Normalised role for role questions ("who is the German foreign minister?"). */
    roleNormalized: text("role_normalized"),
  },
  (t) => [
    uniqueIndex("mentions_unique").on(t.articleId, t.entityId, t.position),
    uniqueIndex("mentions_text_unique").on(t.articleId, t.name, t.position).where(sql`${t.entityId} is null`),
    index("mentions_entity_idx").on(t.entityId),
  ],
);

export type DeliveryMode = "instant" | "hourly" | "daily" | "weekly";

/** A Telegram chat that talked to the bot: private, group, supergroup or channel. */
export const chats = pgTable(
  "chats",
  {
  id: bigint("id", { mode: "number" }).primaryKey(),
  type: text("type").notNull(),
  title: text("title"),
  /** Chosen with /language; null means "follow Telegram's language_code". */
  language: text("language"),
  /** The language_code Telegram last reported for the person who set the chat up: deliveries use it. */
  telegramLanguage: text("telegram_language"),
  /** False once the bot is blocked or removed: subscriptions are kept, nothing is sent. */
  active: boolean("active").notNull().default(true),
  /** instant (one message per article), or a digest: hourly, daily or weekly. */
  deliveryMode: text("delivery_mode").$type<DeliveryMode>().notNull().default("instant"),
  /** Local time of a daily or weekly digest ("08:00"), and the weekday of a weekly one (1 = Monday). */
  digestTime: text("digest_time"),
  digestWeekday: integer("digest_weekday"),
  /** When the next digest is built (UTC); null for instant chats. */
  nextDigestAt: timestamp("next_digest_at", { withTimezone: true }),
  /** IANA time zone ("Europe/Paris") or a fixed offset ("UTC+3"). */
  timeZone: text("time_zone").notNull().default("UTC"),
  /** Quiet hours, local "HH:MM": instant articles wait until the end. */
  quietStart: text("quiet_start"),
  quietEnd: text("quiet_end"),
  linkPreviews: boolean("link_previews").notNull().default(true),
  /** Messages sent with disable_notification. */
  silent: boolean("silent").notNull().default(false),
  createdAt: createdAt(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
},
  (t) => [index("chats_digest_due_idx").on(t.nextDigestAt).where(sql`${t.deliveryMode} <> 'instant'`)],
);

export const subscriptions = pgTable(
  "subscriptions",
  {
    chatId: bigint("chat_id", { mode: "number" })
      .notNull()
      .references(() => chats.id, { onDelete: "cascade", onUpdate: "cascade" }),
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    /** A forum topic of a supergroup (`message_thread_id`); 0 is the chat itself. */
    threadId: integer("thread_id").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.chatId, t.threadId, t.topicId] }), index("subscriptions_topic_idx").on(t.topicId)],
);

/**
 * pending → sent | failed | cancelled. A chat on digests gets `held` rows; when its digest is due,
 * one of them becomes the digest message (pending, with `digestArticleIds`) and the others
 * `digested`, in one transaction.
 */
export type DeliveryStatus = "pending" | "sent" | "failed" | "cancelled" | "held" | "digested";

/**
 * One row per (article, chat): the unique key makes enqueueing idempotent. A worker claims due
 * rows by setting a lease (`leaseUntil`, `leasedBy`) with FOR UPDATE SKIP LOCKED; an expired lease
 * means the worker died and the row is due again.
 */
export const deliveries = pgTable(
  "deliveries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    articleId: integer("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    chatId: bigint("chat_id", { mode: "number" })
      .notNull()
      .references(() => chats.id, { onDelete: "cascade", onUpdate: "cascade" }),
    status: text("status").$type<DeliveryStatus>().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    leasedBy: text("leased_by"),
    messageId: bigint("message_id", { mode: "number" }),
    error: text("error"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    /** A digest message: the articles it lists, newest first (null for one article). */
    digestArticleIds: integer("digest_article_ids").array(),
    /** The forum topic it goes to (`message_thread_id`); 0 is the chat itself. */
    threadId: integer("thread_id").notNull().default(0),
    /**
     * The sent message is to be edited from then on (its story gained outlets): at most once an
     * hour per message, so per chat and story.
     */
    editDueAt: timestamp("edit_due_at", { withTimezone: true }),
    editedAt: timestamp("edited_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("deliveries_held_idx").on(t.chatId).where(sql`${t.status} = 'held'`),
    uniqueIndex("deliveries_article_chat_unique").on(t.articleId, t.chatId, t.threadId),
    index("deliveries_due_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index("deliveries_chat_idx").on(t.chatId),
    // Finished rows by age: the retention job deletes the oldest in small batches.
    index("deliveries_finished_idx").on(t.createdAt).where(sql`${t.status} <> 'pending'`),
    index("deliveries_edit_due_idx").on(t.editDueAt).where(sql`${t.editDueAt} is not null`),
  ],
);

/** Admins added with /admins add; ADMIN_IDS from the environment are admins too. */
export const admins = pgTable("admins", {
  userId: bigint("user_id", { mode: "number" }).primaryKey(),
  addedBy: bigint("added_by", { mode: "number" }),
  createdAt: createdAt(),
});

/** Key-value storage for grammY sessions and conversation state, so a restart loses nothing. */
export const kvStore = pgTable(
  "kv_store",
  {
    key: text("key").primaryKey(),
    value: jsonb("value").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("kv_store_updated_idx").on(t.updatedAt)],
);

/** Webhook update ids already handled (kept for a day): Telegram may deliver an update twice. */
/**
 * The update inbox: every update received, recorded before Telegram is told it arrived (polling
 * confirms the offset only after this insert; a webhook answers 200 only after handling). An update
 * whose handler never finished (the process died) is handled again after its lease; `attempts`
 * stops one that kills its handler every time.
 */
export const processedUpdates = pgTable(
  "processed_updates",
  {
    updateId: bigint("update_id", { mode: "number" }).primaryKey(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    /** The update itself, until it is handled (null for ids recorded without it). */
    payload: jsonb("payload"),
    handledAt: timestamp("handled_at", { withTimezone: true }),
    /** Whoever handles it holds it until then; after that, it is due again. */
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    attempts: integer("attempts").notNull().default(0),
  },
  (t) => [
    index("processed_updates_received_idx").on(t.receivedAt),
    index("processed_updates_unhandled_idx").on(t.updateId).where(sql`${t.handledAt} is null and ${t.payload} is not null`),
  ],
);

export type FeedMode = "publish" | "review";
export type FeedState = "active" | "paused" | "failing" | "disabled";

/**
 * A feed (RSS, Atom, RDF or JSON Feed) the bot reads by itself. Fetchers claim due rows
 * (`next_fetch_at`) under a lease with FOR UPDATE SKIP LOCKED, as workers claim deliveries, so
 * several processes share the feeds and a fetcher that died leaves its feeds due again.
 */
export const feeds = pgTable(
  "feeds",
  {
    id: serial("id").primaryKey(),
    /** The feed's own URL (after discovery from a site page), canonical form. */
    url: text("url").notNull().unique(),
    title: text("title"),
    siteUrl: text("site_url"),
    /** Topic slugs every item gets, beside its categories and the analysis. */
    topics: jsonb("topics").$type<string[]>().notNull().default([]),
    /** Language of the items when the feed declares one (analysis detects it otherwise). */
    language: text("language"),
    mode: text("mode").$type<FeedMode>().notNull().default("publish"),
    state: text("state").$type<FeedState>().notNull().default("active"),
    nextFetchAt: timestamp("next_fetch_at", { withTimezone: true }).notNull().defaultNow(),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    leasedBy: text("leased_by"),
    /** Conditional GET validators of the last 200. */
    etag: text("etag"),
    lastModified: text("last_modified"),
    /** False until the first successful fetch: the items found then are the archive, not news. */
    primed: boolean("primed").notNull().default(false),
    lastFetchAt: timestamp("last_fetch_at", { withTimezone: true }),
    lastSuccessAt: timestamp("last_success_at", { withTimezone: true }),
    /** Start of the current run of failures (null while fetches succeed). */
    failingSince: timestamp("failing_since", { withTimezone: true }),
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    lastError: text("last_error"),
    lastStatus: integer("last_status"),
    /** Admins were told this feed is failing (once per run of failures). */
    failureNotified: boolean("failure_notified").notNull().default(false),
    fetchCount: integer("fetch_count").notNull().default(0),
    itemCount: integer("item_count").notNull().default(0),
    duplicateCount: integer("duplicate_count").notNull().default(0),
    addedBy: bigint("added_by", { mode: "number" }),
    createdAt: createdAt(),
  },
  (t) => [index("feeds_due_idx").on(t.nextFetchAt).where(sql`${t.state} in ('active', 'failing')`)],
);

export type FeedItemStatus = "new" | "published" | "archived" | "duplicate" | "review" | "skipped" | "invalid";

/**
 * An item seen in a feed, once per (feed, guid). `new` means it is being stored right now: if the
 * fetcher dies there, the next fetch finds it unfinished and completes it (stores or enqueues).
 * A `review` item keeps its content until an admin publishes or skips it.
 */
export const feedItems = pgTable(
  "feed_items",
  {
    id: serial("id").primaryKey(),
    feedId: integer("feed_id")
      .notNull()
      .references(() => feeds.id, { onDelete: "cascade" }),
    /** The item's guid, else its canonical link, else a hash of title and text. */
    guidKey: text("guid_key").notNull(),
    url: text("url"),
    title: text("title").notNull(),
    status: text("status").$type<FeedItemStatus>().notNull().default("new"),
    articleId: integer("article_id").references(() => articles.id, { onDelete: "set null" }),
    /** What will be published (review items): title, body, link, date, language, categories. */
    content: jsonb("content").$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("feed_items_feed_guid_unique").on(t.feedId, t.guidKey), index("feed_items_status_idx").on(t.status)],
);

/** People, organisations and places a chat follows: their articles reach it like a topic's. */
export const follows = pgTable(
  "follows",
  {
    chatId: bigint("chat_id", { mode: "number" })
      .notNull()
      .references(() => chats.id, { onDelete: "cascade", onUpdate: "cascade" }),
    entityId: integer("entity_id")
      .notNull()
      .references(() => entities.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.chatId, t.entityId] }), index("follows_entity_idx").on(t.entityId)],
);

/**
 * A chat's keyword filter: `include` (an article must contain one of them) or `exclude` (it must
 * contain none). `variants` are the word's normalised form and its stems in every language; an
 * article matches when one of them is among its own words, stems or entity names.
 */
export const chatFilters = pgTable(
  "chat_filters",
  {
    chatId: bigint("chat_id", { mode: "number" })
      .notNull()
      .references(() => chats.id, { onDelete: "cascade", onUpdate: "cascade" }),
    kind: text("kind").$type<"include" | "exclude">().notNull(),
    word: text("word").notNull(),
    variants: text("variants").array().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.chatId, t.kind, t.word] })],
);

/**
 * A story: the articles of every outlet about one event. An article joins the most similar story
 * of the 72 hours around it, or starts one; an admin can split and merge stories.
 */
export const stories = pgTable(
  "stories",
  {
    id: serial("id").primaryKey(),
    articleCount: integer("article_count").notNull().default(0),
    firstPublishedAt: timestamp("first_published_at", { withTimezone: true }).notNull(),
    lastPublishedAt: timestamp("last_published_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("stories_last_published_idx").on(t.lastPublishedAt.desc(), t.id.desc())],
);

/**
 * An article's place in its story, with what the clustering compared: `keys` (names, leading
 * terms, fingerprint bands) are what the candidate query matches on (GIN), `features` the
 * weighted vectors it scores with, `score` and `matched` why it joined (empty for a story's first).
 */
export const storyArticles = pgTable(
  "story_articles",
  {
    articleId: integer("article_id")
      .primaryKey()
      .references(() => articles.id, { onDelete: "cascade" }),
    storyId: integer("story_id")
      .notNull()
      .references(() => stories.id, { onDelete: "cascade" }),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull(),
    language: text("language").notNull(),
    score: real("score").notNull().default(0),
    matched: jsonb("matched").$type<Record<string, unknown>>().notNull().default({}),
    /** cluster (the similarity chose), first (it started the story), split or merge (an admin). */
    joinedBy: text("joined_by").$type<"cluster" | "first" | "split" | "merge">().notNull(),
    keys: text("keys").array().notNull(),
    features: jsonb("features").$type<Record<string, unknown>>().notNull(),
    joinedAt: timestamp("joined_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // fastupdate off: a lookup per new article must not scan a pending list of recent inserts.
    index("story_articles_keys_idx").using("gin", t.keys).with({ fastupdate: false }),
    index("story_articles_published_idx").on(t.publishedAt),
    index("story_articles_story_idx").on(t.storyId, t.publishedAt),
  ],
);

/** How many stored articles carry each clustering key (the idf of tf-idf); "" counts all articles. */
export const storyKeyCounts = pgTable("story_key_counts", {
  key: text("key").primaryKey(),
  articles: integer("articles").notNull(),
});
