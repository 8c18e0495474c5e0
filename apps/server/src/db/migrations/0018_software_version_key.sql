-- Sortable key of a version string: every run of digits left-padded to 10 places, joined by dots
-- ("16.0.10827" → 0000000016.0000000000.0000010827), so text order is version order. A version without
-- digits keys as its lower-case text. Mirrored by versionKey() in modules/software/versions.ts.
CREATE OR REPLACE FUNCTION unyo_version_key(v text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN v IS NULL THEN NULL
    WHEN v !~ '[0-9]' THEN lower(v)
    ELSE (SELECT string_agg(lpad(m[1], 10, '0'), '.' ORDER BY n) FROM regexp_matches(v, '([0-9]{1,10})', 'g') WITH ORDINALITY AS t(m, n))
  END
$$;
--> statement-breakpoint
INSERT INTO software_settings (id) VALUES (1) ON CONFLICT DO NOTHING;
