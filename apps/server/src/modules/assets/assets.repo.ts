import type { HardwareAssetListQuery } from '@unyo/contracts';
import { and, asc, count, desc, eq, getTableColumns, inArray, type SQL, sql } from 'drizzle-orm';
import { type AnyPgColumn, alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { siteScope } from '../../platform/authz/scope.ts';
import { afterCursor, decodeCursor, pageOf } from '../../platform/http/paging.ts';
import { substringCondition } from '../../platform/search/text-search.ts';
import { departments, people, sites } from '../org/org.table.ts';
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
  if (q.q) filters.push(substringCondition(sql`${hardwareAssets.searchText}`, hardwareAssets.searchGrams, q.q));
  return and(...filters);
}

/** Counting a 200k-row ledger costs more than the page: the count stops at a cap (decision 0009). */
export const ASSET_COUNT_CAP = 10_000;
/**
 * A text search re-checks every candidate row, so its count stops earlier: "1,000 件以上" answers a search as
 * well as an exact 25,000 would, at a tenth of the cost (bench: q=301会議室).
 */
export const ASSET_SEARCH_COUNT_CAP = 1_000;

type Refs = {
  sites: AssetWithRefs['site'][];
  departments: NonNullable<AssetWithRefs['department']>[];
  people: NonNullable<AssetWithRefs['user']>[];
  parents: NonNullable<AssetWithRefs['parent']>[];
};

const jsonIds = (ids: (string | null)[]) => JSON.stringify([...new Set(ids.filter((x): x is string => !!x))]);

/**
 * The references of a page of assets in one round trip of four single-table lookups. Joining them in the page
 * query made PostgreSQL spend most of the request planning the joins (2.5 ms of ~3 ms on 200k assets).
 */
async function withRefs(db: Db, rows: AssetRow[]): Promise<AssetWithRefs[]> {
  if (rows.length === 0) return [];
  const [refs] = await queryRows<Refs>(
    db,
    sql`select
      (select coalesce(jsonb_agg(jsonb_build_object('id', id, 'code', code, 'nameJa', name_ja, 'nameEn', name_en, 'kind', kind)), '[]')
         from sites where id in (select (jsonb_array_elements_text(${jsonIds(rows.map((r) => r.siteId))}::jsonb))::uuid)) as sites,
      (select coalesce(jsonb_agg(jsonb_build_object('id', id, 'code', code, 'nameJa', name_ja, 'nameEn', name_en)), '[]')
         from departments where id in (select (jsonb_array_elements_text(${jsonIds(rows.map((r) => r.departmentId))}::jsonb))::uuid)) as departments,
      (select coalesce(jsonb_agg(jsonb_build_object('id', id, 'employeeNumber', employee_number, 'nameKanji', name_kanji,
                'nameRomaji', name_romaji, 'status', status, 'email', email)), '[]')
         from people where id in (select (jsonb_array_elements_text(${jsonIds(rows.map((r) => r.userId))}::jsonb))::uuid)) as people,
      (select coalesce(jsonb_agg(jsonb_build_object('id', id, 'assetNumber', asset_number, 'name', name)), '[]')
         from hardware_assets where id in (select (jsonb_array_elements_text(${jsonIds(rows.map((r) => r.parentId))}::jsonb))::uuid)) as parents`,
  );
  const byId = <T extends { id: string }>(xs: T[]) => new Map(xs.map((x) => [x.id, x]));
  const sitesById = byId(refs.sites);
  const departmentsById = byId(refs.departments);
  const peopleById = byId(refs.people);
  const parentsById = byId(refs.parents);
  return rows.map((r) => ({
    ...r,
    site: sitesById.get(r.siteId)!,
    department: r.departmentId ? (departmentsById.get(r.departmentId) ?? null) : null,
    user: r.userId ? (peopleById.get(r.userId) ?? null) : null,
    parent: r.parentId ? (parentsById.get(r.parentId) ?? null) : null,
  }));
}

export async function findAssetPage(db: Db, q: HardwareAssetListQuery, actor: Actor, cap = ASSET_COUNT_CAP) {
  const countCap = q.q ? Math.min(cap, ASSET_SEARCH_COUNT_CAP) : cap;
  const where = assetFilters(q, actor);
  const sortExpr = sortExprs[q.sort];
  const dir = q.order === 'desc' ? desc : asc;
  const cursor = decodeCursor(q.cursor);
  const page = and(where, afterCursor(cursor, sortExpr, hardwareAssets.id, q.order));
  // The page comes from the asset table alone (its sort keys are its own columns, index-ordered); sorting by
  // site or department code needs their join.
  const joinedSort = q.sort === 'site' || q.sort === 'department';
  const readPage = async () =>
    joinedSort
      ? ((await base(db)
          .where(page)
          .orderBy(dir(sortExpr), dir(hardwareAssets.id))
          .limit(q.limit + 1)) as AssetWithRefs[])
      : withRefs(
          db,
          await db
            .select(assetColumns)
            .from(hardwareAssets)
            .where(page)
            .orderBy(dir(sortExpr), dir(hardwareAssets.id))
            .limit(q.limit + 1),
        );
  const matches = db
    .select({ one: sql`1` })
    .from(hardwareAssets)
    .where(where)
    .limit(countCap + 1)
    .as('matches');
  // The count does not depend on the page: on a pool both run at once.
  const [rows, [{ n }]] = await Promise.all([readPage(), db.select({ n: count() }).from(matches)]);
  const totalExact = n <= countCap;
  return { ...pageOf(rows, q.limit, (r) => ({ v: cursorValue(r, q.sort), id: r.id })), total: totalExact ? n : countCap, totalExact };
}

const ms = (d: Date | string | null) => (d === null ? '' : new Date(d).toISOString().slice(0, 23));

function cursorValue(r: AssetWithRefs, sort: HardwareAssetListQuery['sort']): string {
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
