ALTER TABLE "deliveries" ADD COLUMN "thread_id" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "thread_id" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
DROP INDEX "deliveries_article_chat_unique";--> statement-breakpoint
ALTER TABLE "subscriptions" DROP CONSTRAINT "subscriptions_chat_id_topic_id_pk";--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_chat_id_thread_id_topic_id_pk" PRIMARY KEY("chat_id","thread_id","topic_id");--> statement-breakpoint
CREATE UNIQUE INDEX "deliveries_article_chat_unique" ON "deliveries" USING btree ("article_id","chat_id","thread_id");
