DROP TABLE "vps_probe_hourly" CASCADE;--> statement-breakpoint
DROP TABLE "vps_probe_results" CASCADE;--> statement-breakpoint
DROP TABLE "vps_probes" CASCADE;