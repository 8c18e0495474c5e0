CREATE SEQUENCE IF NOT EXISTS incident_number_seq;--> statement-breakpoint
CREATE TABLE "incident_clock_settings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"target_minutes" integer NOT NULL,
	"target_rate" integer DEFAULT 95 NOT NULL,
	"calendar_id" uuid,
	"pause_on_escalation" boolean NOT NULL,
	"kinds" text[] NOT NULL,
	"effective_from" timestamp with time zone NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incident_clock_settings_code_check" CHECK ("incident_clock_settings"."code" in ('report','initial_response_hw','initial_response_sw','countermeasure','recovery')),
	CONSTRAINT "incident_clock_settings_target_check" CHECK ("incident_clock_settings"."target_minutes" > 0 and "incident_clock_settings"."target_rate" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "incident_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"incident_id" uuid NOT NULL,
	"type" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"actor_label" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text DEFAULT 'IN-' || to_char(now() at time zone 'Asia/Tokyo', 'YYYY') || '-' || lpad(nextval('incident_number_seq')::text, 6, '0') NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"kind" text NOT NULL,
	"impact" text DEFAULT 'individual' NOT NULL,
	"site_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"asset_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"report_exclusions" text[] DEFAULT '{}'::text[] NOT NULL,
	"spread_over_lan" boolean DEFAULT false NOT NULL,
	"countermeasure_exclusions" text[] DEFAULT '{}'::text[] NOT NULL,
	"major_security" boolean DEFAULT false NOT NULL,
	"major_infrastructure" boolean DEFAULT false NOT NULL,
	"provider" text,
	"provider_reference" text,
	"root_cause" text,
	"countermeasure_text" text,
	"related_ticket_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"source" text DEFAULT 'manual' NOT NULL,
	"source_ref" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"milestones" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"escalations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"recovered_pauses" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incidents_kind_check" CHECK ("incidents"."kind" in ('hardware','software','network','phone','cloud','business_system')),
	CONSTRAINT "incidents_impact_check" CHECK ("incidents"."impact" in ('individual','department','site','organization')),
	CONSTRAINT "incidents_status_check" CHECK ("incidents"."status" in ('open','recovered','closed'))
);
--> statement-breakpoint
ALTER TABLE "incident_clock_settings" ADD CONSTRAINT "incident_clock_settings_calendar_id_business_calendars_id_fk" FOREIGN KEY ("calendar_id") REFERENCES "public"."business_calendars"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_events" ADD CONSTRAINT "incident_events_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "incident_clock_settings_code_idx" ON "incident_clock_settings" USING btree ("code","effective_from");--> statement-breakpoint
CREATE INDEX "incident_events_incident_idx" ON "incident_events" USING btree ("incident_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "incidents_number_key" ON "incidents" USING btree ("number");--> statement-breakpoint
CREATE INDEX "incidents_occurred_idx" ON "incidents" USING btree ("occurred_at","id");--> statement-breakpoint
CREATE INDEX "incidents_status_idx" ON "incidents" USING btree ("status","occurred_at");--> statement-breakpoint
CREATE INDEX "incidents_sites_idx" ON "incidents" USING gin ("site_ids");--> statement-breakpoint
-- Default clock rules (SLA S-4-3-3-2, S-2-1, S-2-2, S-4-3-3-3, S-4-3-3-1): 24×7, in force from the start.
INSERT INTO "incident_clock_settings" ("code", "target_minutes", "calendar_id", "pause_on_escalation", "kinds", "effective_from", "created_by") VALUES
  ('report', 120, NULL, false, '{hardware,software,network,phone,cloud,business_system}', '2000-01-01T00:00:00Z', 'system'),
  ('initial_response_hw', 240, NULL, false, '{hardware,network,phone}', '2000-01-01T00:00:00Z', 'system'),
  ('initial_response_sw', 240, NULL, false, '{software,cloud,business_system}', '2000-01-01T00:00:00Z', 'system'),
  ('countermeasure', 240, NULL, false, '{hardware,software,network,phone,cloud,business_system}', '2000-01-01T00:00:00Z', 'system'),
  ('recovery', 1440, NULL, true, '{hardware,software,network,phone,cloud,business_system}', '2000-01-01T00:00:00Z', 'system');
