/** What the bot needs from the rest of the application: services, never the database itself. */
import type { ConversationData, VersionedState } from "@grammyjs/conversations";
import type { Logger } from "pino";
import type { AdminService } from "../admin/admins.js";
import type { ChatInfo } from "../db/repositories/chats.js";
import type { KnownNames } from "../entities/known-names.js";
import type { WhoIsService } from "../entities/who-is.js";
import type { KeyValueStorage } from "../db/repositories/kv.js";
import type { FeedService } from "../feeds/service.js";
import type { PublishingService } from "../news/publishing.js";
import type { NewsService } from "../news/service.js";
import type { PreferenceService } from "../subscriptions/preferences.js";
import type { SubscriptionService } from "../subscriptions/service.js";
import type { UpdateObservation } from "./middleware/update-log.js";

export interface BotDeps {
  news: NewsService;
  whoIs: WhoIsService;
  /** The in-memory check that keeps chatter away from the name search. */
  knownNames: Pick<KnownNames, "mightBeName">;
  chats: {
    /** Records a chat the bot talks to. */
    remember(chat: ChatInfo): Promise<void>;
    /** The language a chat chose with /language, if any. */
    languageOf(chatId: number): Promise<string | null | undefined>;
    /** Stores the language chosen with /language; null means "follow Telegram's language_code". */
    setLanguage(chatId: number, language: string | null): Promise<void>;
  };
  /** True for ids in ADMIN_IDS and users in the admins table. */
  isAdmin(userId: number): Promise<boolean>;
  /** Topic subscriptions, chat life-cycle and /stats numbers. */
  subscriptions: SubscriptionService;
  /** Follows, keyword filters and delivery settings (digests, time zone, quiet hours). */
  preferences: PreferenceService;
  /** Publishing new articles: the /post conversation and the source channel. */
  publishing: Pick<PublishingService, "preview" | "publish">;
  /** Feeds the bot reads by itself: /feeds, OPML files, review cards. */
  feeds: Pick<
    FeedService,
    "list" | "add" | "remove" | "pause" | "resume" | "setReview" | "importOpml" | "exportOpml" | "publishReviewItem" | "skipReviewItem" | "countByState"
  >;
  /** Listing, adding and removing admins with /admins. */
  admins: AdminService;
  /** Where conversation state lives (the `kv_store` table), so a restart mid-conversation loses nothing. */
  conversationStorage: KeyValueStorage<VersionedState<ConversationData>>;
  /** SOURCE_CHANNEL_ID: posts of this channel are published as articles. */
  sourceChannelId?: number;
  log: Logger;
  /** Told about every handled update (metrics). */
  observeUpdate?: (observation: UpdateObservation) => void;
  /** Told about every update dropped by flood control (metrics). */
  onFloodDropped?: () => void;
}
