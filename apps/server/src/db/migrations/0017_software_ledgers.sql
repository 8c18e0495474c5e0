CREATE TABLE "software_distributions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"distributed_on" date NOT NULL,
	"site_id" uuid NOT NULL,
	"recipient" text,
	"origin" text DEFAULT 'hq' NOT NULL,
	"license_id" uuid,
	"software_name" text,
	"edition" text,
	"used_version" text,
	"language" text,
	"license_count" integer NOT NULL,
	"media_count" integer DEFAULT 0 NOT NULL,
	"expense_transfer" text DEFAULT 'not_needed' NOT NULL,
	"account_code" text,
	"distributor" text,
	"staff_type" text,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "software_distributions_origin_check" CHECK ("software_distributions"."origin" in ('hq','local')),
	CONSTRAINT "software_distributions_hq_license_check" CHECK ("software_distributions"."origin" <> 'hq' or "software_distributions"."license_id" is not null),
	CONSTRAINT "software_distributions_local_name_check" CHECK ("software_distributions"."origin" <> 'local' or "software_distributions"."software_name" is not null),
	CONSTRAINT "software_distributions_transfer_check" CHECK ("software_distributions"."expense_transfer" in ('not_needed','pending','transferred')),
	CONSTRAINT "software_distributions_counts_check" CHECK ("software_distributions"."license_count" >= 0 and "software_distributions"."media_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "software_installations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"applied_on" date,
	"department_id" uuid,
	"applicant" text,
	"worked_on" date,
	"operator" text,
	"license_id" uuid NOT NULL,
	"edition" text,
	"used_version" text,
	"language" text,
	"device_id" uuid NOT NULL,
	"status" text NOT NULL,
	"status_note" text,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "software_installations_status_check" CHECK ("software_installations"."status" in ('approved','installed','uninstalled','upgraded','other')),
	CONSTRAINT "software_installations_other_note_check" CHECK ("software_installations"."status" <> 'other' or "software_installations"."status_note" is not null)
);
--> statement-breakpoint
CREATE TABLE "software_license_products" (
	"license_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	CONSTRAINT "software_license_products_license_id_product_id_pk" PRIMARY KEY("license_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "software_licenses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"asset_number" text NOT NULL,
	"license_type" text NOT NULL,
	"license_form" text DEFAULT 'full' NOT NULL,
	"software_name" text NOT NULL,
	"usable_editions" text,
	"usable_versions" text,
	"usable_languages" text,
	"licensed_version" text,
	"downgrade_allowed" boolean DEFAULT false NOT NULL,
	"owned_count" integer NOT NULL,
	"manufacturer" text,
	"certificate_number" text,
	"storage_location" text,
	"acquired_on" date,
	"approval_document" text,
	"unit_price" integer,
	"total_cost" integer,
	"contract_amount" integer,
	"conditions" text,
	"upgrade_valid_until" date,
	"renewal_date" date,
	"renewal_notice_for" date,
	"renewal_notice_sent_at" timestamp with time zone,
	"upgrade_from_id" uuid,
	"bound_device_id" uuid,
	"procured_by" text,
	"vendor_registered_on" date,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "software_licenses_license_type_check" CHECK ("software_licenses"."license_type" in ('volume','package','oem','subscription','site','other')),
	CONSTRAINT "software_licenses_license_form_check" CHECK ("software_licenses"."license_form" in ('full','upgrade')),
	CONSTRAINT "software_licenses_owned_count_check" CHECK ("software_licenses"."owned_count" >= 0),
	CONSTRAINT "software_licenses_money_check" CHECK (coalesce("software_licenses"."unit_price", 0) >= 0 and coalesce("software_licenses"."total_cost", 0) >= 0 and coalesce("software_licenses"."contract_amount", 0) >= 0),
	CONSTRAINT "software_licenses_not_self_check" CHECK ("software_licenses"."upgrade_from_id" is distinct from "software_licenses"."id")
);
--> statement-breakpoint
CREATE TABLE "software_product_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"product_id" uuid NOT NULL,
	"name_pattern" text NOT NULL,
	"publisher_pattern" text,
	"name_like" text NOT NULL,
	"publisher_like" text,
	"version_min" text,
	"version_max" text,
	"product_version" text,
	"priority" integer DEFAULT 100 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "software_products" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"publisher" text,
	"name" text NOT NULL,
	"edition_family" text,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "software_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"near_percent" integer DEFAULT 90 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "software_settings_single_check" CHECK ("software_settings"."id" = 1),
	CONSTRAINT "software_settings_near_check" CHECK ("software_settings"."near_percent" between 1 and 100)
);
--> statement-breakpoint
ALTER TABLE "software_distributions" ADD CONSTRAINT "software_distributions_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "software_distributions" ADD CONSTRAINT "software_distributions_license_id_software_licenses_id_fk" FOREIGN KEY ("license_id") REFERENCES "public"."software_licenses"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "software_installations" ADD CONSTRAINT "software_installations_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "software_installations" ADD CONSTRAINT "software_installations_license_id_software_licenses_id_fk" FOREIGN KEY ("license_id") REFERENCES "public"."software_licenses"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "software_installations" ADD CONSTRAINT "software_installations_device_id_hardware_assets_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."hardware_assets"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "software_license_products" ADD CONSTRAINT "software_license_products_license_id_software_licenses_id_fk" FOREIGN KEY ("license_id") REFERENCES "public"."software_licenses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "software_license_products" ADD CONSTRAINT "software_license_products_product_id_software_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."software_products"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "software_licenses" ADD CONSTRAINT "software_licenses_upgrade_from_id_software_licenses_id_fk" FOREIGN KEY ("upgrade_from_id") REFERENCES "public"."software_licenses"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "software_licenses" ADD CONSTRAINT "software_licenses_bound_device_id_hardware_assets_id_fk" FOREIGN KEY ("bound_device_id") REFERENCES "public"."hardware_assets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "software_product_rules" ADD CONSTRAINT "software_product_rules_product_id_software_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."software_products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "software_distributions_site_idx" ON "software_distributions" USING btree ("site_id","distributed_on");--> statement-breakpoint
CREATE INDEX "software_distributions_license_idx" ON "software_distributions" USING btree ("license_id");--> statement-breakpoint
CREATE INDEX "software_distributions_date_idx" ON "software_distributions" USING btree ("distributed_on","id");--> statement-breakpoint
CREATE INDEX "software_installations_license_idx" ON "software_installations" USING btree ("license_id");--> statement-breakpoint
CREATE INDEX "software_installations_device_idx" ON "software_installations" USING btree ("device_id");--> statement-breakpoint
CREATE INDEX "software_installations_created_idx" ON "software_installations" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "software_license_products_product_idx" ON "software_license_products" USING btree ("product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "software_licenses_asset_number_key" ON "software_licenses" USING btree ("asset_number");--> statement-breakpoint
CREATE INDEX "software_licenses_renewal_idx" ON "software_licenses" USING btree ("renewal_date");--> statement-breakpoint
CREATE INDEX "software_licenses_upgrade_from_idx" ON "software_licenses" USING btree ("upgrade_from_id");--> statement-breakpoint
CREATE INDEX "software_product_rules_product_idx" ON "software_product_rules" USING btree ("product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "software_products_name_key" ON "software_products" USING btree (lower(coalesce("publisher", '')),lower("name"));