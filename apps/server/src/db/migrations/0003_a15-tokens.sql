CREATE TABLE "retired_session_tokens" (
	"token_hash" varchar(64) PRIMARY KEY NOT NULL,
	"session_id" uuid NOT NULL,
	"retired_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "retired_session_tokens" ADD CONSTRAINT "retired_session_tokens_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "retired_session_tokens_session_idx" ON "retired_session_tokens" USING btree ("session_id");--> statement-breakpoint
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
END;
