CREATE TABLE "chat_filters" (
	"chat_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"word" text NOT NULL,
	"variants" text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chat_filters_chat_id_kind_word_pk" PRIMARY KEY("chat_id","kind","word")
);
--> statement-breakpoint
CREATE TABLE "follows" (
	"chat_id" bigint NOT NULL,
	"entity_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "follows_chat_id_entity_id_pk" PRIMARY KEY("chat_id","entity_id")
);
--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "delivery_mode" text DEFAULT 'instant' NOT NULL;--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "digest_time" text;--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "digest_weekday" integer;--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "next_digest_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "time_zone" text DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "quiet_start" text;--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "quiet_end" text;--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "link_previews" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "silent" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "digest_article_ids" integer[];--> statement-breakpoint
ALTER TABLE "chat_filters" ADD CONSTRAINT "chat_filters_chat_id_chats_id_fk" FOREIGN KEY ("chat_id") REFERENCES "public"."chats"("id") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "follows" ADD CONSTRAINT "follows_chat_id_chats_id_fk" FOREIGN KEY ("chat_id") REFERENCES "public"."chats"("id") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "follows" ADD CONSTRAINT "follows_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "follows_entity_idx" ON "follows" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "chats_digest_due_idx" ON "chats" USING btree ("next_digest_at") WHERE "chats"."delivery_mode" <> 'instant';--> statement-breakpoint
CREATE INDEX "deliveries_held_idx" ON "deliveries" USING btree ("chat_id") WHERE "deliveries"."status" = 'held';