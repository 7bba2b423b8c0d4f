ALTER TABLE "processed_updates" ADD COLUMN "payload" jsonb;--> statement-breakpoint
ALTER TABLE "processed_updates" ADD COLUMN "handled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "processed_updates" ADD COLUMN "lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "processed_updates" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "processed_updates_unhandled_idx" ON "processed_updates" USING btree ("update_id") WHERE "processed_updates"."handled_at" is null and "processed_updates"."payload" is not null;