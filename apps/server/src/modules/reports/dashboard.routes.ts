import { DashboardDto } from '@unyo/contracts';
import { and, count, desc, eq, gt, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { presentAudit } from '../../platform/audit/audit.routes.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { siteScope } from '../../platform/authz/scope.ts';
import { ctxOf } from '../../platform/http/context.ts';
import { jobRuns } from '../../platform/jobs/jobs.table.ts';
import { users } from '../access/access.table.ts';
import { departments, people, sites } from '../org/org.table.ts';

export async function dashboardRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/dashboard', { schema: { tags: ['reports'], response: { 200: DashboardDto } }, config: { guard: 'dashboard.read', scope: 'site' } }, async (req) => {
    const { db, actor } = ctxOf(req);
    const [[s], [d], [p], [ap], [u], byKind, recent, [failed]] = await Promise.all([
      db.select({ n: count() }).from(sites).where(siteScope(actor, sites.id)),
      db.select({ n: count() }).from(departments).where(siteScope(actor, departments.siteId)),
      db.select({ n: count() }).from(people).where(siteScope(actor, people.siteId)),
      db
        .select({ n: count() })
        .from(people)
        .where(and(siteScope(actor, people.siteId), eq(people.status, 'active'))),
      db.select({ n: count() }).from(users).where(eq(users.active, true)),
      db.select({ kind: sites.kind, count: count() }).from(sites).where(siteScope(actor, sites.id)).groupBy(sites.kind),
      actor.permissions.has('audit.read')
        ? db.select().from(auditLog).where(siteScope(actor, auditLog.siteId)).orderBy(desc(auditLog.id)).limit(10)
        : Promise.resolve([]),
      db
        .select({ n: count() })
        .from(jobRuns)
        .where(and(eq(jobRuns.status, 'failed'), gt(jobRuns.startedAt, sql`now() - interval '24 hours'`))),
    ]);
    return {
      counts: { sites: s.n, departments: d.n, people: p.n, activePeople: ap.n, users: u.n },
      sitesByKind: byKind,
      recentAudit: recent.map(presentAudit),
      failedJobs24h: failed.n,
    };
  });
}
