-- Backfill for 0009: the 1–2-character search grams of people and assets stored before it (new rows get them from
-- the triggers). Data only, kept apart from the schema change.
UPDATE people SET search_grams = unyo_grams(concat_ws(' ', name_kanji, name_kana, name_romaji, employee_number, email));--> statement-breakpoint
UPDATE hardware_assets SET search_grams = unyo_grams(search_text);
