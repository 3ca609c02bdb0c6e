CREATE TABLE "vps_console_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vps_instance_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"ticket_hash" varchar(64) NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"bytes_to_server" bigint DEFAULT 0 NOT NULL,
	"bytes_to_client" bigint DEFAULT 0 NOT NULL,
	"end_reason" varchar(40),
	"ip" varchar(64),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vps_console_ticket_unique" UNIQUE("ticket_hash")
);
--> statement-breakpoint
CREATE TABLE "vps_firewalls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vps_instance_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"contabo_firewall_id" varchar(64) NOT NULL,
	"preset" varchar(20),
	"enabled" boolean DEFAULT true NOT NULL,
	"rules" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vps_firewalls_vps_unique" UNIQUE("vps_instance_id")
);
--> statement-breakpoint
ALTER TABLE "vps_console_sessions" ADD CONSTRAINT "vps_console_sessions_vps_instance_id_vps_instances_id_fk" FOREIGN KEY ("vps_instance_id") REFERENCES "public"."vps_instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vps_console_sessions" ADD CONSTRAINT "vps_console_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vps_firewalls" ADD CONSTRAINT "vps_firewalls_vps_instance_id_vps_instances_id_fk" FOREIGN KEY ("vps_instance_id") REFERENCES "public"."vps_instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vps_firewalls" ADD CONSTRAINT "vps_firewalls_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "vps_console_sessions_vps_idx" ON "vps_console_sessions" USING btree ("vps_instance_id","created_at");