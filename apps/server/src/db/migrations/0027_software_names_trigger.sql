-- Intake stays flat as the name catalogue grows: new names are claimed by ON CONFLICT and mapped through the
-- `mapped` flag (migration 0026) instead of an anti-join against all known names.
CREATE OR REPLACE FUNCTION asset_software_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
  fresh_names text[];
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    -- New names are inserted one index probe each, then mapped through the rules; an anti-join against every known
    -- name was planned as a hash of the whole table and slowed intake as the catalogue grew.
    WITH claimed AS (
      INSERT INTO software_names (name, publisher, version) SELECT DISTINCT name, publisher, version FROM new_rows
      ON CONFLICT DO NOTHING RETURNING name
    ) SELECT array_agg(DISTINCT name) INTO fresh_names FROM claimed;
    IF fresh_names IS NOT NULL THEN
      UPDATE software_names n
      SET (product_id, product_version, version_key, mapped) = (
        SELECT r.product_id, r.product_version, unyo_version_key(r.product_version), true
        FROM (SELECT 1) one LEFT JOIN LATERAL software_rule_for(n.name, n.publisher, n.version) r ON true
      )
      WHERE n.name = ANY(fresh_names) AND NOT n.mapped;
    END IF;
  END IF;
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT asset_id) INTO ids FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT asset_id) INTO ids FROM old_rows;
  ELSE
    -- An intake re-run updates every package's last_seen_at: only real changes refresh the device. EXCEPT hashes
    -- both sides; a join of the two transition tables (no statistics) was planned as a nested loop.
    SELECT array_agg(DISTINCT x.asset_id) INTO ids FROM (
      (SELECT asset_id, name, version, publisher FROM new_rows EXCEPT SELECT asset_id, name, version, publisher FROM old_rows)
      UNION ALL
      (SELECT asset_id, name, version, publisher FROM old_rows EXCEPT SELECT asset_id, name, version, publisher FROM new_rows)
    ) x;
  END IF;
  IF ids IS NULL THEN
    RETURN NULL;
  END IF;
  -- One statement: products the devices no longer have go, the others are upserted.
  WITH fresh AS (
    SELECT a.asset_id, n.product_id, max(n.version_key) AS version_key
    FROM unnest(ids) AS c(asset_id)
    JOIN asset_software a ON a.asset_id = c.asset_id
    JOIN software_names n ON n.name = a.name AND coalesce(n.publisher, '') = coalesce(a.publisher, '') AND n.version = a.version
      AND n.product_id IS NOT NULL
    GROUP BY a.asset_id, n.product_id
  ), gone AS (
    DELETE FROM software_device_products p
    WHERE p.asset_id = ANY(ids)
      AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.asset_id = p.asset_id AND f.product_id = p.product_id)
  )
  INSERT INTO software_device_products (asset_id, product_id, version_key)
  SELECT asset_id, product_id, version_key FROM fresh
  WHERE EXISTS (SELECT 1 FROM hardware_assets h WHERE h.id = fresh.asset_id)
  ON CONFLICT (asset_id, product_id) DO UPDATE SET version_key = excluded.version_key
  WHERE software_device_products.version_key IS DISTINCT FROM excluded.version_key;
  RETURN NULL;
END $$;
