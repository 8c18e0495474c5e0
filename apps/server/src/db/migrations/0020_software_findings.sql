CREATE TABLE "software_findings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"asset_id" uuid NOT NULL,
	"name" text NOT NULL,
	"publisher" text,
	"software_version" text,
	"reason" text NOT NULL,
	"rule_id" uuid,
	"status" text DEFAULT 'open' NOT NULL,
	"ticket_id" uuid,
	"note" text,
	"first_found_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_found_at" timestamp with time zone DEFAULT now() NOT NULL,
	"notified_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "software_findings_reason_check" CHECK ("software_findings"."reason" in ('denied','not_allowed','reported')),
	CONSTRAINT "software_findings_status_check" CHECK ("software_findings"."status" in ('open','confirmed','removed','exception'))
);
--> statement-breakpoint
CREATE TABLE "software_list_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"product_id" uuid,
	"name_pattern" text,
	"publisher_pattern" text,
	"name_like" text,
	"publisher_like" text,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "software_list_rules_kind_check" CHECK ("software_list_rules"."kind" in ('allow','deny')),
	CONSTRAINT "software_list_rules_target_check" CHECK ("software_list_rules"."product_id" is not null or "software_list_rules"."name_like" is not null or "software_list_rules"."publisher_like" is not null)
);
--> statement-breakpoint
ALTER TABLE "software_settings" ADD COLUMN "list_mode" text DEFAULT 'deny' NOT NULL;--> statement-breakpoint
ALTER TABLE "software_findings" ADD CONSTRAINT "software_findings_asset_id_hardware_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."hardware_assets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "software_findings" ADD CONSTRAINT "software_findings_rule_id_software_list_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."software_list_rules"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "software_list_rules" ADD CONSTRAINT "software_list_rules_product_id_software_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."software_products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "software_findings_key" ON "software_findings" USING btree ("asset_id","name",coalesce("publisher", ''));--> statement-breakpoint
CREATE INDEX "software_findings_status_idx" ON "software_findings" USING btree ("status","first_found_at");--> statement-breakpoint
ALTER TABLE "software_settings" ADD CONSTRAINT "software_settings_list_mode_check" CHECK ("software_settings"."list_mode" in ('allow','deny'));