-- Agent intake only marks the device dirty (one row); the mapping work moves to software_sync(), which compliance
-- runs before it reads and a cron runs every few minutes. Doing the mapping inside every inventory cost intake a
-- third to two thirds of its throughput (decision 0018).
CREATE OR REPLACE FUNCTION asset_software_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO software_dirty_assets (asset_id) SELECT DISTINCT asset_id FROM new_rows ON CONFLICT DO NOTHING;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO software_dirty_assets (asset_id) SELECT DISTINCT asset_id FROM old_rows ON CONFLICT DO NOTHING;
  ELSE
    -- An intake re-run updates every package's last_seen_at: only real changes mark the device. EXCEPT hashes both
    -- sides; a join of the two transition tables (no statistics) was planned as a nested loop.
    INSERT INTO software_dirty_assets (asset_id)
    SELECT DISTINCT x.asset_id FROM (
      (SELECT asset_id, name, version, publisher FROM new_rows EXCEPT SELECT asset_id, name, version, publisher FROM old_rows)
      UNION ALL
      (SELECT asset_id, name, version, publisher FROM old_rows EXCEPT SELECT asset_id, name, version, publisher FROM new_rows)
    ) x
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Brings software_names and software_device_products up to date for the dirty devices, set-based: claims them
-- (concurrent callers take disjoint sets), adds and maps their new names, and rewrites their product rows. The
-- installed software is read with `asset_id = ANY(ids)` (an index scan on asset_software_key): a join to
-- unnest(ids) was planned as a nested loop over a sequential scan once the array grew.
CREATE OR REPLACE FUNCTION software_sync() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
  fresh_names text[];
  total integer := 0;
BEGIN
  LOOP
    -- 500 devices at a time: one batch of 10,000 (a bulk load) took minutes where 20 batches take seconds.
    WITH claimed AS (
      DELETE FROM software_dirty_assets
      WHERE asset_id IN (SELECT asset_id FROM software_dirty_assets LIMIT 500 FOR UPDATE SKIP LOCKED)
      RETURNING asset_id
    ) SELECT array_agg(asset_id) INTO ids FROM claimed;
    EXIT WHEN ids IS NULL;
    total := total + cardinality(ids);
    fresh_names := NULL;
    WITH claimed AS (
      INSERT INTO software_names (name, publisher, version)
      SELECT DISTINCT a.name, a.publisher, a.version FROM asset_software a WHERE a.asset_id = ANY(ids)
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
    WITH fresh AS (
      SELECT a.asset_id, n.product_id, max(n.version_key) AS version_key
      FROM asset_software a
      JOIN software_names n ON n.name = a.name AND coalesce(n.publisher, '') = coalesce(a.publisher, '') AND n.version = a.version
        AND n.product_id IS NOT NULL
      WHERE a.asset_id = ANY(ids)
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
  END LOOP;
  RETURN total;
END $$;
