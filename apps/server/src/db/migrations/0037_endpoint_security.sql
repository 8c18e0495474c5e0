CREATE TABLE "antivirus_current" (
	"device_key" text PRIMARY KEY NOT NULL,
	"status_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "antivirus_report_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"month" text NOT NULL,
	"generated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"generated_by_id" uuid,
	CONSTRAINT "avreport_month_check" CHECK ("antivirus_report_runs"."month" ~ '^[0-9]{4}-[0-9]{2}$')
);
--> statement-breakpoint
CREATE TABLE "antivirus_snapshots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"source_name" text,
	"imported_by_id" uuid
);
--> statement-breakpoint
CREATE TABLE "antivirus_statuses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"snapshot_id" uuid NOT NULL,
	"computer_name" text NOT NULL,
	"device_key" text NOT NULL,
	"asset_id" uuid,
	"ip_address" text,
	"product" text,
	"definition_version" text NOT NULL,
	"definition_date" date,
	"engine_version" text,
	"last_updated_on" date,
	"versions_behind" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "avstatus_versions_behind_check" CHECK ("antivirus_statuses"."versions_behind" >= 0)
);
--> statement-breakpoint
CREATE TABLE "endpoint_security_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"stale_days" integer DEFAULT 3 NOT NULL,
	"max_versions_behind" integer DEFAULT 2 NOT NULL,
	"reports_planned_per_month" integer DEFAULT 1 NOT NULL,
	"plan_deadline_days" integer DEFAULT 14 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "endpoint_security_settings_single_check" CHECK ("endpoint_security_settings"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "patch_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"instructed_on" date NOT NULL,
	"presented_on" date,
	"target_patches" text[] DEFAULT '{}'::text[] NOT NULL,
	"target_site_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"apply_from" date,
	"apply_until" date,
	"status" text DEFAULT 'draft' NOT NULL,
	"approved_by" text,
	"note" text,
	"created_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "patchplans_status_check" CHECK ("patch_plans"."status" in ('draft','presented','approved','applying','completed','cancelled')),
	CONSTRAINT "patchplans_presented_on_check" CHECK ("patch_plans"."presented_on" is null or "patch_plans"."presented_on" >= "patch_plans"."instructed_on"),
	CONSTRAINT "patchplans_apply_until_check" CHECK ("patch_plans"."apply_from" is null or "patch_plans"."apply_until" is null or "patch_plans"."apply_until" >= "patch_plans"."apply_from")
);
--> statement-breakpoint
CREATE TABLE "patch_status_current" (
	"device_key" text NOT NULL,
	"kb" text NOT NULL,
	"status_id" uuid NOT NULL,
	CONSTRAINT "patch_status_current_pkey" PRIMARY KEY("device_key","kb")
);
--> statement-breakpoint
CREATE TABLE "patch_status_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"imported_by_id" uuid
);
--> statement-breakpoint
CREATE TABLE "patch_statuses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"import_id" uuid NOT NULL,
	"computer_name" text NOT NULL,
	"device_key" text NOT NULL,
	"asset_id" uuid,
	"kb" text NOT NULL,
	"title" text,
	"classification" text,
	"approval" text,
	"state" text NOT NULL,
	"last_status_on" date,
	CONSTRAINT "patchstatus_state_check" CHECK ("patch_statuses"."state" in ('installed','notinstalled','failed','downloaded','notapplicable'))
);
--> statement-breakpoint
ALTER TABLE "antivirus_current" ADD CONSTRAINT "antivirus_current_status_id_antivirus_statuses_id_fk" FOREIGN KEY ("status_id") REFERENCES "public"."antivirus_statuses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antivirus_report_runs" ADD CONSTRAINT "antivirus_report_runs_generated_by_id_users_id_fk" FOREIGN KEY ("generated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antivirus_snapshots" ADD CONSTRAINT "antivirus_snapshots_imported_by_id_users_id_fk" FOREIGN KEY ("imported_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antivirus_statuses" ADD CONSTRAINT "antivirus_statuses_snapshot_id_antivirus_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."antivirus_snapshots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antivirus_statuses" ADD CONSTRAINT "antivirus_statuses_asset_id_hardware_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."hardware_assets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patch_plans" ADD CONSTRAINT "patch_plans_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patch_status_current" ADD CONSTRAINT "patch_status_current_status_id_patch_statuses_id_fk" FOREIGN KEY ("status_id") REFERENCES "public"."patch_statuses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patch_status_imports" ADD CONSTRAINT "patch_status_imports_imported_by_id_users_id_fk" FOREIGN KEY ("imported_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patch_statuses" ADD CONSTRAINT "patch_statuses_import_id_patch_status_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."patch_status_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patch_statuses" ADD CONSTRAINT "patch_statuses_asset_id_hardware_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."hardware_assets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "antivirus_report_runs_month_idx" ON "antivirus_report_runs" USING btree ("month","generated_at");--> statement-breakpoint
CREATE INDEX "antivirus_snapshots_imported_idx" ON "antivirus_snapshots" USING btree ("imported_at");--> statement-breakpoint
CREATE UNIQUE INDEX "antivirus_statuses_snapshot_device_key" ON "antivirus_statuses" USING btree ("snapshot_id","device_key");--> statement-breakpoint
CREATE INDEX "antivirus_statuses_asset_idx" ON "antivirus_statuses" USING btree ("asset_id");--> statement-breakpoint
CREATE INDEX "patch_plans_instructed_idx" ON "patch_plans" USING btree ("instructed_on","id");--> statement-breakpoint
CREATE INDEX "patch_status_current_kb_idx" ON "patch_status_current" USING btree ("kb");--> statement-breakpoint
CREATE INDEX "patch_status_imports_imported_idx" ON "patch_status_imports" USING btree ("imported_at");--> statement-breakpoint
CREATE UNIQUE INDEX "patch_statuses_import_device_kb_key" ON "patch_statuses" USING btree ("import_id","device_key","kb");--> statement-breakpoint
CREATE INDEX "patch_statuses_asset_idx" ON "patch_statuses" USING btree ("asset_id");