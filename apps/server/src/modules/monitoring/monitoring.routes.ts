import {
  DiskVolumeList,
  DiskWeekly,
  DiskWeeklyQuery,
  HookTokenCreated,
  HookTokenCreateInput,
  HookTokenList,
  IdParams,
  MonitoringEventDto,
  MonitoringEventListQuery,
  MonitoringEventPage,
  MonitoringExportCreateInput,
  MonitoringExportDto,
  MonitoringExportList,
  MonitoringExportListQuery,
  MonitoringMonthlyQuery,
  MonitoringMonthlySummary,
  MonitoringRuleCreateInput,
  MonitoringRuleDto,
  MonitoringRuleList,
  MonitoringRuleUpdateInput,
  MonitoringTargetCreateInput,
  MonitoringTargetDto,
  MonitoringTargetListQuery,
  MonitoringTargetPage,
  MonitoringTargetRemoveInput,
  MonitoringTargetUpdateInput,
} from '@unyo/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type Ctx, ctxOf, langFromQuery } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { expectedVersion, setEtag } from '../../platform/http/etag.ts';
import { latestVolumes, weeklyDiskReport } from './disk-reports.service.ts';
import { findEventById, findEventPage } from './events.repo.ts';
import { createExport, deleteExport, findExportById, findExports, presentExport } from './exports.service.ts';
import { createHookToken, listHookTokens, presentHookToken, revokeHookToken } from './hook-tokens.service.ts';
import { hookRoutes } from './hooks.routes.ts';
import { type IncidentPort, incidentsModule } from './intake.service.ts';
import { presentEvent, presentRule, presentTarget } from './monitoring.presenter.ts';
import { buildMonitoringMonthly, monthlySummary } from './monitoring-report.service.ts';
import { createRule, deleteRule, findRuleById, findRules, updateRule } from './rules.service.ts';
import { findTargetById, findTargetPage } from './targets.repo.ts';
import { createTarget, removeTarget, updateTarget } from './targets.service.ts';

async function targetResponse(ctx: Ctx, id: string, reply?: FastifyReply) {
  const row = await findTargetById(ctx.db, id, ctx.actor);
  if (!row) throw notFound();
  if (reply) setEtag(reply, row.version);
  return presentTarget(row, ctx.actor);
}

async function ruleResponse(ctx: Ctx, id: string, reply?: FastifyReply) {
  const row = await findRuleById(ctx.db, id);
  if (!row) throw notFound();
  if (reply) setEtag(reply, row.version);
  return presentRule(row, ctx.actor);
}

/** Monitoring intake (6.a–6.c, 6.h): the target registry, events, rules, hook tokens and the webhooks themselves; the monthly report and export record (6.i). */
export async function monitoringRoutes(app: FastifyInstance, opts: { incidents?: IncidentPort }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  await app.register(hookRoutes, { incidents: opts.incidents ?? incidentsModule });
  const tags = ['monitoring'];
  const read = { guard: 'monitoring.read', scope: 'site' } as const;
  const readAll = { guard: 'monitoring.read' } as const;
  const manage = { guard: 'monitoring.manage' } as const;

  // Disk-space (6.d, 6.e): the latest sample of each volume, and the weekly report. Scoped through the target's site.
  r.get('/disk-reports', { schema: { tags, response: { 200: DiskVolumeList } }, config: { guard: 'monitoring.read' } }, async (req) => {
    const ctx = ctxOf(req);
    return { items: await latestVolumes(ctx.db, ctx.actor) };
  });
  r.get('/disk-reports/weekly', { schema: { tags, querystring: DiskWeeklyQuery, response: { 200: DiskWeekly } }, config: readAll }, async (req) => {
    const ctx = ctxOf(req);
    return weeklyDiskReport(ctx.db, ctx.actor, req.query.weekOf);
  });
  // Monthly monitoring-results report (6.i), built from the events and disk samples; scoped by the target's site.
  r.get(
    '/monitoring/reports/monthly/summary',
    { schema: { tags, querystring: MonitoringMonthlyQuery, response: { 200: MonitoringMonthlySummary } }, config: readAll },
    async (req) => {
      const ctx = ctxOf(req);
      return monthlySummary(ctx.db, ctx.actor, req.query.month, ctx.config.metrics.reportingTimeZone);
    },
  );
  r.get(
    '/monitoring/reports/monthly',
    { schema: { tags, querystring: MonitoringMonthlyQuery }, config: readAll, onRequest: langFromQuery },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const { buffer, fileName } = await buildMonitoringMonthly(ctx.db, ctx.actor, ctx.locale, req.query.month, ctx.config.metrics.reportingTimeZone);
      reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      reply.header('content-disposition', `attachment; filename="${fileName}"`);
      reply.header('cache-control', 'no-store');
      return reply.send(buffer);
    },
  );
  // The monthly export checklist (6.i): insert-only records of the data saved to external media, deletable (audited).
  r.get(
    '/monitoring/exports',
    { schema: { tags, querystring: MonitoringExportListQuery, response: { 200: MonitoringExportList } }, config: readAll },
    async (req) => {
      const ctx = ctxOf(req);
      return { items: (await findExports(ctx.db, ctx.actor, req.query.month)).map(presentExport) };
    },
  );
  r.post(
    '/monitoring/exports',
    { schema: { tags, body: MonitoringExportCreateInput, response: { 201: MonitoringExportDto } }, config: manage },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const id = await createExport(ctx, req.body);
      return reply.status(201).send(presentExport((await findExportById(ctx.db, id, ctx.actor))!));
    },
  );
  r.delete('/monitoring/exports/:id', { schema: { tags, params: IdParams }, config: manage }, async (req, reply) => {
    await deleteExport(ctxOf(req), req.params.id);
    return reply.status(204).send();
  });
  r.get(
    '/monitoring/targets',
    { schema: { tags, querystring: MonitoringTargetListQuery, response: { 200: MonitoringTargetPage } }, config: read },
    async (req) => {
      const ctx = ctxOf(req);
      const page = await findTargetPage(ctx.db, req.query, ctx.actor);
      return { ...page, items: page.items.map((t) => presentTarget(t, ctx.actor)) };
    },
  );
  r.get('/monitoring/targets/:id', { schema: { tags, params: IdParams, response: { 200: MonitoringTargetDto } }, config: read }, async (req, reply) =>
    targetResponse(ctxOf(req), req.params.id, reply),
  );
  r.post(
    '/monitoring/targets',
    { schema: { tags, body: MonitoringTargetCreateInput, response: { 201: MonitoringTargetDto } }, config: manage },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const id = await createTarget(ctx, req.body);
      return reply.status(201).send(await targetResponse(ctx, id, reply));
    },
  );
  r.patch(
    '/monitoring/targets/:id',
    { schema: { tags, params: IdParams, body: MonitoringTargetUpdateInput, response: { 200: MonitoringTargetDto } }, config: manage },
    async (req, reply) => {
      const ctx = ctxOf(req);
      await updateTarget(ctx, req.params.id, req.body, expectedVersion(req));
      return targetResponse(ctx, req.params.id, reply);
    },
  );
  r.delete('/monitoring/targets/:id', { schema: { tags, params: IdParams, querystring: MonitoringTargetRemoveInput }, config: manage }, async (req, reply) => {
    await removeTarget(ctxOf(req), req.params.id, req.query, expectedVersion(req));
    return reply.status(204).send();
  });

  r.get(
    '/monitoring/events',
    { schema: { tags, querystring: MonitoringEventListQuery, response: { 200: MonitoringEventPage } }, config: read },
    async (req) => {
      const ctx = ctxOf(req);
      const page = await findEventPage(ctx.db, req.query, ctx.actor);
      return { ...page, items: page.items.map((e) => presentEvent(e, ctx.config.monitoring.flapThreshold)) };
    },
  );
  r.get('/monitoring/events/:id', { schema: { tags, params: IdParams, response: { 200: MonitoringEventDto } }, config: read }, async (req) => {
    const ctx = ctxOf(req);
    const row = await findEventById(ctx.db, req.params.id, ctx.actor);
    if (!row) throw notFound();
    return presentEvent(row, ctx.config.monitoring.flapThreshold);
  });

  r.get('/monitoring/rules', { schema: { tags, response: { 200: MonitoringRuleList } }, config: readAll }, async (req) => {
    const ctx = ctxOf(req);
    return { items: (await findRules(ctx.db)).map((row) => presentRule(row, ctx.actor)) };
  });
  r.get('/monitoring/rules/:id', { schema: { tags, params: IdParams, response: { 200: MonitoringRuleDto } }, config: readAll }, async (req, reply) =>
    ruleResponse(ctxOf(req), req.params.id, reply),
  );
  r.post(
    '/monitoring/rules',
    { schema: { tags, body: MonitoringRuleCreateInput, response: { 201: MonitoringRuleDto } }, config: manage },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const id = await createRule(ctx, req.body);
      return reply.status(201).send(await ruleResponse(ctx, id, reply));
    },
  );
  r.patch(
    '/monitoring/rules/:id',
    { schema: { tags, params: IdParams, body: MonitoringRuleUpdateInput, response: { 200: MonitoringRuleDto } }, config: manage },
    async (req, reply) => {
      const ctx = ctxOf(req);
      await updateRule(ctx, req.params.id, req.body, expectedVersion(req));
      return ruleResponse(ctx, req.params.id, reply);
    },
  );
  r.delete('/monitoring/rules/:id', { schema: { tags, params: IdParams }, config: manage }, async (req, reply) => {
    await deleteRule(ctxOf(req), req.params.id);
    return reply.status(204).send();
  });

  const tokens = { guard: 'hook-token.manage' } as const;
  r.get('/monitoring/hook-tokens', { schema: { tags, response: { 200: HookTokenList } }, config: tokens }, async () => ({
    items: (await listHookTokens(app.deps.db)).map(presentHookToken),
  }));
  r.post(
    '/monitoring/hook-tokens',
    { schema: { tags, body: HookTokenCreateInput, response: { 201: HookTokenCreated } }, config: tokens },
    async (req, reply) => {
      const { row, token } = await createHookToken(ctxOf(req), req.body);
      return reply.status(201).send({ ...presentHookToken(row), token });
    },
  );
  r.delete('/monitoring/hook-tokens/:id', { schema: { tags, params: IdParams }, config: tokens }, async (req, reply) => {
    await revokeHookToken(ctxOf(req), req.params.id);
    return reply.status(204).send();
  });
}
