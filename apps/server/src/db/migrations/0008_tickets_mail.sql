CREATE TABLE "unmatched_emails" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"from_address" varchar(255) NOT NULL,
	"to_address" varchar(500) NOT NULL,
	"subject" varchar(255) NOT NULL,
	"body" text NOT NULL,
	"message_id" varchar(255),
	"reason" varchar(30) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "reply_to" varchar(255);--> statement-breakpoint
CREATE INDEX "unmatched_emails_received_idx" ON "unmatched_emails" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "unmatched_emails_message_id_unique" ON "unmatched_emails" USING btree ("message_id");