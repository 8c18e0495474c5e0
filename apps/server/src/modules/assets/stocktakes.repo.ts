import type { StocktakeItemListQuery, StocktakeListQuery, StocktakeProgress } from '@unyo/contracts';
import { and, asc, count, desc, eq, exists, getTableColumns, inArray, isNotNull, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { siteScope } from '../../platform/authz/scope.ts';
import { afterCursor, decodeCursor, pageOf } from '../../platform/http/paging.ts';
import { contains } from '../../platform/http/search.ts';
import { departments, sites } from '../org/org.table.ts';
import { hardwareAssets, stocktakeItems, stocktakeSites, stocktakes } from './assets.table.ts';

export type StocktakeRow = typeof stocktakes.$inferSelect;
export type StocktakeSiteRow = typeof stocktakeSites.$inferSelect;
export type StocktakeItemRow = typeof stocktakeItems.$inferSelect;
export type SiteRefRow = { id: string; code: string; nameJa: string; nameEn: string };
export type StocktakeSiteWithRef = StocktakeSiteRow & { site: SiteRefRow; kind: string; timeZone: string };
export type StocktakeWithRefs = StocktakeRow & {
  /** The campaign's sites the actor can see, with their progress. */
  sites: (StocktakeSiteWithRef & { progress: StocktakeProgress })[];
  /** Every site of the campaign (ids only): the policy needs them, the DTO never shows them. */
  allSiteIds: string[];
  progress: StocktakeProgress;
};
export type StocktakeItemWithRefs = StocktakeItemRow & {
  expectedSite: SiteRefRow | null;
  actualSite: SiteRefRow | null;
  draft: boolean;
  /** Time zone of the site where the item was found, else where it was expected. */
  timeZone: string;
};

const siteRef = { id: sites.id, code: sites.code, nameJa: sites.nameJa, nameEn: sites.nameEn };

/** A stock-take is visible when any of its sites is. */
function visibleStocktake(actor: Actor): SQL | undefined {
  const scope = siteScope(actor, stocktakeSites.siteId);
  if (!scope) return undefined;
  return exists(sql`(select 1 from ${stocktakeSites} where ${stocktakeSites.stocktakeId} = ${stocktakes.id} and ${scope})`);
}

/** Items a scoped actor sees: those expected at, or found at, one of their sites. */
export function visibleItem(actor: Actor): SQL | undefined {
  const a = siteScope(actor, stocktakeItems.expectedSiteId);
  const b = siteScope(actor, stocktakeItems.actualSiteId);
  return a && b ? or(a, b) : undefined;
}

export async function findStocktakeRow(db: Db, id: string, actor: Actor, lock?: 'update' | 'share'): Promise<StocktakeRow | null> {
  const q = db
    .select()
    .from(stocktakes)
    .where(and(eq(stocktakes.id, id), visibleStocktake(actor)));
  const [row] = lock ? await q.for(lock) : await q;
  return row ?? null;
}

export async function findSitesByIds(db: Db, ids: string[]) {
  return db.select({ id: sites.id, kind: sites.kind }).from(sites).where(inArray(sites.id, ids));
}

/** The distinct mail addresses of a site's active departments (where remote checklists go by default). */
export async function findDepartmentMails(db: Db, siteId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ mail: departments.mail })
    .from(departments)
    .where(and(eq(departments.siteId, siteId), eq(departments.active, true), isNotNull(departments.mail)))
    .orderBy(departments.mail);
  return rows.map((r) => r.mail!).filter((m) => m.trim() !== '');
}

/** The sites of stock-takes; with an actor, only those the actor can see (links, recipients and answers are site details). */
export async function findStocktakeSites(db: Db, ids: string[], actor?: Actor): Promise<StocktakeSiteWithRef[]> {
  if (ids.length === 0) return [];
  return db
    .select({ ...getTableColumns(stocktakeSites), site: siteRef, kind: sites.kind, timeZone: sites.timeZone })
    .from(stocktakeSites)
    .innerJoin(sites, eq(sites.id, stocktakeSites.siteId))
    .where(and(inArray(stocktakeSites.stocktakeId, ids), actor ? siteScope(actor, stocktakeSites.siteId) : undefined))
    .orderBy(asc(sites.code));
}

async function findStocktakeSiteIds(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ stocktakeId: stocktakeSites.stocktakeId, siteId: stocktakeSites.siteId })
    .from(stocktakeSites)
    .where(inArray(stocktakeSites.stocktakeId, ids));
}

/** Site id → IANA time zone. */
export async function findSiteZones(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: sites.id, timeZone: sites.timeZone }).from(sites).where(inArray(sites.id, ids));
  return new Map(rows.map((r) => [r.id, r.timeZone]));
}

export function emptyProgress(): StocktakeProgress {
  return { expected: 0, checked: 0, pending: 0, found: 0, foundElsewhere: 0, missing: 0, unexpected: 0, percent: 0 };
}

function progressFrom(c: { found: number; found_elsewhere: number; missing: number; unexpected: number; pending: number }): StocktakeProgress {
  const expected = c.found + c.found_elsewhere + c.missing + c.pending;
  const checked = c.found + c.found_elsewhere + c.missing;
  return {
    expected,
    checked,
    pending: c.pending,
    found: c.found,
    foundElsewhere: c.found_elsewhere,
    missing: c.missing,
    unexpected: c.unexpected,
    percent: expected === 0 ? 100 : Math.floor((checked * 100) / expected),
  };
}

/**
 * Result counts per stock-take and per site. An item counts at the site where it was found, or else
 * where it was expected; "checked" counts missing too (a missing item is accounted for).
 */
export async function findProgress(db: Db, ids: string[], actor: Actor) {
  const total = new Map<string, StocktakeProgress>();
  const bySite = new Map<string, StocktakeProgress>();
  if (ids.length === 0) return { total, bySite };
  const place = sql<string>`coalesce(${stocktakeItems.actualSiteId}, ${stocktakeItems.expectedSiteId})`;
  // Per-site rows only for sites the actor sees (an item expected here but found at an unseen site
  // still counts in the total).
  const seen = siteScope(actor, place);
  const siteExpr = seen ? sql<string | null>`case when ${seen} then ${place} end` : place;
  const rows = await db
    .select({ stocktakeId: stocktakeItems.stocktakeId, siteId: siteExpr, result: stocktakeItems.result, n: count() })
    .from(stocktakeItems)
    .where(and(inArray(stocktakeItems.stocktakeId, ids), visibleItem(actor)))
    // By position: a parameterised expression does not match itself in GROUP BY.
    .groupBy(sql`1, 2, 3`);
  const raw = new Map<string, Record<string, number>>();
  const add = (key: string, result: string, n: number) => {
    const c = raw.get(key) ?? { found: 0, found_elsewhere: 0, missing: 0, unexpected: 0, pending: 0 };
    c[result] = (c[result] ?? 0) + n;
    raw.set(key, c);
  };
  for (const r of rows) {
    add(r.stocktakeId, r.result, Number(r.n));
    if (r.siteId) add(`${r.stocktakeId}/${r.siteId}`, r.result, Number(r.n));
  }
  for (const [key, c] of raw) {
    const p = progressFrom(c as never);
    if (key.includes('/')) bySite.set(key, p);
    else total.set(key, p);
  }
  return { total, bySite };
}

async function withRefs(db: Db, rows: StocktakeRow[], actor: Actor): Promise<StocktakeWithRefs[]> {
  const ids = rows.map((r) => r.id);
  const [siteRows, siteIds, progress] = await Promise.all([findStocktakeSites(db, ids, actor), findStocktakeSiteIds(db, ids), findProgress(db, ids, actor)]);
  return rows.map((r) => ({
    ...r,
    sites: siteRows.filter((s) => s.stocktakeId === r.id).map((s) => ({ ...s, progress: progress.bySite.get(`${r.id}/${s.siteId}`) ?? emptyProgress() })),
    allSiteIds: siteIds.filter((s) => s.stocktakeId === r.id).map((s) => s.siteId),
    progress: progress.total.get(r.id) ?? emptyProgress(),
  }));
}

export async function findStocktakeById(db: Db, id: string, actor: Actor): Promise<StocktakeWithRefs | null> {
  const row = await findStocktakeRow(db, id, actor);
  if (!row) return null;
  const [out] = await withRefs(db, [row], actor);
  return out;
}

export async function findStocktakePage(db: Db, q: StocktakeListQuery, actor: Actor) {
  const filters: (SQL | undefined)[] = [visibleStocktake(actor)];
  if (q.status) filters.push(eq(stocktakes.status, q.status));
  if (q.siteId) {
    filters.push(
      exists(sql`(select 1 from ${stocktakeSites} where ${stocktakeSites.stocktakeId} = ${stocktakes.id} and ${stocktakeSites.siteId} = ${q.siteId})`),
    );
  }
  const where = and(...filters);
  const cursor = decodeCursor(q.cursor);
  const sortExpr = sql`${stocktakes.startedAt}`;
  const rows = await db
    .select()
    .from(stocktakes)
    .where(and(where, cursor ? sql`(${sortExpr}, ${stocktakes.id}) < (${cursor.v}::timestamptz, ${cursor.id}::uuid)` : undefined))
    .orderBy(desc(stocktakes.startedAt), desc(stocktakes.id))
    .limit(q.limit + 1);
  const [{ total }] = await db.select({ total: count() }).from(stocktakes).where(where);
  const page = pageOf(rows, q.limit, (r) => ({ v: new Date(r.startedAt).toISOString(), id: r.id }));
  return { ...page, items: await withRefs(db, page.items, actor), total };
}

const expectedSite = alias(sites, 'expected_site');
const actualSite = alias(sites, 'actual_site');
const itemSelection = {
  ...getTableColumns(stocktakeItems),
  expectedSite: { id: expectedSite.id, code: expectedSite.code, nameJa: expectedSite.nameJa, nameEn: expectedSite.nameEn },
  actualSite: { id: actualSite.id, code: actualSite.code, nameJa: actualSite.nameJa, nameEn: actualSite.nameEn },
  draft: sql<boolean>`coalesce(${hardwareAssets.draft}, false)`,
  timeZone: sql<string>`coalesce(${actualSite.timeZone}, ${expectedSite.timeZone}, 'Asia/Tokyo')`,
};

function itemQuery(db: Db) {
  return db
    .select(itemSelection)
    .from(stocktakeItems)
    .leftJoin(expectedSite, eq(expectedSite.id, stocktakeItems.expectedSiteId))
    .leftJoin(actualSite, eq(actualSite.id, stocktakeItems.actualSiteId))
    .leftJoin(hardwareAssets, eq(hardwareAssets.id, stocktakeItems.assetId));
}

// Left-joined site refs come back as objects of nulls with some drivers; normalise to null.
function normalize(r: Record<string, unknown>): StocktakeItemWithRefs {
  const ref = (s: SiteRefRow | null) => (s?.id ? s : null);
  const row = r as unknown as StocktakeItemWithRefs;
  return { ...row, expectedSite: ref(row.expectedSite), actualSite: ref(row.actualSite), draft: Boolean(row.draft) };
}

export async function findItemById(db: Db, stocktakeId: string, itemId: string, actor: Actor): Promise<StocktakeItemWithRefs | null> {
  const [row] = await itemQuery(db).where(and(eq(stocktakeItems.stocktakeId, stocktakeId), eq(stocktakeItems.id, itemId), visibleItem(actor)));
  return row ? normalize(row) : null;
}

export async function findItemPage(db: Db, stocktakeId: string, q: StocktakeItemListQuery, actor: Actor) {
  const filters: (SQL | undefined)[] = [eq(stocktakeItems.stocktakeId, stocktakeId), visibleItem(actor)];
  if (q.result) filters.push(eq(stocktakeItems.result, q.result));
  if (q.siteId) filters.push(or(eq(stocktakeItems.expectedSiteId, q.siteId), eq(stocktakeItems.actualSiteId, q.siteId)));
  if (q.q) filters.push(contains(sql`${stocktakeItems.assetNumber} || ' ' || coalesce(${stocktakeItems.expectedName}, '')`, q.q));
  const where = and(...filters);
  const cursor = decodeCursor(q.cursor);
  const rows = await itemQuery(db)
    .where(and(where, afterCursor(cursor, stocktakeItems.assetNumber, stocktakeItems.id, 'asc')))
    .orderBy(asc(stocktakeItems.assetNumber), asc(stocktakeItems.id))
    .limit(q.limit + 1);
  const [{ total }] = await db.select({ total: count() }).from(stocktakeItems).where(where);
  return { ...pageOf(rows.map(normalize), q.limit, (r) => ({ v: r.assetNumber, id: r.id })), total };
}

/** Every item of a stock-take (the XLSX report), in asset-number order. */
export async function findAllItems(db: Db, stocktakeId: string, actor: Actor): Promise<StocktakeItemWithRefs[]> {
  const rows = await itemQuery(db)
    .where(and(eq(stocktakeItems.stocktakeId, stocktakeId), visibleItem(actor)))
    .orderBy(asc(stocktakeItems.assetNumber));
  return rows.map(normalize);
}
