CREATE INDEX "assets_site_category_status_idx" ON "hardware_assets" USING btree ("site_id","category","status");--> statement-breakpoint
-- The asset list's free text is kept normalized like the tickets' (unyo_search_norm: NFKC, lower case) so a search
-- is a LIKE of the normalized query: pg_trgm serves it as it served ILIKE, and re-checking a candidate row costs a
-- fraction of ILIKE's per-row lower() of Japanese text (bench, issue #4). ＰＣ and pc now find PC.
CREATE OR REPLACE FUNCTION hardware_assets_derived() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW.user_id IS DISTINCT FROM OLD.user_id THEN
    NEW.user_name := coalesce((SELECT name_kanji FROM people WHERE id = NEW.user_id), '');
  END IF;
  NEW.location_sort := concat_ws(' ', NEW.building, NEW.floor, NEW.room, NEW.rack);
  NEW.search_text := unyo_search_norm(concat_ws(' ', NEW.asset_number, NEW.name, NEW.serial_number, NEW.manufacturer,
    NEW.model, NEW.building, NEW.floor, NEW.room, NEW.rack, NEW.purpose, NEW.os_name, nullif(NEW.user_name, ''),
    array_to_string(NEW.ip_addresses, ' '), array_to_string(NEW.mac_addresses, ' ')));
  RETURN NEW;
END $$;--> statement-breakpoint
-- Existing rows: the derived trigger recomputes search_text on any update (the grams are unchanged: unyo_grams
-- normalizes its input already).
UPDATE hardware_assets SET search_text = '';
