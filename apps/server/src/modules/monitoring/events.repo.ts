import type { MonitoringEventListQuery } from '@unyo/contracts';
import { and, count, desc, eq, getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { siteScope } from '../../platform/authz/scope.ts';
import { afterCursor, decodeCursor, pageOf } from '../../platform/http/paging.ts';
import { contains } from '../../platform/http/search.ts';
import { sites } from '../org/org.table.ts';
import { monitoringEvents, monitoringRules, monitoringTargets } from './monitoring.table.ts';

export type EventWithRefs = typeof monitoringEvents.$inferSelect & {
  target: { id: string; name: string; kind: string } | null;
  site: { id: string; code: string; nameJa: string; nameEn: string } | null;
  rule: { id: string; name: string } | null;
};

const selection = {
  ...getTableColumns(monitoringEvents),
  target: sql<EventWithRefs['target']>`case when ${monitoringTargets.id} is null then null
    else json_build_object('id', ${monitoringTargets.id}, 'name', ${monitoringTargets.name}, 'kind', ${monitoringTargets.kind}) end`,
  site: sql<EventWithRefs['site']>`case when ${sites.id} is null then null
    else json_build_object('id', ${sites.id}, 'code', ${sites.code}, 'nameJa', ${sites.nameJa}, 'nameEn', ${sites.nameEn}) end`,
  rule: sql<
    EventWithRefs['rule']
  >`case when ${monitoringRules.id} is null then null else json_build_object('id', ${monitoringRules.id}, 'name', ${monitoringRules.name}) end`,
};
const base = (db: Db) =>
  db
    .select(selection)
    .from(monitoringEvents)
    .leftJoin(monitoringTargets, eq(monitoringTargets.id, monitoringEvents.targetId))
    .leftJoin(sites, eq(sites.id, monitoringTargets.siteId))
    .leftJoin(monitoringRules, eq(monitoringRules.id, monitoringEvents.ruleId));

/**
 * Events are scoped through their target's site. An event that matched no target has no site: only actors who see
 * every site see it (the registry is where it gets one).
 */
const scopeOf = (actor: Actor) => siteScope(actor, monitoringTargets.siteId);

export async function findEventById(db: Db, id: string, actor: Actor): Promise<EventWithRefs | null> {
  const [row] = await base(db).where(and(eq(monitoringEvents.id, id), scopeOf(actor)));
  return (row as EventWithRefs) ?? null;
}

export async function findEventPage(db: Db, q: MonitoringEventListQuery, actor: Actor) {
  const f: (SQL | undefined)[] = [scopeOf(actor)];
  if (q.status) f.push(eq(monitoringEvents.status, q.status));
  if (q.source) f.push(eq(monitoringEvents.source, q.source));
  if (q.severity) f.push(eq(monitoringEvents.severity, q.severity));
  if (q.targetId) f.push(eq(monitoringEvents.targetId, q.targetId));
  if (q.siteId) f.push(eq(monitoringTargets.siteId, q.siteId));
  // An event belongs to the period it was open in: started before `to`, not resolved before `from`.
  if (q.from) f.push(sql`coalesce(${monitoringEvents.resolvedAt}, 'infinity') >= ${new Date(q.from)}`);
  if (q.to) f.push(sql`${monitoringEvents.startsAt} < ${new Date(q.to)}`);
  if (q.q) f.push(contains(sql`concat_ws(' ', ${monitoringEvents.title}, ${monitoringEvents.fingerprint}, ${monitoringEvents.labels}::text)`, q.q));
  const where = and(...f);
  const rows = (await base(db)
    .where(and(where, afterCursor(decodeCursor(q.cursor), monitoringEvents.lastSeenAt, monitoringEvents.id, 'desc')))
    .orderBy(desc(monitoringEvents.lastSeenAt), desc(monitoringEvents.id))
    .limit(q.limit + 1)) as EventWithRefs[];
  const [{ n }] = await db
    .select({ n: count() })
    .from(monitoringEvents)
    .leftJoin(monitoringTargets, eq(monitoringTargets.id, monitoringEvents.targetId))
    .where(where);
  return { ...pageOf(rows, q.limit, (r) => ({ v: new Date(r.lastSeenAt).toISOString(), id: r.id })), total: Number(n) };
}
