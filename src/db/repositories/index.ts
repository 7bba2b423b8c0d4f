/** All repositories over one database: the only place that talks SQL. */
import type { Db } from "../client.js";
import { createAdminRepository } from "./admins.js";
import { createArticleRepository } from "./articles.js";
import { createCatalogRepository } from "./catalog.js";
import { createChatRepository } from "./chats.js";
import { createProcessedUpdateRepository } from "./processed-updates.js";

/** Creates every repository for `db`. */
export function createRepositories({ db }: { db: Db }) {
  return {
    articles: createArticleRepository({ db }),
    catalog: createCatalogRepository({ db }),
    chats: createChatRepository({ db }),
    admins: createAdminRepository({ db }),
    processedUpdates: createProcessedUpdateRepository({ db }),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
