ALTER TABLE "provisioning_attempts" ADD COLUMN "retry_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "provisioning_attempts" ADD COLUMN "retry_at" timestamp with time zone;