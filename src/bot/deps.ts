/** What the bot needs from the rest of the application: services, never the database itself. */
import type { Logger } from "pino";
import type { ChatInfo } from "../db/repositories/chats.js";
import type { NewsService } from "../news/service.js";
import type { UpdateObservation } from "./middleware/update-log.js";

export interface BotDeps {
  news: NewsService;
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
  log: Logger;
  /** Told about every handled update (metrics). */
  observeUpdate?: (observation: UpdateObservation) => void;
}
