CREATE INDEX "people_kana_idx" ON "people" USING btree (coalesce("name_kana", ''),"id");--> statement-breakpoint
CREATE INDEX "people_site_kana_idx" ON "people" USING btree ("site_id",coalesce("name_kana", ''),"id");--> statement-breakpoint
CREATE INDEX "people_kanji_idx" ON "people" USING btree ("name_kanji","id");--> statement-breakpoint
CREATE INDEX "people_site_status_idx" ON "people" USING btree ("site_id","status");