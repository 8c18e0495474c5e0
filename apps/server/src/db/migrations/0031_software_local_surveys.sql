CREATE TABLE "software_local_survey_sites" (
	"survey_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"token_hash" text,
	"token_expires_at" timestamp with time zone,
	"mailed_to" text,
	"mailed_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"answered_by" text,
	CONSTRAINT "software_local_survey_sites_pkey" PRIMARY KEY("survey_id","site_id")
);
--> statement-breakpoint
CREATE TABLE "software_local_surveys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"note" text,
	"created_by" text,
	"closed_at" timestamp with time zone,
	"closed_by" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "software_local_surveys_status_check" CHECK ("software_local_surveys"."status" in ('open','closed')),
	CONSTRAINT "software_local_surveys_period_check" CHECK ("software_local_surveys"."period_from" <= "software_local_surveys"."period_to")
);
--> statement-breakpoint
ALTER TABLE "software_distributions" ADD COLUMN "survey_id" uuid;--> statement-breakpoint
ALTER TABLE "software_local_survey_sites" ADD CONSTRAINT "software_local_survey_sites_survey_id_software_local_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."software_local_surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "software_local_survey_sites" ADD CONSTRAINT "software_local_survey_sites_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "software_local_survey_sites_token_key" ON "software_local_survey_sites" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "software_local_surveys_created_idx" ON "software_local_surveys" USING btree ("created_at");--> statement-breakpoint
ALTER TABLE "software_distributions" ADD CONSTRAINT "software_distributions_survey_id_software_local_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."software_local_surveys"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "software_distributions_survey_idx" ON "software_distributions" USING btree ("survey_id","site_id");