ALTER TABLE "entities" ADD COLUMN "search_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX "entities_search_idx" ON "entities" USING gin (to_tsvector('simple', "search_text"));