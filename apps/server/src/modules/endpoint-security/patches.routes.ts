import {
  IdParams,
  MonthQuery,
  PatchPlanApplication,
  PatchPlanCreateInput,
  PatchPlanDto,
  PatchPlanList,
  PatchPlanListQuery,
  PatchPlanMonthly,
  PatchPlanUpdateInput,
  PatchStatusExportQuery,
  PatchStatusList,
  PatchStatusQuery,
} from '@unyo/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ledgerIoRoutes } from '../../platform/files/ledger-io.routes.ts';
import { type Ctx, ctxOf } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { expectedVersion, setEtag } from '../../platform/http/etag.ts';
import { createPatchPlan, deletePatchPlan, findPatchPlanById, findPatchPlans, patchPlanMonthly, presentPlans, updatePatchPlan } from './patch-plans.service.ts';
import { patchStatusIo } from './patch-status.io.ts';
import { findPatchStatus, patchPlanApplication } from './patch-status.repo.ts';

async function planResponse(ctx: Ctx, id: string, reply: FastifyReply) {
  const row = await findPatchPlanById(ctx.db, id);
  if (!row) throw notFound();
  setEtag(reply, row.version);
  const [dto] = await presentPlans(ctx.db, [row], ctx.actor, ctx.config.metrics.reportingTimeZone);
  return dto;
}

/** Security-patch plans (1.1.b, S-4-5-1-1) and per-device application status from WSUS / Intune (3.3.1.k). */
export async function patchRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['endpoint-security'];
  const read = { guard: 'endpoint-security.read' } as const;
  const manage = { guard: 'endpoint-security.manage' } as const;

  r.get('/patch-plans', { schema: { tags, querystring: PatchPlanListQuery, response: { 200: PatchPlanList } }, config: read }, async (req) => {
    const ctx = ctxOf(req);
    const page = await findPatchPlans(ctx.db, req.query);
    return { items: await presentPlans(ctx.db, page.items, ctx.actor, ctx.config.metrics.reportingTimeZone), total: page.total };
  });
  r.get('/patch-plans/monthly', { schema: { tags, querystring: MonthQuery, response: { 200: PatchPlanMonthly } }, config: read }, async (req) => {
    const ctx = ctxOf(req);
    return patchPlanMonthly(ctx.db, req.query.month, ctx.config.metrics.reportingTimeZone);
  });
  r.post('/patch-plans', { schema: { tags, body: PatchPlanCreateInput, response: { 201: PatchPlanDto } }, config: manage }, async (req, reply) => {
    const ctx = ctxOf(req);
    const id = await createPatchPlan(ctx, req.body);
    return reply.status(201).send(await planResponse(ctx, id, reply));
  });
  r.get('/patch-plans/:id', { schema: { tags, params: IdParams, response: { 200: PatchPlanDto } }, config: read }, async (req, reply) =>
    planResponse(ctxOf(req), req.params.id, reply),
  );
  r.patch(
    '/patch-plans/:id',
    { schema: { tags, params: IdParams, body: PatchPlanUpdateInput, response: { 200: PatchPlanDto } }, config: manage },
    async (req, reply) => {
      const ctx = ctxOf(req);
      await updatePatchPlan(ctx, req.params.id, req.body, expectedVersion(req));
      return planResponse(ctx, req.params.id, reply);
    },
  );
  r.delete('/patch-plans/:id', { schema: { tags, params: IdParams }, config: manage }, async (req, reply) => {
    await deletePatchPlan(ctxOf(req), req.params.id, expectedVersion(req));
    return reply.status(204).send();
  });
  r.get('/patch-plans/:id/application', { schema: { tags, params: IdParams, response: { 200: PatchPlanApplication } }, config: read }, async (req) => {
    const ctx = ctxOf(req);
    const plan = await findPatchPlanById(ctx.db, req.params.id);
    if (!plan) throw notFound();
    return patchPlanApplication(ctx.db, plan);
  });

  await app.register(
    ledgerIoRoutes({
      io: patchStatusIo,
      guards: { import: 'endpoint-security.import', export: 'endpoint-security.read' },
      exportQuery: PatchStatusExportQuery,
      tags,
    }),
  );
  r.get(
    '/patch-status',
    { schema: { tags, querystring: PatchStatusQuery, response: { 200: PatchStatusList } }, config: { ...read, scope: 'site' } },
    async (req) => {
      const ctx = ctxOf(req);
      return findPatchStatus(ctx.db, req.query, ctx.actor);
    },
  );
}
