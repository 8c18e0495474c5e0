import { AuditListQuery, AuditPage } from '@unyo/contracts';
import { and, desc, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../auth/actor.ts';
import { decodeCursor, pageOf } from '../http/paging.ts';
import { auditLog } from './audit.table.ts';

type AuditRow = typeof auditLog.$inferSelect;

/** Site-scoped readers see entries of their sites; entries with no site (system, accounts) need full scope. */
function auditScope(actor: Actor): SQL | undefined {
  if (actor.visibleSiteIds === null) return undefined;
  if (actor.visibleSiteIds.length === 0) return sql`false`;
  return inArray(auditLog.siteId, actor.visibleSiteIds);
}

export function presentAudit(r: AuditRow) {
  return {
    id: r.id,
    at: new Date(r.at).toISOString(),
    actorId: r.actorId,
    actorLabel: r.actorLabel,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    siteId: r.siteId,
    before: r.before ?? null,
    after: r.after ?? null,
    requestId: r.requestId,
  };
}

export async function findAuditPage(db: Db, q: AuditListQuery, actor: Actor) {
  const filters: (SQL | undefined)[] = [auditScope(actor)];
  if (q.entityType) filters.push(eq(auditLog.entityType, q.entityType));
  if (q.entityId) filters.push(eq(auditLog.entityId, q.entityId));
  if (q.actorId) filters.push(eq(auditLog.actorId, q.actorId));
  if (q.action) filters.push(eq(auditLog.action, q.action));
  if (q.from) filters.push(gte(auditLog.at, new Date(q.from).toISOString()));
  if (q.to) filters.push(lte(auditLog.at, new Date(q.to).toISOString()));
  const where = and(...filters);
  const cursor = decodeCursor(q.cursor);
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(where, cursor ? sql`${auditLog.id} < ${Number(cursor.id)}` : undefined))
    .orderBy(desc(auditLog.id))
    .limit(q.limit + 1);
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(auditLog).where(where);
  return { ...pageOf(rows, q.limit, (r) => ({ v: null, id: String(r.id) })), total };
}

export async function auditRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/audit',
    { schema: { tags: ['audit'], querystring: AuditListQuery, response: { 200: AuditPage } }, config: { guard: 'audit.read', scope: 'site' } },
    async (req) => {
      const page = await findAuditPage(app.deps.db, req.query, req.actor!);
      return { ...page, items: page.items.map(presentAudit) };
    },
  );
}
