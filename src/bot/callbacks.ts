/**
 * Callback data of inline buttons: short, versioned by prefix, and parsed strictly, so a forged
 * or stale button is recognised and answered politely instead of crashing a handler.
 */

export const callbackData = {
  sources: (articleId: number) => `a:src:${articleId}`,
  whosWho: (articleId: number) => `a:who:${articleId}`,
  fullText: (articleId: number) => `a:full:${articleId}`,
  /** Opens an article listed in a digest. */
  open: (articleId: number) => `a:open:${articleId}`,
  follow: (entityId: number) => `f:add:${entityId}`,
  unfollow: (entityId: number) => `f:del:${entityId}`,
  entity: (entityId: number) => `e:${entityId}`,
  moreMentions: (entityId: number, offset: number) => `e:${entityId}:m:${offset}`,
  /** A story's card. */
  story: (storyId: number) => `s:${storyId}`,
};

/** Matches story buttons: `s:<story id>`. */
export const STORY_CALLBACK = /^s:(\d{1,9})$/;

/** Matches article buttons: `a:<action>:<id>`. */
export const ARTICLE_CALLBACK = /^a:(src|who|full|open):(\d{1,9})$/;
/** Matches follow buttons: `f:add|del:<entity id>`. */
export const FOLLOW_CALLBACK = /^f:(add|del):(\d{1,9})$/;
/** Matches entity buttons: `e:<id>`. */
export const ENTITY_CALLBACK = /^e:(\d{1,9})$/;
/** Matches "more mentions" buttons: `e:<id>:m:<offset>`. */
export const MORE_MENTIONS_CALLBACK = /^e:(\d{1,9}):m:(\d{1,5})$/;
