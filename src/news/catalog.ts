/**
 * Reads the catalog seed files (seeds/outlets.json, seeds/entities.json, seeds/topics.json) into the
 * {@link Catalog} that {@link analyzeArticle} takes. The database seeder and the tests share it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Catalog, EntityRef, OutletRef, TopicRef } from "./types.js";

/** An entity as written in seeds/entities.json (the catalog part plus its descriptions). */
export interface EntitySeed extends EntityRef {
  descriptions: Record<string, string>;
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, "utf8")) as T;
}

/** Loads the three catalog files from a seeds directory. */
export function loadSeedCatalog(seedsDir: string): Catalog & { entities: EntitySeed[] } {
  return {
    outlets: readJson<OutletRef[]>(join(seedsDir, "outlets.json")),
    entities: readJson<EntitySeed[]>(join(seedsDir, "entities.json")),
    topics: readJson<TopicRef[]>(join(seedsDir, "topics.json")),
  };
}
