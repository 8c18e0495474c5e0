import type { HardwareAssetListQuery } from '@unyo/contracts';
import { and, asc, count, desc, eq, getTableColumns, inArray, type SQL, sql } from 'drizzle-orm';
import { type AnyPgColumn, alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { queryRowsPrepared } from '../../db/rows.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { siteScope } from '../../platform/authz/scope.ts';
import { afterCursor, decodeCursor, pageOf } from '../../platform/http/paging.ts';
import { normalizedSubstringCondition } from '../../platform/search/text-search.ts';
import { departments, people, sites } from '../org/org.table.ts';
import { orgGenerationSql, orgRefs } from '../org/org-refs.ts';
import { hardwareAssets } from './assets.table.ts';

const parents = alias(hardwareAssets, 'parent_assets');

const { searchText: _searchText, searchGrams: _searchGrams, ...assetColumns } = getTableColumns(hardwareAssets);

const selection = {
  ...assetColumns,
  site: { id: sites.id, code: sites.code, nameJa: sites.nameJa, nameEn: sites.nameEn, kind: sites.kind },
  department: { id: departments.id, code: departments.code, nameJa: departments.nameJa, nameEn: departments.nameEn },
  user: {
    id: people.id,
    employeeNumber: people.employeeNumber,
    nameKanji: people.nameKanji,
    nameRomaji: people.nameRomaji,
    status: people.status,
    email: people.email,
  },
  parent: { id: parents.id, assetNumber: parents.assetNumber, name: parents.name },
};

export type AssetRow = Omit<typeof hardwareAssets.$inferSelect, 'searchText' | 'searchGrams'>;
export type AssetWithRefs = AssetRow & {
  site: { id: string; code: string; nameJa: string; nameEn: string; kind: string };
  department: { id: string; code: string; nameJa: string; nameEn: string } | null;
  user: { id: string; employeeNumber: string; nameKanji: string; nameRomaji: string | null; status: string; email: string | null } | null;
  parent: { id: string; assetNumber: string; name: string } | null;
};

function base(db: Db) {
  return db
    .select(selection)
    .from(hardwareAssets)
    .innerJoin(sites, eq(sites.id, hardwareAssets.siteId))
    .leftJoin(departments, eq(departments.id, hardwareAssets.departmentId))
    .leftJoin(people, eq(people.id, hardwareAssets.userId))
    .leftJoin(parents, eq(parents.id, hardwareAssets.parentId));
}

export async function findAssetById(db: Db, id: string, actor: Actor): Promise<AssetWithRefs | null> {
  const [row] = await base(db).where(and(eq(hardwareAssets.id, id), siteScope(actor, hardwareAssets.siteId)));
  return (row as AssetWithRefs) ?? null;
}

/** Assets by id inside the actor's scope, locked for update (bulk edits). */
export async function findAssetsForUpdate(tx: Db, ids: string[], actor: Actor): Promise<AssetRow[]> {
  const { searchText: _s, searchGrams: _g, ...cols } = getTableColumns(hardwareAssets);
  return tx
    .select(cols)
    .from(hardwareAssets)
    .where(and(inArray(hardwareAssets.id, ids), siteScope(actor, hardwareAssets.siteId)))
    .for('update');
}

/** The children of an asset (VMs on a host, parts of a device), in scope. */
export async function findChildAssets(db: Db, parentId: string, actor: Actor) {
  return db
    .select({ id: hardwareAssets.id, assetNumber: hardwareAssets.assetNumber, name: hardwareAssets.name, category: hardwareAssets.category })
    .from(hardwareAssets)
    .where(and(eq(hardwareAssets.parentId, parentId), siteScope(actor, hardwareAssets.siteId)))
    .orderBy(asc(hardwareAssets.assetNumber));
}

/** Sort expressions; never null, so keyset comparison works. */
const sortExprs: Record<HardwareAssetListQuery['sort'], SQL | AnyPgColumn> = {
  assetNumber: hardwareAssets.assetNumber,
  name: hardwareAssets.name,
  category: hardwareAssets.category,
  status: hardwareAssets.status,
  site: sql`${sites.code}`,
  // Trigger-maintained columns with (value, id) indexes (migration 0008).
  location: hardwareAssets.locationSort,
  user: hardwareAssets.userName,
  department: sql`coalesce(${departments.code}, '')`,
  manufacturer: sql`coalesce(${hardwareAssets.manufacturer}, '')`,
  model: sql`coalesce(${hardwareAssets.model}, '')`,
  serialNumber: sql`coalesce(${hardwareAssets.serialNumber}, '')`,
  purchaseDate: sql`coalesce(${hardwareAssets.purchaseDate}::text, '')`,
  warrantyEnd: sql`coalesce(${hardwareAssets.warrantyEnd}::text, '')`,
  // Cursors carry milliseconds; compare at that precision so paging never skips a row.
  lastInventoryAt: sql`coalesce(to_char(${hardwareAssets.lastInventoryAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS'), '')`,
  updatedAt: sql`to_char(${hardwareAssets.updatedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS')`,
};

export type AssetFilterQuery = Omit<HardwareAssetListQuery, 'limit' | 'cursor' | 'sort' | 'order'>;

/** The list's WHERE: filters plus the actor's site scope. Export and pivot use the same filters. */
export function assetFilters(q: Partial<AssetFilterQuery>, actor: Actor): SQL | undefined {
  const filters: (SQL | undefined)[] = [siteScope(actor, hardwareAssets.siteId)];
  if (q.ledger) filters.push(eq(hardwareAssets.ledger, q.ledger));
  if (q.siteId) filters.push(eq(hardwareAssets.siteId, q.siteId));
  if (q.departmentId) filters.push(eq(hardwareAssets.departmentId, q.departmentId));
  if (q.userId) filters.push(eq(hardwareAssets.userId, q.userId));
  if (q.category) filters.push(eq(hardwareAssets.category, q.category));
  if (q.status) filters.push(eq(hardwareAssets.status, q.status));
  if (q.parentId) filters.push(eq(hardwareAssets.parentId, q.parentId));
  if (q.draft) filters.push(eq(hardwareAssets.draft, q.draft === 'true'));
  if (q.q) filters.push(normalizedSubstringCondition(hardwareAssets.searchText, hardwareAssets.searchGrams, q.q));
  return and(...filters);
}

/**
 * Counting a 200k-row ledger costs more than the page: the count stops at 1,000 matches ("1,000 件以上"; decisions
 * 0009, 0010). Counting to 10,000 was a third of the database's work for an unfiltered page (bench, issue #4); the
 * exact number is asked for on demand (countAssets, the list's 「件数を数える」).
 */
export const ASSET_COUNT_CAP = 1_000;
/**
 * A text search stops counting at 100 ("100 件以上"), like the ticket search (decision 0011): the count of a common
 * term reads the trigram index's whole posting lists (~25,000 entries for `301会議室`) or re-checks rows until the
 * cap (a 12 % term: ~800 rows, half of a page's database time at a cap of 200); two pages of hits say "refine the
 * search" as well as twenty do, and 「件数を数える」 gives the exact number.
 */
export const ASSET_SEARCH_COUNT_CAP = 100;

/** The columns a list row needs: HardwareAssetListItem's fields, the references' ids and the sort keys. */
const listKeys = [
  'id',
  'assetNumber',
  'ledger',
  'name',
  'category',
  'manufacturer',
  'model',
  'serialNumber',
  'siteId',
  'building',
  'floor',
  'room',
  'rack',
  'departmentId',
  'userId',
  'purpose',
  'ipAddresses',
  'macAddresses',
  'osName',
  'status',
  'purchaseDate',
  'warrantyEnd',
  'parentId',
  'draft',
  'lastInventoryAt',
  'version',
  'updatedAt',
  'userName',
  'locationSort',
] as const satisfies readonly (keyof AssetRow)[];
export type AssetListRow = Pick<AssetRow, (typeof listKeys)[number]> & Pick<AssetWithRefs, 'site' | 'department' | 'user' | 'parent'>;

const pageColumns = listKeys.map((k) => [k, assetColumns[k]] as const);
const pageColumnList = sql.raw(pageColumns.map(([, c]) => `"${c.name}"`).join(', '));
const pageColumnListOfH = sql.raw(pageColumns.map(([, c]) => `h."${c.name}"`).join(', '));

/** A row of the page statement back to the ORM's shape (the same driver-value mapping Drizzle applies). */
function listRowOf(raw: Record<string, unknown>): Omit<AssetListRow, 'site' | 'department' | 'user' | 'parent'> {
  const out: Record<string, unknown> = {};
  for (const [key, column] of pageColumns) {
    const v = raw[column.name];
    out[key] = v === null || v === undefined ? null : column.mapFromDriverValue(v as never);
  }
  return out as Omit<AssetListRow, 'site' | 'department' | 'user' | 'parent'>;
}

type PageRow = Record<string, unknown> & {
  __total: number;
  __org: number | string | null;
  __user: AssetWithRefs['user'];
  __parent: AssetWithRefs['parent'];
};

/**
 * A page of the list in ONE statement: the page from the asset table alone (its sort keys are its own columns,
 * index-ordered), its user and parent as one-row lookups, and the capped count. On a small VM each round trip
 * costs both processes a context switch and syscalls; three statements per page (page, count, references) were
 * the larger part of the request (bench/README.md, issue #4). Joining the references in the page query instead made
 * PostgreSQL spend most of the request planning the joins (2.5 ms of ~3 ms on 200k assets). Sites and departments
 * come from the server's copy (org-refs.ts), checked against the generation the statement reads.
 */
async function readPageWithCount(
  db: Db,
  page: SQL | undefined,
  where: SQL | undefined,
  order: SQL[],
  limit: number,
  countCap: number,
  firstPage: boolean,
  idsFirst: boolean,
) {
  // A first page with room to spare holds every match: its length is the total, and the count is not run (PostgreSQL
  // evaluates a CASE branch's subquery only when that branch is taken).
  // A search's count walks the same covering index (asset-number order makes the planner take it): 0.5 ms where its
  // preferred sequential scan re-read ~100 table pages through the ring buffer, 1.0 ms (200k assets).
  const countOrder = idsFirst ? sql` order by hardware_assets.asset_number` : sql``;
  const counted = sql`(select count(*)::int from (select 1 from hardware_assets where ${where ?? sql`true`}${countOrder} limit ${countCap + 1}) m)`;
  let total = firstPage ? sql`case when (select count(*) from page) < ${limit} then (select count(*)::int from page) else ${counted} end` : counted;
  const orderBy = sql`order by ${sql.join(order, sql`, `)}`;
  let pageQuery: SQL;
  let ids = sql``;
  if (idsFirst && firstPage) {
    // The first page of a search in asset-number order: ONE walk of the covering index (number, id → site, search
    // text) collects the ids of the first max(page, cap + 1) matches; the page is their head and the capped count
    // their number. Two walks (page, then count) re-tested the same leading rows (~1,000 of them for `301会議室`).
    ids = sql`ids as materialized (select id, row_number() over () as __ord
        from (select id from hardware_assets where ${where ?? sql`true`} ${orderBy} limit ${Math.max(limit, countCap + 1)}) i),`;
    pageQuery = sql`select ${pageColumnListOfH}, ids.__ord from ids join hardware_assets h on h.id = ids.id where ids.__ord <= ${limit}`;
    total = sql`(select count(*)::int from ids)`;
  } else if (idsFirst) {
    // A later page of such a search: its ids from the covering index without visiting the ~1 KB rows it skips, then
    // the page's rows by id (migration 0014).
    pageQuery = sql`select ${pageColumnListOfH}, x.__ord
        from (select id, row_number() over () as __ord from (select id from hardware_assets where ${page ?? sql`true`} ${orderBy} limit ${limit}) i) x
        join hardware_assets h on h.id = x.id`;
  } else {
    pageQuery = sql`select ${pageColumnList}, row_number() over () as __ord
        from (select ${pageColumnList} from hardware_assets where ${page ?? sql`true`} ${orderBy} limit ${limit}) x`;
  }
  const raw = await queryRowsPrepared<PageRow>(
    db,
    sql`with ${ids} page as materialized (${pageQuery})
    select t.n as __total, t.g as __org, p.*,
      (select json_build_object('id', u.id, 'employeeNumber', u.employee_number, 'nameKanji', u.name_kanji,
              'nameRomaji', u.name_romaji, 'status', u.status, 'email', u.email)
         from people u where u.id = p.user_id) as __user,
      (select json_build_object('id', a.id, 'assetNumber', a.asset_number, 'name', a.name)
         from hardware_assets a where a.id = p.parent_id) as __parent
    from (select ${total} as n, ${orgGenerationSql} as g) t
    left join page p on true
    order by p.__ord`,
  );
  const n = Number(raw[0]?.__total ?? 0);
  const org = await orgRefs(db, Number(raw[0]?.__org ?? 0));
  const rows: AssetListRow[] = [];
  for (const r of raw) {
    if (r.id === null || r.id === undefined) continue;
    const row = listRowOf(r);
    const site = org.sites.get(row.siteId);
    if (!site) throw new Error(`site ${row.siteId} of asset ${row.id} is not in the sites table`);
    const department = row.departmentId ? (org.departments.get(row.departmentId) ?? null) : null;
    rows.push({ ...row, site, department, user: r.__user ?? null, parent: r.__parent ?? null });
  }
  return { rows, n };
}

/** The exact number of matches of the list's filters, without the cap: asked for on demand (GET …/count). */
export async function countAssets(db: Db, q: Partial<AssetFilterQuery>, actor: Actor): Promise<number> {
  const [{ n }] = await db.select({ n: count() }).from(hardwareAssets).where(assetFilters(q, actor));
  return n;
}

export async function findAssetPage(db: Db, q: HardwareAssetListQuery, actor: Actor, cap = ASSET_COUNT_CAP) {
  const countCap = q.q ? Math.min(cap, ASSET_SEARCH_COUNT_CAP) : cap;
  const where = assetFilters(q, actor);
  const sortExpr = sortExprs[q.sort];
  const dir = q.order === 'desc' ? desc : asc;
  const cursor = decodeCursor(q.cursor);
  const page = and(where, afterCursor(cursor, sortExpr, hardwareAssets.id, q.order));
  let rows: AssetListRow[];
  let n: number;
  if (q.sort === 'site' || q.sort === 'department') {
    // Sorting by site or department code needs their join.
    const matches = db
      .select({ one: sql`1` })
      .from(hardwareAssets)
      .where(where)
      .limit(countCap + 1)
      .as('matches');
    const [joined, [counted]] = await Promise.all([
      base(db)
        .where(page)
        .orderBy(dir(sortExpr), dir(hardwareAssets.id))
        .limit(q.limit + 1),
      db.select({ n: count() }).from(matches),
    ]);
    rows = joined as AssetWithRefs[];
    n = counted.n;
  } else {
    const idsFirst = !!q.q && q.sort === 'assetNumber';
    ({ rows, n } = await readPageWithCount(db, page, where, [dir(sortExpr), dir(hardwareAssets.id)], q.limit + 1, countCap, !cursor, idsFirst));
  }
  const totalExact = n <= countCap;
  return { ...pageOf(rows, q.limit, (r) => ({ v: cursorValue(r, q.sort), id: r.id })), total: totalExact ? n : countCap, totalExact };
}

const ms = (d: Date | string | null) => (d === null ? '' : new Date(d).toISOString().slice(0, 23));

function cursorValue(r: AssetListRow, sort: HardwareAssetListQuery['sort']): string {
  switch (sort) {
    case 'site':
      return r.site.code;
    case 'location':
      return r.locationSort;
    case 'user':
      return r.userName;
    case 'department':
      return r.department?.code ?? '';
    case 'lastInventoryAt':
      return ms(r.lastInventoryAt);
    case 'updatedAt':
      return ms(r.updatedAt);
    default:
      return (r[sort] as string | null) ?? '';
  }
}
