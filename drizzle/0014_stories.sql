CREATE TABLE "stories" (
	"id" serial PRIMARY KEY NOT NULL,
	"article_count" integer DEFAULT 0 NOT NULL,
	"first_published_at" timestamp with time zone NOT NULL,
	"last_published_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "story_articles" (
	"article_id" integer PRIMARY KEY NOT NULL,
	"story_id" integer NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"language" text NOT NULL,
	"score" real DEFAULT 0 NOT NULL,
	"matched" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"joined_by" text NOT NULL,
	"keys" text[] NOT NULL,
	"features" jsonb NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "story_key_counts" (
	"key" text PRIMARY KEY NOT NULL,
	"articles" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "edit_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "edited_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "story_articles" ADD CONSTRAINT "story_articles_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_articles" ADD CONSTRAINT "story_articles_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stories_last_published_idx" ON "stories" USING btree ("last_published_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "story_articles_keys_idx" ON "story_articles" USING gin ("keys") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "story_articles_published_idx" ON "story_articles" USING btree ("published_at");--> statement-breakpoint
CREATE INDEX "story_articles_story_idx" ON "story_articles" USING btree ("story_id","published_at");--> statement-breakpoint
CREATE INDEX "deliveries_edit_due_idx" ON "deliveries" USING btree ("edit_due_at") WHERE "deliveries"."edit_due_at" is not null;--> statement-breakpoint
-- Articles stored before stories existed each become a story of their own (no features: no later article is compared with them).
INSERT INTO "stories" ("id", "article_count", "first_published_at", "last_published_at") SELECT "id", 1, "published_at", "published_at" FROM "articles";--> statement-breakpoint
SELECT setval(pg_get_serial_sequence('stories', 'id'), coalesce((SELECT max("id") FROM "stories"), 0) + 1, false);--> statement-breakpoint
INSERT INTO "story_articles" ("article_id", "story_id", "published_at", "language", "joined_by", "keys", "features") SELECT "id", "id", "published_at", "language", 'first', '{}', '{}' FROM "articles";
