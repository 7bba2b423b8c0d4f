DROP INDEX "mentions_role_trgm_idx";--> statement-breakpoint
ALTER TABLE "mentions" ALTER COLUMN "entity_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "entities" ADD COLUMN "spellings" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "mentions" ADD COLUMN "name" text;--> statement-breakpoint
ALTER TABLE "mentions" ADD COLUMN "kind" text;--> statement-breakpoint
ALTER TABLE "outlets" ADD COLUMN "domains" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "outlets" ADD COLUMN "kind" text;--> statement-breakpoint
ALTER TABLE "outlets" ADD COLUMN "source" text DEFAULT 'catalog' NOT NULL;--> statement-breakpoint
ALTER TABLE "topics" ADD COLUMN "kind" text DEFAULT 'subject' NOT NULL;--> statement-breakpoint
ALTER TABLE "topics" ADD COLUMN "parent" text;--> statement-breakpoint
CREATE UNIQUE INDEX "mentions_text_unique" ON "mentions" USING btree ("article_id","name","position") WHERE "mentions"."entity_id" is null;