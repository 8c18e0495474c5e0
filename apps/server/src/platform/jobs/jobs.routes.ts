import { JobDefinitionList, JobRunListQuery, JobRunPage } from '@unyo/contracts';
import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { writeAudit } from '../audit/audit.service.ts';
import { auditCtx, ctxOf, inTransaction } from '../http/context.ts';
import { AppError, notFound } from '../http/errors.ts';
import { decodeCursor, pageOf } from '../http/paging.ts';
import { jobRuns } from './jobs.table.ts';
import type { AnyJob } from './jobs.ts';

export function jobsRoutes(definitions: AnyJob[]) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['jobs'];
    r.get('/jobs', { schema: { tags, response: { 200: JobDefinitionList } }, config: { guard: 'job.read' } }, async () => ({
      items: definitions.map((d) => ({ name: d.name, cron: d.kind === 'cron' ? d.cron : null, manual: d.kind === 'cron' })),
    }));
    r.get('/jobs/runs', { schema: { tags, querystring: JobRunListQuery, response: { 200: JobRunPage } }, config: { guard: 'job.read' } }, async (req) => {
      const q = req.query;
      const filters: (SQL | undefined)[] = [];
      if (q.name) filters.push(eq(jobRuns.name, q.name));
      if (q.status) filters.push(eq(jobRuns.status, q.status));
      const where = and(...filters);
      const cursor = decodeCursor(q.cursor);
      const rows = await app.deps.db
        .select()
        .from(jobRuns)
        .where(and(where, cursor ? sql`(${jobRuns.startedAt}, ${jobRuns.id}) < (${cursor.v}, ${cursor.id})` : undefined))
        .orderBy(desc(jobRuns.startedAt), desc(jobRuns.id))
        .limit(q.limit + 1);
      const [{ total }] = await app.deps.db.select({ total: sql<number>`count(*)::int` }).from(jobRuns).where(where);
      const page = pageOf(rows, q.limit, (row) => ({ v: new Date(row.startedAt).toISOString(), id: row.id }));
      return {
        total,
        nextCursor: page.nextCursor,
        items: page.items.map((row) => ({
          id: row.id,
          name: row.name,
          jobId: row.jobId,
          status: row.status as 'running' | 'succeeded' | 'failed',
          startedAt: new Date(row.startedAt).toISOString(),
          finishedAt: row.finishedAt ? new Date(row.finishedAt).toISOString() : null,
          durationMs: row.durationMs,
          error: row.error,
          instance: row.instance,
        })),
      };
    });
    r.post('/jobs/:name/run', { schema: { tags, params: z.object({ name: z.string().max(100) }) }, config: { guard: 'job.run' } }, async (req, reply) => {
      const def = definitions.find((d) => d.name === req.params.name);
      if (!def) throw notFound();
      // Only crons (sweeps) can be started by hand; a single job needs its own data.
      if (def.kind !== 'cron') throw new AppError(422, 'problem.validation', [{ path: 'name', key: 'error.invalid' }]);
      const ctx = ctxOf(req);
      await inTransaction(ctx.db, ({ tx }) => writeAudit(tx, auditCtx(ctx), { action: 'job.run_requested', entityType: 'job', entityId: def.name }));
      const jobId = await ctx.queue.sendByName(def.name);
      return reply.status(202).send({ jobId });
    });
  };
}
