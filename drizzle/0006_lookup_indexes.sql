DROP INDEX "entity_aliases_trgm_idx";--> statement-breakpoint
DROP INDEX "entity_aliases_trgm_gist_idx";--> statement-breakpoint
DROP INDEX "entities_search_idx";--> statement-breakpoint
CREATE INDEX "entity_aliases_word_variants_idx" ON "entity_aliases" USING gin (name_word_variants("normalized")) WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "entities_search_idx" ON "entities" USING gin (to_tsvector('simple', "search_text")) WITH (fastupdate=false);