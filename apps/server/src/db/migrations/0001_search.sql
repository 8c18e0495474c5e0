-- Trigram search on people names and numbers (Japanese needs a C.UTF-8 ctype for trigrams; see README).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "people_search_trgm_idx" ON "people" USING gin ((coalesce("name_kanji",'') || ' ' || coalesce("name_kana",'') || ' ' || coalesce("name_romaji",'') || ' ' || "employee_number" || ' ' || coalesce("email",'')) gin_trgm_ops);
