import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';

/**
 * The inputs of compliance, read in SQL from the trigger-kept mapping (migration 0024): software_names maps every
 * distinct reported package to a product, software_device_products holds each device's products at their highest
 * version, so 1.5M installed-software rows are never read on a request. The usage ledger is joined in and counted
 * per product and version.
 */

const deviceFilter = (column: string, ids: string[] | null) =>
  ids ? sql`${sql.identifier(column)} in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid)` : sql`true`;

/** Reported packages that a rule maps to a product (with the product version they count as). */
export const mappedNamesSql = () => sql`
  select n.name, n.publisher, n.version, n.product_id, n.product_version as pv from software_names n where n.product_id is not null`;

/** One row per (device, product): detected by the agent, recorded in the usage ledger, or both. */
const perDeviceSql = (productId: string | null, deviceIds: string[] | null = null) => sql`
  with detected as (
    select d.asset_id as device_id, d.product_id, d.version_key as pk
    from software_device_products d
    where ${productId ? sql`d.product_id = ${productId}` : sql`true`} and ${deviceFilter('asset_id', deviceIds)}
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
