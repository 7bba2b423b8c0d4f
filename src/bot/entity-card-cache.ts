/**
 * Entity cards kept in memory for a few seconds: when a name is in the news, many readers ask
 * "who is …?" about it at once, and the card (roles, latest mentions, related names) only changes
 * when an article is published. The name search itself always runs: only the card is reused.
 *
 * Freshness is the news cache's: `invalidate()` on every article stored by this process, and
 * `ttlMs` (default 5 s) at most for one stored by another process.
 */
import type { EntityCardData, EntityRepository } from "../db/repositories/entities.js";
import { createReadThrough } from "../read-through.js";

export interface EntityCardCacheOptions {
  /** How long a card is reused (default 5 s). */
  ttlMs?: number;
  /** Most cards kept (default 1,000). */
  max?: number;
  now?: () => number;
}

type CardSizes = Parameters<EntityRepository["card"]>[1];

/** Wraps `entities` so that `card` reuses recent answers; everything else passes through. */
export function createEntityCardCache<T extends Pick<EntityRepository, "card">>(entities: T, options: EntityCardCacheOptions = {}) {
  const cards = createReadThrough<string, EntityCardData>(
    (key) => {
      const { id, sizes } = JSON.parse(key) as { id: number; sizes: CardSizes };
      return entities.card(id, sizes);
    },
    { ttlMs: options.ttlMs ?? 5_000, max: options.max ?? 1_000, now: options.now },
  );
  return {
    ...entities,
    card: (entityId: number, sizes: CardSizes) => cards.get(JSON.stringify({ id: entityId, sizes })),
    /** Forgets every card: the next questions read the database. */
    invalidate: (): void => cards.clear(),
  };
}
