DROP INDEX "assets_site_category_status_idx";--> statement-breakpoint
CREATE INDEX "assets_site_category_status_idx" ON "hardware_assets" USING btree ("site_id","category","status","name","id");