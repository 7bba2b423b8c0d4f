/** All repositories over one database: the only place that talks SQL. */
import type { Db } from "../client.js";
import { createAdminRepository } from "./admins.js";
import { createArticleStatsRepository } from "./article-stats.js";
import { createArticleRepository } from "./articles.js";
import { createCatalogRepository } from "./catalog.js";
import { createChatRepository } from "./chats.js";
import { createEntityRepository } from "./entities.js";
import { createKeyValueStorage } from "./kv.js";
import { createDeliveryRepository } from "./deliveries.js";
import { createFeedRepository } from "./feeds.js";
import { createPreferenceRepository } from "./preferences.js";
import { createSubscriptionRepository } from "./subscriptions.js";
import { createKeyValueRepository } from "./kv.js";
import { createNameWordRepository } from "./name-words.js";
import { createProcessedUpdateRepository } from "./processed-updates.js";
import { createRetentionRepository } from "./retention.js";
import { createStoryRepository } from "./stories.js";

/** Creates every repository for `db`. */
export function createRepositories({ db }: { db: Db }) {
  return {
    articles: createArticleRepository({ db }),
    /** Which articles report one event, and an admin's splits and merges. */
    stories: createStoryRepository({ db }),
    catalog: createCatalogRepository({ db }),
    chats: createChatRepository({ db }),
    admins: createAdminRepository({ db }),
    entities: createEntityRepository({ db }),
    /** The words of entity names, for the bot's cheap "could this be a name?" check. */
    nameWords: createNameWordRepository({ db }),
    /** Small facts the application keeps between starts (e.g. the catalog fingerprint). */
    settings: createKeyValueStorage<string>({ db }, "settings"),
    subscriptions: createSubscriptionRepository({ db }),
    /** Follows, keyword filters and delivery settings of each chat. */
    preferences: createPreferenceRepository({ db }),
    deliveries: createDeliveryRepository({ db }),
    /** Feeds the bot reads by itself, and the items seen in them. */
    feeds: createFeedRepository({ db }),
    kv: createKeyValueRepository({ db }),
    articleStats: createArticleStatsRepository({ db }),
    processedUpdates: createProcessedUpdateRepository({ db }),
    /** Deleting finished deliveries, old update ids and stale conversations in batches. */
    retention: createRetentionRepository({ db }),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
