CREATE SEQUENCE IF NOT EXISTS software_media_number_seq;--> statement-breakpoint
CREATE TABLE "software_media" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_number" text DEFAULT 'MD-' || lpad(nextval('software_media_number_seq')::text, 6, '0') NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"license_id" uuid,
	"asset_id" uuid,
	"site_id" uuid NOT NULL,
	"storage_location" text NOT NULL,
	"document_version" text,
	"copies" integer DEFAULT 1 NOT NULL,
	"disposed_at" timestamp with time zone,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "software_media_kind_check" CHECK ("software_media"."kind" in ('certificate','package','install_media','manual','device','warranty','document','other')),
	CONSTRAINT "software_media_copies_check" CHECK ("software_media"."copies" >= 1)
);
--> statement-breakpoint
CREATE TABLE "software_media_loans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"media_id" uuid NOT NULL,
	"borrower" text NOT NULL,
	"lent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"due_on" date,
	"returned_at" timestamp with time zone,
	"lent_by_id" uuid,
	"lent_by" text NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "software_media_shipments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"media_id" uuid,
	"item" text NOT NULL,
	"copies" integer DEFAULT 1 NOT NULL,
	"direction" text DEFAULT 'sent' NOT NULL,
	"sender" text NOT NULL,
	"recipient" text NOT NULL,
	"method" text NOT NULL,
	"shipped_on" date NOT NULL,
	"site_id" uuid NOT NULL,
	"note" text,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "software_media_shipments_direction_check" CHECK ("software_media_shipments"."direction" in ('sent','received')),
	CONSTRAINT "software_media_shipments_method_check" CHECK ("software_media_shipments"."method" in ('internal_mail','post','courier','hand','electronic')),
	CONSTRAINT "software_media_shipments_copies_check" CHECK ("software_media_shipments"."copies" >= 1)
);
--> statement-breakpoint
ALTER TABLE "software_media" ADD CONSTRAINT "software_media_license_id_software_licenses_id_fk" FOREIGN KEY ("license_id") REFERENCES "public"."software_licenses"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "software_media" ADD CONSTRAINT "software_media_asset_id_hardware_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."hardware_assets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "software_media" ADD CONSTRAINT "software_media_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "software_media_loans" ADD CONSTRAINT "software_media_loans_media_id_software_media_id_fk" FOREIGN KEY ("media_id") REFERENCES "public"."software_media"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "software_media_loans" ADD CONSTRAINT "software_media_loans_lent_by_id_users_id_fk" FOREIGN KEY ("lent_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "software_media_shipments" ADD CONSTRAINT "software_media_shipments_media_id_software_media_id_fk" FOREIGN KEY ("media_id") REFERENCES "public"."software_media"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "software_media_shipments" ADD CONSTRAINT "software_media_shipments_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "software_media_shipments" ADD CONSTRAINT "software_media_shipments_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "software_media_item_number_key" ON "software_media" USING btree ("item_number");--> statement-breakpoint
CREATE INDEX "software_media_license_idx" ON "software_media" USING btree ("license_id");--> statement-breakpoint
CREATE INDEX "software_media_site_idx" ON "software_media" USING btree ("site_id");--> statement-breakpoint
CREATE INDEX "software_media_loans_media_idx" ON "software_media_loans" USING btree ("media_id","lent_at");--> statement-breakpoint
CREATE UNIQUE INDEX "software_media_loans_open_key" ON "software_media_loans" USING btree ("media_id") WHERE "software_media_loans"."returned_at" is null;--> statement-breakpoint
CREATE INDEX "software_media_shipments_site_idx" ON "software_media_shipments" USING btree ("site_id","shipped_on");