-- Data for databases that had installed software before the mapping tables existed (schema change in 0023/0024).
INSERT INTO software_names (name, publisher, version, product_id, product_version, version_key)
SELECT d.name, d.publisher, d.version, r.product_id, r.product_version, unyo_version_key(r.product_version)
FROM (SELECT DISTINCT name, publisher, version FROM asset_software) d
LEFT JOIN LATERAL software_rule_for(d.name, d.publisher, d.version) r ON true
ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO software_device_products (asset_id, product_id, version_key)
SELECT a.asset_id, n.product_id, max(n.version_key)
FROM asset_software a
JOIN software_names n ON n.name = a.name AND coalesce(n.publisher, '') = coalesce(a.publisher, '') AND n.version = a.version
WHERE n.product_id IS NOT NULL
GROUP BY a.asset_id, n.product_id
ON CONFLICT DO NOTHING;
