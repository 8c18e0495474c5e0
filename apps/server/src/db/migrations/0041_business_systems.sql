CREATE TABLE "business_systems" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"department_id" uuid NOT NULL,
	"contact_name" text,
	"contact_phone" text,
	"contact_email" text,
	"contractor" text,
	"contractor_contact" text,
	"notes" text,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "business_systems_code_check" CHECK ("business_systems"."code" <> '')
);
--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "business_system_id" uuid;--> statement-breakpoint
ALTER TABLE "business_systems" ADD CONSTRAINT "business_systems_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "business_systems_code_key" ON "business_systems" USING btree ("code");--> statement-breakpoint
CREATE INDEX "business_systems_department_idx" ON "business_systems" USING btree ("department_id");--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_business_system_id_business_systems_id_fk" FOREIGN KEY ("business_system_id") REFERENCES "public"."business_systems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "incidents_business_system_idx" ON "incidents" USING btree ("business_system_id");