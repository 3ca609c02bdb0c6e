CREATE TABLE "retired_session_tokens" (
	"token_hash" varchar(64) PRIMARY KEY NOT NULL,
	"session_id" uuid NOT NULL,
	"retired_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vps_probe_hourly" (
	"vps_instance_id" uuid NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"probes" smallint NOT NULL,
	"failures" smallint NOT NULL,
	"latency_avg_ms" integer,
	"latency_max_ms" integer,
	CONSTRAINT "vps_probe_hourly_vps_instance_id_hour_pk" PRIMARY KEY("vps_instance_id","hour")
);
--> statement-breakpoint
CREATE TABLE "vps_probe_results" (
	"vps_instance_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"latency_ms" integer,
	"error" varchar(12),
	CONSTRAINT "vps_probe_results_vps_instance_id_at_pk" PRIMARY KEY("vps_instance_id","at")
);
--> statement-breakpoint
CREATE TABLE "vps_probes" (
	"vps_instance_id" uuid PRIMARY KEY NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"last_slot_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "legal_document_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document" varchar(20) NOT NULL,
	"version" integer NOT NULL,
	"body_es" text NOT NULL,
	"body_en" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "legal_accepted" jsonb;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "legal_accepted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "order_status_history" ADD COLUMN "note_code" varchar(50);--> statement-breakpoint
ALTER TABLE "order_status_history" ADD COLUMN "note_params" jsonb;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "legal_accepted" jsonb;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "legal_accepted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "provisioning_attempts" ADD COLUMN "retry_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "provisioning_attempts" ADD COLUMN "retry_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "retired_session_tokens" ADD CONSTRAINT "retired_session_tokens_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vps_probe_hourly" ADD CONSTRAINT "vps_probe_hourly_vps_instance_id_vps_instances_id_fk" FOREIGN KEY ("vps_instance_id") REFERENCES "public"."vps_instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vps_probe_results" ADD CONSTRAINT "vps_probe_results_vps_instance_id_vps_instances_id_fk" FOREIGN KEY ("vps_instance_id") REFERENCES "public"."vps_instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vps_probes" ADD CONSTRAINT "vps_probes_vps_instance_id_vps_instances_id_fk" FOREIGN KEY ("vps_instance_id") REFERENCES "public"."vps_instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_document_versions" ADD CONSTRAINT "legal_document_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "retired_session_tokens_session_idx" ON "retired_session_tokens" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "vps_probe_hourly_hour_idx" ON "vps_probe_hourly" USING btree ("hour");--> statement-breakpoint
CREATE INDEX "vps_probe_results_at_idx" ON "vps_probe_results" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "legal_document_versions_unique" ON "legal_document_versions" USING btree ("document","version");--> statement-breakpoint
CREATE INDEX "support_tickets_priority_idx" ON "support_tickets" USING btree ("priority","queue_rank","status_changed_at");--> statement-breakpoint
-- hand-written
-- #15-8: tokens at rest are SHA-256 hashes. Existing sessions and pending one-time links keep working: their stored
-- values are hashed exactly as the application now hashes what the user presents (hex SHA-256 of the UTF-8 text;
-- a verification identifier keeps its purpose prefix, e.g. "reset-password:<hash>").
UPDATE "sessions" SET "token" = encode(sha256(convert_to("token", 'UTF8')), 'hex');--> statement-breakpoint
UPDATE "verifications" SET "identifier" = CASE
  WHEN "identifier" ~ '^[A-Za-z0-9-]+:.' THEN
    substring("identifier" from '^([A-Za-z0-9-]+:)')
      || encode(sha256(convert_to(substring("identifier" from '^[A-Za-z0-9-]+:(.*)$'), 'UTF8')), 'hex')
  ELSE encode(sha256(convert_to("identifier", 'UTF8')), 'hex')
END;--> statement-breakpoint

-- Substring search of the staff ticket queue (`q` over subjects and messages, ILIKE '%…%'): trigram GIN indexes turn
-- a scan of every message into an index lookup. pg_trgm is a trusted contrib extension on PostgreSQL; PGlite loads it
-- in db/client.ts. The indexes are not in the drizzle schema (drizzle-kit cannot express the extension they need).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "ticket_messages_message_trgm_idx" ON "ticket_messages" USING gin ("message" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "support_tickets_subject_trgm_idx" ON "support_tickets" USING gin ("subject" gin_trgm_ops);
