CREATE TABLE "antivirus_work_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"device_id" uuid,
	"site_id" uuid,
	"done_at" timestamp with time zone NOT NULL,
	"operator_id" uuid,
	"version_before" text,
	"version_after" text,
	"package_name" text,
	"target_group" text,
	"target_count" integer,
	"success_count" integer,
	"failure_count" integer,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "avwork_kind_check" CHECK ("antivirus_work_records"."kind" in ('definition_update','engine_upgrade','product_upgrade','patch','distribution')),
	CONSTRAINT "avwork_device_id_check" CHECK ("antivirus_work_records"."kind" = 'distribution' or "antivirus_work_records"."device_id" is not null),
	CONSTRAINT "avwork_package_name_check" CHECK ("antivirus_work_records"."kind" <> 'distribution' or "antivirus_work_records"."package_name" is not null),
	CONSTRAINT "avwork_counts_check" CHECK ("antivirus_work_records"."target_count" >= 0 and "antivirus_work_records"."success_count" >= 0 and "antivirus_work_records"."failure_count" >= 0 and "antivirus_work_records"."success_count" + "antivirus_work_records"."failure_count" <= "antivirus_work_records"."target_count")
);
--> statement-breakpoint
ALTER TABLE "antivirus_work_records" ADD CONSTRAINT "antivirus_work_records_device_id_hardware_assets_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."hardware_assets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antivirus_work_records" ADD CONSTRAINT "antivirus_work_records_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antivirus_work_records" ADD CONSTRAINT "antivirus_work_records_operator_id_users_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "antivirus_work_records_device_idx" ON "antivirus_work_records" USING btree ("device_id","done_at");--> statement-breakpoint
CREATE INDEX "antivirus_work_records_done_idx" ON "antivirus_work_records" USING btree ("done_at","id");