import type { SoftwareLicenseListQuery } from '@unyo/contracts';
import { and, asc, count, eq, getTableColumns, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { afterCursor, decodeCursor, pageOf } from '../../platform/http/paging.ts';
import { contains } from '../../platform/http/search.ts';
import { softwareLicenseProducts, softwareLicenses, softwareProducts } from './software.table.ts';

export type LicenseRow = typeof softwareLicenses.$inferSelect;
type Ref = { id: string; assetNumber: string; softwareName: string };
export type LicenseWithRefs = LicenseRow & {
  products: { id: string; publisher: string | null; name: string }[];
  upgradeFrom: Ref | null;
  upgradeTo: Ref[];
  boundDevice: { id: string; assetNumber: string; name: string } | null;
};

// Correlated subqueries over the same table (f, t) name the outer row explicitly: Drizzle may render a column
// unqualified, and inside `from software_licenses f` an unqualified name would be f's.
/*
 * The owned-licence ledger is one ledger for the whole agency (licences are procured centrally and are not tied to
 * a site), so every holder of software-license.read sees all of it: decision 0018.
 */
const refs = {
  products: sql<LicenseWithRefs['products']>`coalesce((
    select json_agg(json_build_object('id', p.id, 'publisher', p.publisher, 'name', p.name) order by p.name)
    from software_license_products lp join software_products p on p.id = lp.product_id
    where lp.license_id = ${sql.raw('"software_licenses"."id"')}), '[]'::json)`,
  upgradeFrom: sql<Ref | null>`(select json_build_object('id', f.id, 'assetNumber', f.asset_number, 'softwareName', f.software_name)
    from software_licenses f where f.id = ${sql.raw('"software_licenses"."upgrade_from_id"')})`,
  upgradeTo: sql<Ref[]>`coalesce((
    select json_agg(json_build_object('id', t.id, 'assetNumber', t.asset_number, 'softwareName', t.software_name) order by t.asset_number)
    from software_licenses t where t.upgrade_from_id = ${sql.raw('"software_licenses"."id"')}), '[]'::json)`,
  boundDevice: sql<LicenseWithRefs['boundDevice']>`(select json_build_object('id', h.id, 'assetNumber', h.asset_number, 'name', h.name)
    from hardware_assets h where h.id = ${sql.raw('"software_licenses"."bound_device_id"')})`,
};
const selection = { ...getTableColumns(softwareLicenses), ...refs };

export async function findLicenseById(db: Db, id: string, lock?: 'update'): Promise<LicenseWithRefs | null> {
  if (lock) await db.select({ id: softwareLicenses.id }).from(softwareLicenses).where(eq(softwareLicenses.id, id)).for('update');
  const [row] = await db.select(selection).from(softwareLicenses).where(eq(softwareLicenses.id, id));
  return (row as LicenseWithRefs) ?? null;
}

/** Licences by asset number with their references (import: the stored values to compare with). */
export async function findLicensesByAssetNumbers(db: Db, numbers: string[]): Promise<LicenseWithRefs[]> {
  if (numbers.length === 0) return [];
  return (await db
    .select(selection)
    .from(softwareLicenses)
    .where(sql`${softwareLicenses.assetNumber} in (select jsonb_array_elements_text(${JSON.stringify(numbers)}::jsonb))`)) as LicenseWithRefs[];
}

export async function findLicenseIdsByAssetNumber(db: Db, assetNumbers: string[]): Promise<Map<string, string>> {
  if (assetNumbers.length === 0) return new Map();
  const rows = await db
    .select({ id: softwareLicenses.id, n: softwareLicenses.assetNumber })
    .from(softwareLicenses)
    .where(inArray(softwareLicenses.assetNumber, assetNumbers));
  return new Map(rows.map((r) => [r.n, r.id]));
}

function filtersOf(q: Pick<SoftwareLicenseListQuery, 'q' | 'licenseType' | 'productId' | 'renewalBefore'>): SQL | undefined {
  const f: (SQL | undefined)[] = [];
  if (q.q)
    f.push(
      contains(
        sql`concat_ws(' ', ${softwareLicenses.assetNumber}, ${softwareLicenses.softwareName}, ${softwareLicenses.manufacturer}, ${softwareLicenses.certificateNumber}, ${softwareLicenses.note})`,
        q.q,
      ),
    );
  if (q.licenseType) f.push(eq(softwareLicenses.licenseType, q.licenseType));
  if (q.productId)
    f.push(
      sql`exists (select 1 from ${softwareLicenseProducts} lp where lp.license_id = ${sql.raw('"software_licenses"."id"')} and lp.product_id = ${q.productId})`,
    );
  if (q.renewalBefore) f.push(sql`${softwareLicenses.renewalDate} <= ${q.renewalBefore}`);
  return and(...f);
}

/** Keyset pages in asset-number order, or by renewal date (licences without one last). */
export async function findLicensePage(db: Db, q: SoftwareLicenseListQuery) {
  const where = filtersOf(q);
  const byRenewal = q.sort === 'renewalDate';
  const sortExpr = byRenewal ? sql`coalesce(${softwareLicenses.renewalDate}::text, '9999-12-31')` : sql`${softwareLicenses.assetNumber}`;
  const rows = (await db
    .select(selection)
    .from(softwareLicenses)
    .where(and(where, afterCursor(decodeCursor(q.cursor), sortExpr, softwareLicenses.id, 'asc')))
    .orderBy(asc(sortExpr), asc(softwareLicenses.id))
    .limit(q.limit + 1)) as LicenseWithRefs[];
  const [{ n }] = await db.select({ n: count() }).from(softwareLicenses).where(where);
  const page = pageOf(rows, q.limit, (r) => ({ v: byRenewal ? (r.renewalDate ?? '9999-12-31') : r.assetNumber, id: r.id }));
  return { ...page, total: Number(n) };
}

export async function findProductIds(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.select({ id: softwareProducts.id }).from(softwareProducts).where(inArray(softwareProducts.id, ids));
  return new Set(rows.map((r) => r.id));
}

/** Every licence, for compliance (small: hundreds to a few thousand rows). */
export async function findAllLicensesForCompliance(db: Db) {
  return db
    .select({
      id: softwareLicenses.id,
      assetNumber: softwareLicenses.assetNumber,
      softwareName: softwareLicenses.softwareName,
      licenseType: softwareLicenses.licenseType,
      licenseForm: softwareLicenses.licenseForm,
      licensedVersion: softwareLicenses.licensedVersion,
      downgradeAllowed: softwareLicenses.downgradeAllowed,
      ownedCount: softwareLicenses.ownedCount,
      upgradeFromId: softwareLicenses.upgradeFromId,
      boundDeviceId: softwareLicenses.boundDeviceId,
      boundDevice: refs.boundDevice,
      productIds: sql<
        string[]
      >`coalesce((select array_agg(lp.product_id) from software_license_products lp where lp.license_id = ${sql.raw('"software_licenses"."id"')}), '{}')`,
    })
    .from(softwareLicenses)
    .orderBy(softwareLicenses.assetNumber);
}
