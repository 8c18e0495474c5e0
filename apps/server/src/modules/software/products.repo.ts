import type { SoftwareProductListQuery, UnmappedSoftwareQuery } from '@unyo/contracts';
import { and, asc, count, eq, getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { afterCursor, decodeCursor, pageOf } from '../../platform/http/paging.ts';
import { contains } from '../../platform/http/search.ts';
import { type softwareProductRules, softwareProducts } from './software.table.ts';
import { syncSoftwareMapping } from './software-sync.ts';

export type RuleRow = typeof softwareProductRules.$inferSelect;
export type ProductWithRules = typeof softwareProducts.$inferSelect & { rules: RuleRow[] };

const rulesJson = sql<RuleRow[]>`coalesce((
  select json_agg(json_build_object('id', r.id, 'productId', r.product_id, 'namePattern', r.name_pattern, 'publisherPattern', r.publisher_pattern,
    'versionMin', r.version_min, 'versionMax', r.version_max, 'productVersion', r.product_version, 'priority', r.priority)
    order by r.priority, r.name_pattern)
  from software_product_rules r where r.product_id = ${sql.raw('"software_products"."id"')}), '[]'::json)`;
const selection = { ...getTableColumns(softwareProducts), rules: rulesJson };

/** The catalogue is agency-wide reference data: every holder of software-product.read sees all of it. */
export async function findProductById(db: Db, id: string, lock?: 'update'): Promise<ProductWithRules | null> {
  if (lock) await db.select({ id: softwareProducts.id }).from(softwareProducts).where(eq(softwareProducts.id, id)).for('update');
  const [row] = await db.select(selection).from(softwareProducts).where(eq(softwareProducts.id, id));
  return (row as ProductWithRules) ?? null;
}

const sortKey = sql`lower(${softwareProducts.name})`;

export async function findProductPage(db: Db, q: SoftwareProductListQuery) {
  const where: SQL | undefined = q.q ? contains(sql`concat_ws(' ', ${softwareProducts.publisher}, ${softwareProducts.name})`, q.q) : undefined;
  const rows = (await db
    .select(selection)
    .from(softwareProducts)
    .where(and(where, afterCursor(decodeCursor(q.cursor), sortKey, softwareProducts.id, 'asc')))
    .orderBy(asc(sortKey), asc(softwareProducts.id))
    .limit(q.limit + 1)) as ProductWithRules[];
  const [{ n }] = await db.select({ n: count() }).from(softwareProducts).where(where);
  return { ...pageOf(rows, q.limit, (r) => ({ v: r.name.toLowerCase(), id: r.id })), total: Number(n) };
}

export async function findAllProducts(db: Db) {
  return db
    .select({ id: softwareProducts.id, publisher: softwareProducts.publisher, name: softwareProducts.name })
    .from(softwareProducts)
    .orderBy(asc(sortKey));
}

/** Inventory names (name + publisher) that no rule maps, ranked by the number of devices reporting them. */
export async function findUnmappedSoftware(db: Db, q: UnmappedSoftwareQuery) {
  await syncSoftwareMapping(db);
  const filter = q.q ? sql`and n.name ilike ${`%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}` : sql``;
  const rows = await queryRows<{ name: string; publisher: string | null; installs: number; versions: number; total: number }>(
    db,
    sql`with unmapped as materialized (
          select n.name, n.publisher, n.version from software_names n
          where n.product_id is null ${filter}
        ),
        counted as (
          select u.name, u.publisher, count(distinct a.asset_id)::int as installs, count(distinct u.version)::int as versions
          from unmapped u
          join asset_software a on a.name = u.name and a.version = u.version and coalesce(a.publisher, '') = coalesce(u.publisher, '')
          group by u.name, u.publisher
        )
        select *, count(*) over ()::int as total from counted order by installs desc, name limit ${q.limit}`,
  );
  return { items: rows.map(({ total: _t, ...r }) => r), total: rows[0]?.total ?? 0 };
}
