DROP INDEX "vps_actions_one_in_flight";--> statement-breakpoint
CREATE INDEX "vps_actions_queued_idx" ON "vps_actions" USING btree ("created_at","id") WHERE "vps_actions"."status" = 'queued';--> statement-breakpoint
CREATE UNIQUE INDEX "vps_actions_one_in_flight" ON "vps_actions" USING btree ("vps_instance_id") WHERE "vps_actions"."status" in ('queued', 'requested', 'accepted');