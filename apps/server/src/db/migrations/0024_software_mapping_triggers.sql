-- Keeps software_names (distinct reported packages → product) and software_device_products (device → products)
-- current from any writer: agent intake, imports, tests and the bench all write asset_software or the rules, and
-- compliance reads the small tables instead of every installed package (decision 0018).

-- The first rule (priority, then the longest name pattern, then id) that maps a reported package to a product.
CREATE OR REPLACE FUNCTION software_rule_for(p_name text, p_publisher text, p_version text)
RETURNS TABLE(product_id uuid, product_version text) LANGUAGE sql STABLE AS $$
  SELECT r.product_id, coalesce(r.product_version, p_version) FROM software_product_rules r
  WHERE p_name ILIKE r.name_like
    AND (r.publisher_like IS NULL OR coalesce(p_publisher, '') ILIKE r.publisher_like)
    AND (r.version_min IS NULL OR unyo_version_key(p_version) >= unyo_version_key(r.version_min))
    AND (r.version_max IS NULL OR unyo_version_key(p_version) <= unyo_version_key(r.version_max))
  ORDER BY r.priority, length(r.name_pattern) DESC, r.id
  LIMIT 1
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION asset_software_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO software_names (name, publisher, version, product_id, product_version, version_key)
    SELECT d.name, d.publisher, d.version, r.product_id, r.product_version, unyo_version_key(r.product_version)
    FROM (SELECT DISTINCT name, publisher, version FROM new_rows) d
    LEFT JOIN LATERAL software_rule_for(d.name, d.publisher, d.version) r ON true
    WHERE NOT EXISTS (
      SELECT 1 FROM software_names n WHERE n.name = d.name AND coalesce(n.publisher, '') = coalesce(d.publisher, '') AND n.version = d.version
    )
    ON CONFLICT DO NOTHING;
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
    WHERE n.product_id IS NOT NULL
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
--> statement-breakpoint
CREATE TRIGGER asset_software_inserted AFTER INSERT ON asset_software REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION asset_software_changed();
--> statement-breakpoint
CREATE TRIGGER asset_software_updated AFTER UPDATE ON asset_software REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION asset_software_changed();
--> statement-breakpoint
CREATE TRIGGER asset_software_deleted AFTER DELETE ON asset_software REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION asset_software_changed();
--> statement-breakpoint
-- Any change to the rules re-maps every known name; the device rows of the products that gained or lost names
-- are rebuilt from the installed software of those names only.
CREATE OR REPLACE FUNCTION software_rules_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  affected uuid[];
BEGIN
  CREATE TEMP TABLE IF NOT EXISTS software_remap (name text, publisher text, version text, product_id uuid, product_version text, version_key text) ON COMMIT DROP;
  TRUNCATE software_remap;
  INSERT INTO software_remap
  SELECT n.name, n.publisher, n.version, r.product_id, r.product_version, unyo_version_key(r.product_version)
  FROM software_names n LEFT JOIN LATERAL software_rule_for(n.name, n.publisher, n.version) r ON true;
  DELETE FROM software_remap m USING software_names n
  WHERE n.name = m.name AND coalesce(n.publisher, '') = coalesce(m.publisher, '') AND n.version = m.version
    AND (n.product_id, n.version_key) IS NOT DISTINCT FROM (m.product_id, m.version_key);
  SELECT coalesce(array_agg(DISTINCT p), '{}') INTO affected FROM (
    SELECT m.product_id AS p FROM software_remap m
    UNION ALL
    SELECT n.product_id FROM software_names n JOIN software_remap m
      ON n.name = m.name AND coalesce(n.publisher, '') = coalesce(m.publisher, '') AND n.version = m.version
  ) x WHERE p IS NOT NULL;
  UPDATE software_names n SET product_id = m.product_id, product_version = m.product_version, version_key = m.version_key
  FROM software_remap m
  WHERE n.name = m.name AND coalesce(n.publisher, '') = coalesce(m.publisher, '') AND n.version = m.version;
  IF cardinality(affected) > 0 THEN
    DELETE FROM software_device_products WHERE product_id = ANY(affected);
    INSERT INTO software_device_products (asset_id, product_id, version_key)
    SELECT a.asset_id, n.product_id, max(n.version_key)
    FROM software_names n
    JOIN asset_software a ON a.name = n.name AND coalesce(a.publisher, '') = coalesce(n.publisher, '') AND a.version = n.version
    WHERE n.product_id = ANY(affected)
    GROUP BY a.asset_id, n.product_id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER software_product_rules_changed AFTER INSERT OR UPDATE OR DELETE ON software_product_rules
  FOR EACH STATEMENT EXECUTE FUNCTION software_rules_changed();
