import {
  GuidanceLogCreateInput,
  GuidanceLogDto,
  GuidanceLogListQuery,
  GuidanceLogPage,
  GuidanceLogUpdateInput,
  GuidanceMonthlyQuery,
  IdParams,
} from '@unyo/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type Ctx, ctxOf } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { expectedVersion, setEtag } from '../../platform/http/etag.ts';
import { presentGuidanceLog } from './guidance.presenter.ts';
import { findGuidanceLogById, findGuidanceLogPage } from './guidance.repo.ts';
import { createGuidanceLog, deleteGuidanceLog, updateGuidanceLog } from './guidance.service.ts';
import { buildGuidanceMonthly } from './guidance-export.ts';

async function logResponse(ctx: Ctx, id: string, reply?: FastifyReply) {
  const row = await findGuidanceLogById(ctx.db, id, ctx.actor);
  if (!row) throw notFound();
  if (reply) setEtag(reply, row.version);
  return presentGuidanceLog(row, ctx.actor);
}

export async function guidanceRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['guidance'];
  const read = { guard: 'guidance-log.read', scope: 'site' } as const;
  const manage = { guard: 'guidance-log.manage' } as const;

  r.get('/guidance-logs', { schema: { tags, querystring: GuidanceLogListQuery, response: { 200: GuidanceLogPage } }, config: read }, async (req) => {
    const ctx = ctxOf(req);
    const page = await findGuidanceLogPage(ctx.db, req.query, ctx.actor);
    return { ...page, items: page.items.map((g) => presentGuidanceLog(g, ctx.actor)) };
  });
  // Registered before /:id so "monthly.xlsx" is not read as an id.
  r.get('/guidance-logs/monthly.xlsx', { schema: { tags, querystring: GuidanceMonthlyQuery }, config: read }, async (req, reply) => {
    const { buffer, fileName } = await buildGuidanceMonthly(ctxOf(req), req.query.month, req.query.siteId);
    reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    reply.header('content-disposition', `attachment; filename="${fileName}"`);
    return reply.send(buffer);
  });
  r.get('/guidance-logs/:id', { schema: { tags, params: IdParams, response: { 200: GuidanceLogDto } }, config: read }, async (req, reply) =>
    logResponse(ctxOf(req), req.params.id, reply),
  );
  r.post('/guidance-logs', { schema: { tags, body: GuidanceLogCreateInput, response: { 201: GuidanceLogDto } }, config: manage }, async (req, reply) => {
    const ctx = ctxOf(req);
    const id = await createGuidanceLog(ctx, req.body);
    return reply.status(201).send(await logResponse(ctx, id, reply));
  });
  r.patch(
    '/guidance-logs/:id',
    { schema: { tags, params: IdParams, body: GuidanceLogUpdateInput, response: { 200: GuidanceLogDto } }, config: manage },
    async (req, reply) => {
      const ctx = ctxOf(req);
      await updateGuidanceLog(ctx, req.params.id, req.body, expectedVersion(req));
      return logResponse(ctx, req.params.id, reply);
    },
  );
  r.delete('/guidance-logs/:id', { schema: { tags, params: IdParams }, config: manage }, async (req, reply) => {
    await deleteGuidanceLog(ctxOf(req), req.params.id, expectedVersion(req));
    return reply.status(204).send();
  });
}
