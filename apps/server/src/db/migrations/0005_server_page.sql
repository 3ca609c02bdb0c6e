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
CREATE TABLE "vps_probe_hourly" (
	"vps_instance_id" uuid NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"probes" integer NOT NULL,
	"failures" integer NOT NULL,
	"latency_sum_ms" bigint NOT NULL,
	"latency_max_ms" integer,
	CONSTRAINT "vps_probe_hourly_vps_instance_id_hour_pk" PRIMARY KEY("vps_instance_id","hour")
);
--> statement-breakpoint
CREATE TABLE "vps_probe_results" (
	"vps_instance_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"latency_ms" integer,
	CONSTRAINT "vps_probe_results_vps_instance_id_at_pk" PRIMARY KEY("vps_instance_id","at")
);
--> statement-breakpoint
CREATE TABLE "vps_probes" (
	"vps_instance_id" uuid PRIMARY KEY NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"last_probed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "vps_console_sessions" ADD CONSTRAINT "vps_console_sessions_vps_instance_id_vps_instances_id_fk" FOREIGN KEY ("vps_instance_id") REFERENCES "public"."vps_instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vps_console_sessions" ADD CONSTRAINT "vps_console_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vps_firewalls" ADD CONSTRAINT "vps_firewalls_vps_instance_id_vps_instances_id_fk" FOREIGN KEY ("vps_instance_id") REFERENCES "public"."vps_instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vps_firewalls" ADD CONSTRAINT "vps_firewalls_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vps_probe_hourly" ADD CONSTRAINT "vps_probe_hourly_vps_instance_id_vps_instances_id_fk" FOREIGN KEY ("vps_instance_id") REFERENCES "public"."vps_instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vps_probe_results" ADD CONSTRAINT "vps_probe_results_vps_instance_id_vps_instances_id_fk" FOREIGN KEY ("vps_instance_id") REFERENCES "public"."vps_instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vps_probes" ADD CONSTRAINT "vps_probes_vps_instance_id_vps_instances_id_fk" FOREIGN KEY ("vps_instance_id") REFERENCES "public"."vps_instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "vps_console_sessions_vps_idx" ON "vps_console_sessions" USING btree ("vps_instance_id","created_at");