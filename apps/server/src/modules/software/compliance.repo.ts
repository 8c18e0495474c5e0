import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';

/**
 * The inputs of compliance, read in SQL so that 1.5M installed-software rows never travel to the server:
 * inventory names are mapped to products once per distinct (name, publisher, version), installs are reduced to one
 * row per device and product (highest version), joined with the usage ledger, and counted per product and version.
 */

/** Distinct inventory names → product through the first matching rule (priority, then the longest name pattern). */
export const mappedNamesSql = (deviceIds: string[] | null = null) => sql`
  select s.name, s.publisher, s.version, r.product_id, coalesce(r.product_version, s.version) as pv
  from (select distinct name, publisher, version from asset_software where ${deviceFilter('asset_id', deviceIds)}) s
  cross join lateral (
    select r.product_id, r.product_version from software_product_rules r
    where s.name ilike r.name_like
      and (r.publisher_like is null or coalesce(s.publisher, '') ilike r.publisher_like)
      and (r.version_min is null or unyo_version_key(s.version) >= unyo_version_key(r.version_min))
      and (r.version_max is null or unyo_version_key(s.version) <= unyo_version_key(r.version_max))
    order by r.priority, length(r.name_pattern) desc, r.id
    limit 1
  ) r`;

/** One row per (device, product): detected by the agent, recorded in the usage ledger, or both. */
const deviceFilter = (column: string, ids: string[] | null) =>
  ids ? sql`${sql.identifier(column)} in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid)` : sql`true`;

const perDeviceSql = (productId: string | null, deviceIds: string[] | null = null) => sql`
  with mapped as materialized (
    select m.*, unyo_version_key(m.pv) as pk from (${mappedNamesSql(deviceIds)}) m where ${productId ? sql`m.product_id = ${productId}` : sql`true`}
  ),
  detected as (
    select a.asset_id as device_id, m.product_id, max(m.pk) as pk
    from asset_software a
    join mapped m on m.name = a.name and m.version = a.version and m.publisher is not distinct from a.publisher
    where ${deviceFilter('asset_id', deviceIds)}
    group by 1, 2
  ),
  recorded as (
    select i.device_id, lp.product_id, max(unyo_version_key(coalesce(i.used_version, l.licensed_version))) as pk
    from software_installations i
    join software_licenses l on l.id = i.license_id
    join software_license_products lp on lp.license_id = l.id
    where i.status in ('installed', 'upgraded') and ${productId ? sql`lp.product_id = ${productId}` : sql`true`} and ${deviceFilter('device_id', deviceIds)}
    group by 1, 2
  )
  select coalesce(d.device_id, r.device_id) as device_id, coalesce(d.product_id, r.product_id) as product_id,
         coalesce(d.pk, r.pk) as pk, d.device_id is not null as detected, r.device_id is not null as recorded
  from detected d
  full join recorded r on r.device_id = d.device_id and r.product_id = d.product_id`;

export type BucketRow = { product_id: string; pk: string | null; devices: number; detected: number; recorded: number; det_only: number; rec_only: number };

/** Devices per product and version key, with the reconciliation counts (detected only / recorded only). */
export async function readComplianceBuckets(db: Db, productId: string | null): Promise<BucketRow[]> {
  const rows = await queryRows<BucketRow>(
    db,
    sql`select product_id, pk, count(*)::int as devices, count(*) filter (where detected)::int as detected,
          count(*) filter (where recorded)::int as recorded,
          count(*) filter (where detected and not recorded)::int as det_only,
          count(*) filter (where recorded and not detected)::int as rec_only
        from (${perDeviceSql(productId)}) x group by product_id, pk`,
  );
  return rows;
}

export type DeviceRow = { device_id: string; asset_number: string; name: string; pk: string | null; detected: boolean; recorded: boolean };

export type BoundUseRow = { device_id: string; product_id: string; pk: string | null };

/** What the devices OEM licences are bound to use, read for those devices only. */
export async function readBoundUses(db: Db, deviceIds: string[]): Promise<BoundUseRow[]> {
  if (deviceIds.length === 0) return [];
  return queryRows<BoundUseRow>(db, sql`select device_id, product_id, pk from (${perDeviceSql(null, deviceIds)}) x`);
}

/** Every device using one product, in asset-number order (the compliance detail). */
export async function readComplianceDevices(db: Db, productId: string): Promise<DeviceRow[]> {
  return queryRows<DeviceRow>(
    db,
    sql`select x.device_id, h.asset_number, h.name, x.pk, x.detected, x.recorded
        from (${perDeviceSql(productId)}) x
        join hardware_assets h on h.id = x.device_id
        order by h.asset_number`,
  );
}

/** Version key → one original version string, to show versions as people wrote them. */
export async function readVersionLabels(db: Db): Promise<Map<string, string>> {
  const rows = await queryRows<{ pk: string; v: string }>(
    db,
    sql`select distinct on (pk) pk, v from (
          select unyo_version_key(product_version) as pk, product_version as v from software_product_rules where product_version is not null
          union all select unyo_version_key(licensed_version), licensed_version from software_licenses where licensed_version is not null
          union all select unyo_version_key(used_version), used_version from software_installations where used_version is not null
        ) x order by pk, v`,
  );
  return new Map(rows.map((r) => [r.pk, r.v]));
}
