import { DamageReportCreateInput, DamageReportDto, DamageReportListQuery, DamageReportPage, DamageReportUpdateInput, IdParams } from '@unyo/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type Ctx, ctxOf } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { presentDamageReport } from './damage-reports.presenter.ts';
import { findDamageReportById, findDamageReportPage } from './damage-reports.repo.ts';
import { confirmDamageReport, createDamageReport, updateDamageReport } from './damage-reports.service.ts';

async function reportResponse(ctx: Ctx, id: string) {
  const row = await findDamageReportById(ctx.db, id, ctx.actor);
  if (!row) throw notFound();
  return presentDamageReport(row, ctx.actor);
}

export async function damageReportRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['assets'];

  r.get(
    '/damage-reports',
    { schema: { tags, querystring: DamageReportListQuery, response: { 200: DamageReportPage } }, config: { guard: 'damage-report.read', scope: 'site' } },
    async (req) => {
      const ctx = ctxOf(req);
      const page = await findDamageReportPage(ctx.db, req.query, ctx.actor);
      return { ...page, items: page.items.map((d) => presentDamageReport(d, ctx.actor)) };
    },
  );
  r.get(
    '/damage-reports/:id',
    { schema: { tags, params: IdParams, response: { 200: DamageReportDto } }, config: { guard: 'damage-report.read', scope: 'site' } },
    async (req) => reportResponse(ctxOf(req), req.params.id),
  );
  r.post(
    '/damage-reports',
    { schema: { tags, body: DamageReportCreateInput, response: { 201: DamageReportDto } }, config: { guard: 'damage-report.create' } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const id = await createDamageReport(ctx, req.body);
      return reply.status(201).send(await reportResponse(ctx, id));
    },
  );
  r.patch(
    '/damage-reports/:id',
    { schema: { tags, params: IdParams, body: DamageReportUpdateInput, response: { 200: DamageReportDto } }, config: { guard: 'damage-report.create' } },
    async (req) => {
      const ctx = ctxOf(req);
      await updateDamageReport(ctx, req.params.id, req.body);
      return reportResponse(ctx, req.params.id);
    },
  );
  // The staff in charge (supervisor role) take the report in.
  r.post(
    '/damage-reports/:id/confirm',
    { schema: { tags, params: IdParams, response: { 200: DamageReportDto } }, config: { guard: 'damage-report.confirm' } },
    async (req) => {
      const ctx = ctxOf(req);
      await confirmDamageReport(ctx, req.params.id);
      return reportResponse(ctx, req.params.id);
    },
  );
}
