CREATE TABLE "billing_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" varchar(200) NOT NULL,
	"kind" varchar(40) NOT NULL,
	"user_id" uuid,
	"invoice_id" uuid,
	"vps_instance_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "admin_tasks" ADD COLUMN "key" varchar(200);--> statement-breakpoint
ALTER TABLE "billing_notices" ADD CONSTRAINT "billing_notices_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_notices" ADD CONSTRAINT "billing_notices_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_notices" ADD CONSTRAINT "billing_notices_vps_instance_id_vps_instances_id_fk" FOREIGN KEY ("vps_instance_id") REFERENCES "public"."vps_instances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "billing_notices_key_unique" ON "billing_notices" USING btree ("key");--> statement-breakpoint
CREATE INDEX "billing_notices_invoice_idx" ON "billing_notices" USING btree ("invoice_id","kind");--> statement-breakpoint
CREATE INDEX "billing_notices_vps_idx" ON "billing_notices" USING btree ("vps_instance_id","kind");--> statement-breakpoint
CREATE INDEX "invoices_vps_period_idx" ON "invoices" USING btree ("vps_instance_id","period_start");--> statement-breakpoint
CREATE INDEX "invoices_reference_idx" ON "invoices" USING btree ("reference_invoice_id");--> statement-breakpoint
CREATE UNIQUE INDEX "admin_tasks_key_unique" ON "admin_tasks" USING btree ("key");