CREATE TABLE "hook_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"sources" text[] NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "monitoring_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source" text NOT NULL,
	"fingerprint" text NOT NULL,
	"status" text NOT NULL,
	"severity" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"labels" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"target_id" uuid,
	"starts_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"notification_count" integer DEFAULT 1 NOT NULL,
	"flap_count" integer DEFAULT 0 NOT NULL,
	"flap_window_started_at" timestamp with time zone,
	"flaps_in_window" integer DEFAULT 0 NOT NULL,
	"rule_id" uuid,
	"action" text DEFAULT 'record' NOT NULL,
	"incident_id" uuid,
	"generator_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "monitoring_events_status_check" CHECK ("monitoring_events"."status" in ('firing','resolved')),
	CONSTRAINT "monitoring_events_source_check" CHECK ("monitoring_events"."source" in ('alertmanager','zabbix','generic')),
	CONSTRAINT "monitoring_events_severity_check" CHECK ("monitoring_events"."severity" in ('info','warning','minor','major','critical'))
);
--> statement-breakpoint
CREATE TABLE "monitoring_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"position" integer DEFAULT 100 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"source" text,
	"min_severity" text,
	"label_matchers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"target_id" uuid,
	"target_kind" text,
	"action" text NOT NULL,
	"incident_kind" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "monitoring_rules_action_check" CHECK ("monitoring_rules"."action" in ('record','incident')),
	CONSTRAINT "monitoring_rules_source_check" CHECK ("monitoring_rules"."source" is null or "monitoring_rules"."source" in ('alertmanager','zabbix','generic')),
	CONSTRAINT "monitoring_rules_severity_check" CHECK ("monitoring_rules"."min_severity" is null or "monitoring_rules"."min_severity" in ('info','warning','minor','major','critical'))
);
--> statement-breakpoint
CREATE TABLE "monitoring_targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"asset_id" uuid,
	"site_id" uuid NOT NULL,
	"match_labels" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"thresholds" jsonb,
	"monitored_items" text,
	"active" boolean DEFAULT true NOT NULL,
	"requested_by" text,
	"request_ref" text,
	"note" text,
	"removed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "monitoring_targets_kind_check" CHECK ("monitoring_targets"."kind" in ('server','network_device','ip_phone','storage','service','cloud','other'))
);
--> statement-breakpoint
ALTER TABLE "hook_tokens" ADD CONSTRAINT "hook_tokens_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_events" ADD CONSTRAINT "monitoring_events_target_id_monitoring_targets_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."monitoring_targets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_events" ADD CONSTRAINT "monitoring_events_rule_id_monitoring_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."monitoring_rules"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_events" ADD CONSTRAINT "monitoring_events_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_rules" ADD CONSTRAINT "monitoring_rules_target_id_monitoring_targets_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."monitoring_targets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_targets" ADD CONSTRAINT "monitoring_targets_asset_id_hardware_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."hardware_assets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_targets" ADD CONSTRAINT "monitoring_targets_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "hook_tokens_hash_key" ON "hook_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "monitoring_events_open_key" ON "monitoring_events" USING btree ("source","fingerprint") WHERE "monitoring_events"."status" = 'firing';--> statement-breakpoint
CREATE INDEX "monitoring_events_fingerprint_idx" ON "monitoring_events" USING btree ("source","fingerprint","last_seen_at");--> statement-breakpoint
CREATE INDEX "monitoring_events_target_idx" ON "monitoring_events" USING btree ("target_id","starts_at");--> statement-breakpoint
CREATE INDEX "monitoring_events_starts_idx" ON "monitoring_events" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "monitoring_targets_site_idx" ON "monitoring_targets" USING btree ("site_id");--> statement-breakpoint
CREATE INDEX "monitoring_targets_asset_idx" ON "monitoring_targets" USING btree ("asset_id");--> statement-breakpoint
CREATE INDEX "monitoring_targets_labels_idx" ON "monitoring_targets" USING gin ("match_labels");