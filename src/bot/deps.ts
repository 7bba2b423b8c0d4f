/** What the bot needs from the rest of the application: services, never the database itself. */
import type { Logger } from "pino";
import type { ChatInfo } from "../db/repositories/chats.js";
import type { WhoIsService } from "../entities/who-is.js";
import type { NewsService } from "../news/service.js";
import type { SubscriptionService } from "../subscriptions/service.js";

export interface BotDeps {
  news: NewsService;
  whoIs: WhoIsService;
  chats: {
    /** Records a chat the bot talks to. */
    remember(chat: ChatInfo): Promise<void>;
    /** The language a chat chose with /language, if any. */
    languageOf(chatId: number): Promise<string | null | undefined>;
  };
  /** True for ids in ADMIN_IDS and users in the admins table. */
  isAdmin(userId: number): Promise<boolean>;
  /** Topic subscriptions, chat life-cycle and /stats numbers. */
  subscriptions: SubscriptionService;
  log: Logger;
}
