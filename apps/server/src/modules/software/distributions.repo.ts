import type { SoftwareDistributionListQuery } from '@unyo/contracts';
import { and, count, desc, eq, getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { siteScope } from '../../platform/authz/scope.ts';
import { afterCursor, decodeCursor, pageOf } from '../../platform/http/paging.ts';
import { contains } from '../../platform/http/search.ts';
import { sites } from '../org/org.table.ts';
import { softwareDistributions, softwareLicenses } from './software.table.ts';

export type DistributionRow = typeof softwareDistributions.$inferSelect;
export type DistributionWithRefs = DistributionRow & {
  site: { id: string; code: string; nameJa: string; nameEn: string };
  officeCode: string | null;
  license: { id: string; assetNumber: string; softwareName: string } | null;
};

const selection = {
  ...getTableColumns(softwareDistributions),
  site: { id: sites.id, code: sites.code, nameJa: sites.nameJa, nameEn: sites.nameEn },
  officeCode: sites.officeCode,
  license: sql<DistributionWithRefs['license']>`(select json_build_object('id', l.id, 'assetNumber', l.asset_number, 'softwareName', l.software_name)
    from software_licenses l where l.id = ${sql.raw('"software_distributions"."license_id"')})`,
};

/** Distribution rows are scoped by the destination office. */
function base(db: Db) {
  return db.select(selection).from(softwareDistributions).innerJoin(sites, eq(sites.id, softwareDistributions.siteId));
}

export async function findDistributionById(db: Db, id: string, actor: Actor, lock?: 'update'): Promise<DistributionWithRefs | null> {
  const q = base(db).where(and(eq(softwareDistributions.id, id), siteScope(actor, softwareDistributions.siteId)));
  const [row] = lock ? await q.for('update', { of: softwareDistributions }) : await q;
  return (row as DistributionWithRefs) ?? null;
}

export function distributionFilters(q: Partial<SoftwareDistributionListQuery>, actor: Actor): SQL | undefined {
  const f: (SQL | undefined)[] = [siteScope(actor, softwareDistributions.siteId)];
  if (q.q)
    f.push(
      contains(
        sql`concat_ws(' ', ${softwareDistributions.softwareName}, ${softwareDistributions.recipient}, ${softwareDistributions.distributor}, ${softwareDistributions.note},
          (select concat_ws(' ', l.asset_number, l.software_name) from ${softwareLicenses} l where l.id = ${sql.raw('"software_distributions"."license_id"')}))`,
        q.q,
      ),
    );
  if (q.siteId) f.push(eq(softwareDistributions.siteId, q.siteId));
  if (q.licenseId) f.push(eq(softwareDistributions.licenseId, q.licenseId));
  if (q.origin) f.push(eq(softwareDistributions.origin, q.origin));
  if (q.expenseTransfer) f.push(eq(softwareDistributions.expenseTransfer, q.expenseTransfer));
  return and(...f);
}

const sortKey = sql`${softwareDistributions.distributedOn}::text`;

/** Latest distribution first. */
export async function findDistributionPage(db: Db, q: SoftwareDistributionListQuery, actor: Actor) {
  const where = distributionFilters(q, actor);
  const rows = (await base(db)
    .where(and(where, afterCursor(decodeCursor(q.cursor), sortKey, softwareDistributions.id, 'desc')))
    .orderBy(desc(sortKey), desc(softwareDistributions.id))
    .limit(q.limit + 1)) as DistributionWithRefs[];
  const [{ n }] = await db.select({ n: count() }).from(softwareDistributions).where(where);
  return { ...pageOf(rows, q.limit, (r) => ({ v: r.distributedOn, id: r.id })), total: Number(n) };
}

/** 2.2.n: licences distributed by staff category and software, inside the actor's offices. */
export async function distributionsByStaffType(db: Db, actor: Actor) {
  const name = sql<string>`coalesce((select l.software_name from software_licenses l where l.id = ${sql.raw('"software_distributions"."license_id"')}), ${softwareDistributions.softwareName})`;
  const rows = await db
    .select({ staffType: softwareDistributions.staffType, softwareName: name, licenseCount: sql<number>`sum(${softwareDistributions.licenseCount})::int` })
    .from(softwareDistributions)
    .where(siteScope(actor, softwareDistributions.siteId))
    .groupBy(softwareDistributions.staffType, name)
    .orderBy(name, softwareDistributions.staffType);
  return rows;
}
