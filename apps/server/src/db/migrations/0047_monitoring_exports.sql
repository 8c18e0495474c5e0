CREATE TABLE "monitoring_exports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"month" text NOT NULL,
	"site_id" uuid,
	"exported_at" timestamp with time zone NOT NULL,
	"medium_id" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"data_kinds" text[] NOT NULL,
	"operator_id" uuid,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "monitoring_exports_month_check" CHECK ("monitoring_exports"."month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "monitoring_exports_period_check" CHECK ("monitoring_exports"."period_from" <= "monitoring_exports"."period_to"),
	CONSTRAINT "monitoring_exports_medium_check" CHECK (length("monitoring_exports"."medium_id") > 0),
	CONSTRAINT "monitoring_exports_kinds_check" CHECK (cardinality("monitoring_exports"."data_kinds") > 0 and "monitoring_exports"."data_kinds" <@ array['performance','operating','logs']::text[])
);
--> statement-breakpoint
ALTER TABLE "monitoring_exports" ADD CONSTRAINT "monitoring_exports_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_exports" ADD CONSTRAINT "monitoring_exports_operator_id_users_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "monitoring_exports_month_idx" ON "monitoring_exports" USING btree ("month");