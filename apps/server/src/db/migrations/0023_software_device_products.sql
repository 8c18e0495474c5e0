CREATE TABLE "software_device_products" (
	"asset_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"version_key" text,
	CONSTRAINT "software_device_products_asset_id_product_id_pk" PRIMARY KEY("asset_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "software_names" (
	"name" text NOT NULL,
	"publisher" text,
	"version" text NOT NULL,
	"product_id" uuid,
	"product_version" text,
	"version_key" text
);
--> statement-breakpoint
ALTER TABLE "software_device_products" ADD CONSTRAINT "software_device_products_asset_id_hardware_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."hardware_assets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "software_device_products" ADD CONSTRAINT "software_device_products_product_id_software_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."software_products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "software_names" ADD CONSTRAINT "software_names_product_id_software_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."software_products"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "software_device_products_product_idx" ON "software_device_products" USING btree ("product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "software_names_key" ON "software_names" USING btree ("name",coalesce("publisher", ''),"version");--> statement-breakpoint
CREATE INDEX "software_names_product_idx" ON "software_names" USING btree ("product_id");