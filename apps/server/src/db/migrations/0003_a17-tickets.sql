CREATE INDEX "support_tickets_priority_idx" ON "support_tickets" USING btree ("priority","queue_rank","status_changed_at");--> statement-breakpoint
-- hand-written
-- Substring search of the staff ticket queue (`q` over subjects and messages, ILIKE '%…%'): trigram GIN indexes turn
-- a scan of every message into an index lookup. pg_trgm is a trusted contrib extension on PostgreSQL; PGlite loads it
-- in db/client.ts. The indexes are not in the drizzle schema (drizzle-kit cannot express the extension they need).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "ticket_messages_message_trgm_idx" ON "ticket_messages" USING gin ("message" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "support_tickets_subject_trgm_idx" ON "support_tickets" USING gin ("subject" gin_trgm_ops);
