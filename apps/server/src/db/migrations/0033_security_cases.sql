CREATE SEQUENCE IF NOT EXISTS security_case_number_seq;--> statement-breakpoint
CREATE TABLE "security_case_steps" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"step" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"not_applicable" boolean DEFAULT false NOT NULL,
	"note" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"actor_label" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "security_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text DEFAULT 'SC-' || to_char(now() at time zone 'Asia/Tokyo', 'YYYY') || '-' || lpad(nextval('security_case_number_seq')::text, 6, '0') NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"site_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"asset_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"detected_at" timestamp with time zone NOT NULL,
	"source" text DEFAULT 'manual' NOT NULL,
	"source_ref" text,
	"spread_over_lan" boolean DEFAULT false NOT NULL,
	"major" boolean DEFAULT false NOT NULL,
	"incident_id" uuid,
	"notice_id" uuid,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "security_cases_kind_check" CHECK ("security_cases"."kind" in ('malware','quarantine_alert','suspicious_mail','other')),
	CONSTRAINT "security_cases_status_check" CHECK ("security_cases"."status" in ('open','closed'))
);
--> statement-breakpoint
ALTER TABLE "incident_clock_settings" DROP CONSTRAINT "incident_clock_settings_code_check";--> statement-breakpoint
ALTER TABLE "security_case_steps" ADD CONSTRAINT "security_case_steps_case_id_security_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."security_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "security_cases" ADD CONSTRAINT "security_cases_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "security_case_steps_case_idx" ON "security_case_steps" USING btree ("case_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "security_cases_number_key" ON "security_cases" USING btree ("number");--> statement-breakpoint
CREATE INDEX "security_cases_detected_idx" ON "security_cases" USING btree ("detected_at","id");--> statement-breakpoint
CREATE INDEX "security_cases_sites_idx" ON "security_cases" USING gin ("site_ids");--> statement-breakpoint
ALTER TABLE "incident_clock_settings" ADD CONSTRAINT "incident_clock_settings_code_check" CHECK ("incident_clock_settings"."code" in ('report','initial_response_hw','initial_response_sw','countermeasure','recovery','infected_response'));--> statement-breakpoint
-- S-4-5-4-1: detection → interview and isolation of an infected device; the spec gives no period (4 h chosen, decision 0019).
INSERT INTO "incident_clock_settings" ("code", "target_minutes", "target_rate", "calendar_id", "pause_on_escalation", "kinds", "effective_from", "created_by") VALUES ('infected_response', 240, 100, NULL, false, '{malware}', '2000-01-01T00:00:00Z', 'system');
