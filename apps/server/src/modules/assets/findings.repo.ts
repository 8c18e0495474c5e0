import type { AssetFindingListQuery } from '@unyo/contracts';
import { and, asc, count, eq, getTableColumns, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { siteScope } from '../../platform/authz/scope.ts';
import { afterCursor, decodeCursor, pageOf } from '../../platform/http/paging.ts';
import { users } from '../access/access.table.ts';
import { sites } from '../org/org.table.ts';
import { assetFindings, hardwareAssets } from './assets.table.ts';

const selection = {
  ...getTableColumns(assetFindings),
  asset: {
    id: hardwareAssets.id,
    assetNumber: hardwareAssets.assetNumber,
    name: hardwareAssets.name,
    status: hardwareAssets.status,
    category: hardwareAssets.category,
    siteId: hardwareAssets.siteId,
  },
  site: { id: sites.id, code: sites.code, nameJa: sites.nameJa, nameEn: sites.nameEn, timeZone: sites.timeZone },
  closedByLabel: users.displayName,
};

export type FindingRow = typeof assetFindings.$inferSelect;
export type FindingWithRefs = FindingRow & {
  asset: { id: string; assetNumber: string; name: string; status: string; category: string; siteId: string };
  site: { id: string; code: string; nameJa: string; nameEn: string; timeZone: string };
  closedByLabel: string | null;
};

function base(db: Db) {
  return db
    .select(selection)
    .from(assetFindings)
    .innerJoin(hardwareAssets, eq(hardwareAssets.id, assetFindings.assetId))
    .innerJoin(sites, eq(sites.id, hardwareAssets.siteId))
    .leftJoin(users, eq(users.id, assetFindings.closedById));
}

export type FindingFilterQuery = Omit<AssetFindingListQuery, 'limit' | 'cursor'>;

/** Filters plus the actor's site scope (the finding's asset's site); `kind` is left out for the counts. */
export function findingFilters(q: Partial<FindingFilterQuery>, actor: Actor, withKind = true): SQL | undefined {
  const filters: (SQL | undefined)[] = [siteScope(actor, hardwareAssets.siteId)];
  if (q.kind && withKind) filters.push(eq(assetFindings.kind, q.kind));
  if (q.status) filters.push(eq(assetFindings.status, q.status));
  if (q.siteId) filters.push(eq(hardwareAssets.siteId, q.siteId));
  if (q.assetId) filters.push(eq(assetFindings.assetId, q.assetId));
  return and(...filters);
}

export async function findFindingById(db: Db, id: string, actor: Actor): Promise<FindingWithRefs | null> {
  const [row] = await base(db).where(and(eq(assetFindings.id, id), siteScope(actor, hardwareAssets.siteId)));
  return (row as FindingWithRefs) ?? null;
}

/** One page in asset-number order (then by id), keyset-paged; used by the list and the export. */
export async function findFindingRows(db: Db, q: Partial<FindingFilterQuery>, actor: Actor, cursorText: string | undefined, limit: number) {
  const cursor = decodeCursor(cursorText);
  const rows = (await base(db)
    .where(and(findingFilters(q, actor), afterCursor(cursor, hardwareAssets.assetNumber, assetFindings.id, 'asc')))
    .orderBy(asc(hardwareAssets.assetNumber), asc(assetFindings.id))
    .limit(limit + 1)) as FindingWithRefs[];
  return pageOf(rows, limit, (r) => ({ v: r.asset.assetNumber, id: r.id }));
}

export async function findFindingPage(db: Db, q: AssetFindingListQuery, actor: Actor) {
  const page = await findFindingRows(db, q, actor, q.cursor, q.limit);
  const byKind = await db
    .select({ kind: assetFindings.kind, n: count() })
    .from(assetFindings)
    .innerJoin(hardwareAssets, eq(hardwareAssets.id, assetFindings.assetId))
    .where(findingFilters(q, actor, false))
    .groupBy(assetFindings.kind);
  const counts: Record<string, number> = {};
  for (const r of byKind) counts[r.kind] = Number(r.n);
  const total = q.kind ? (counts[q.kind] ?? 0) : Object.values(counts).reduce((a, b) => a + b, 0);
  return { ...page, total, counts };
}

/** The kinds whose detail lists other assets (by asset number), which may be at sites the reader cannot see. */
export const findingKindsNamingAssets = new Set(['duplicate_serial', 'duplicate_mac']);

/**
 * Of the asset numbers named in these findings' details, those the actor can see (looked up now, so an
 * asset moved since the last sweep counts where it is); null when the actor sees every site.
 */
export async function visibleAssetNumbers(db: Db, rows: FindingWithRefs[], actor: Actor): Promise<Set<string> | null> {
  if (actor.visibleSiteIds === null) return null;
  const named = new Set<string>();
  for (const r of rows) {
    if (!findingKindsNamingAssets.has(r.kind)) continue;
    const numbers = (r.detail as { assetNumbers?: unknown } | null)?.assetNumbers;
    if (Array.isArray(numbers)) for (const n of numbers) if (typeof n === 'string') named.add(n);
  }
  if (named.size === 0) return new Set();
  const seen = await db
    .select({ n: hardwareAssets.assetNumber })
    .from(hardwareAssets)
    .where(and(inArray(hardwareAssets.assetNumber, [...named]), siteScope(actor, hardwareAssets.siteId)));
  return new Set(seen.map((r) => r.n));
}
