ALTER TABLE "admin_tasks" ADD COLUMN "params" jsonb;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "params" jsonb;