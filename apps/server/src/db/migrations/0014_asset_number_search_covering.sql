-- A text search in asset-number order (the list's default) finds its page's ids here without visiting the table's
-- ~1 KB rows: LIKE is tested on the included search text (index-only scan), and a site-scoped caller's filter on the
-- included site. Written by hand: drizzle-kit has no INCLUDE (assets.table.ts names it; decision 0010).
CREATE INDEX IF NOT EXISTS "assets_number_search_idx" ON "hardware_assets" USING btree ("asset_number", "id") INCLUDE ("site_id", "search_text");
