import type { MonitoringTargetListQuery } from '@unyo/contracts';
import { and, asc, count, eq, getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { siteScope } from '../../platform/authz/scope.ts';
import { afterCursor, decodeCursor, pageOf } from '../../platform/http/paging.ts';
import { contains } from '../../platform/http/search.ts';
import { sites } from '../org/org.table.ts';
import { monitoringTargets } from './monitoring.table.ts';

export type TargetWithRefs = typeof monitoringTargets.$inferSelect & {
  site: { id: string; code: string; nameJa: string; nameEn: string };
  asset: { id: string; assetNumber: string; name: string } | null;
  firingCount: number;
};

const outer = (c: string) => sql.raw(`"monitoring_targets"."${c}"`);
const selection = {
  ...getTableColumns(monitoringTargets),
  site: { id: sites.id, code: sites.code, nameJa: sites.nameJa, nameEn: sites.nameEn },
  asset: sql<TargetWithRefs['asset']>`(select json_build_object('id', h.id, 'assetNumber', h.asset_number, 'name', h.name)
    from hardware_assets h where h.id = ${outer('asset_id')})`,
  firingCount: sql<number>`(select count(*)::int from monitoring_events e where e.target_id = ${outer('id')} and e.status = 'firing')`,
};
const base = (db: Db) => db.select(selection).from(monitoringTargets).innerJoin(sites, eq(sites.id, monitoringTargets.siteId));

/** Targets are scoped by their site (the asset's site unless given). */
export async function findTargetById(db: Db, id: string, actor: Actor, lock?: 'update'): Promise<TargetWithRefs | null> {
  const q = base(db).where(and(eq(monitoringTargets.id, id), siteScope(actor, monitoringTargets.siteId)));
  const [row] = lock ? await q.for('update', { of: monitoringTargets }) : await q;
  return (row as TargetWithRefs) ?? null;
}

export async function findTargetPage(db: Db, q: MonitoringTargetListQuery, actor: Actor) {
  const f: (SQL | undefined)[] = [siteScope(actor, monitoringTargets.siteId)];
  if (q.includeRemoved !== 'true') f.push(sql`${monitoringTargets.removedAt} is null`);
  if (q.q) f.push(contains(sql`concat_ws(' ', ${monitoringTargets.name}, ${monitoringTargets.matchLabels}::text, ${monitoringTargets.requestRef})`, q.q));
  if (q.kind) f.push(eq(monitoringTargets.kind, q.kind));
  if (q.siteId) f.push(eq(monitoringTargets.siteId, q.siteId));
  if (q.active) f.push(eq(monitoringTargets.active, q.active === 'true'));
  const where = and(...f);
  const rows = (await base(db)
    .where(and(where, afterCursor(decodeCursor(q.cursor), monitoringTargets.name, monitoringTargets.id, 'asc')))
    .orderBy(asc(monitoringTargets.name), asc(monitoringTargets.id))
    .limit(q.limit + 1)) as TargetWithRefs[];
  const [{ n }] = await db.select({ n: count() }).from(monitoringTargets).where(where);
  return { ...pageOf(rows, q.limit, (r) => ({ v: r.name, id: r.id })), total: Number(n) };
}

/**
 * The active target an alert belongs to: its labels contain all of the target's match labels; the most specific
 * target (most labels) wins. Not scoped: the webhook is a machine, not a person.
 */
export async function findTargetForLabels(db: Db, labels: Record<string, string>) {
  const [row] = await db
    .select({ id: monitoringTargets.id, siteId: monitoringTargets.siteId, assetId: monitoringTargets.assetId, kind: monitoringTargets.kind })
    .from(monitoringTargets)
    .where(
      and(
        eq(monitoringTargets.active, true),
        sql`${monitoringTargets.removedAt} is null`,
        sql`${monitoringTargets.matchLabels} <> '{}'::jsonb`,
        sql`${JSON.stringify(labels)}::jsonb @> ${monitoringTargets.matchLabels}`,
      ),
    )
    .orderBy(sql`(select count(*) from jsonb_object_keys(${monitoringTargets.matchLabels})) desc`, asc(monitoringTargets.createdAt))
    .limit(1);
  return row ?? null;
}
