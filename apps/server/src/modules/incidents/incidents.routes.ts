import {
  choiceLabel,
  IdParams,
  IncidentClockSettingDto,
  IncidentClockSettingInput,
  IncidentClockSettingList,
  IncidentCreateInput,
  IncidentDto,
  IncidentEventInput,
  IncidentEventList,
  IncidentExplainDto,
  IncidentListQuery,
  IncidentMetrics,
  IncidentMetricsQuery,
  IncidentPage,
  IncidentReportInput,
  IncidentUpdateInput,
  incidentKinds,
} from '@unyo/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type Ctx, ctxOf } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { expectedVersion, setEtag } from '../../platform/http/etag.ts';
import { iso } from '../org/org.presenter.ts';
import { incidentMetrics } from './incidents.metrics.ts';
import { clocksOf, presentClock, presentEvent, presentIncident } from './incidents.presenter.ts';
import { findEvents, findIncidentById, findIncidentPage, findRefs, findSettings, loadRules } from './incidents.repo.ts';
import { addClockSetting, addIncidentEvent, createIncident, sendIncidentReport, updateIncident } from './incidents.service.ts';

async function incidentResponse(ctx: Ctx, id: string, reply?: FastifyReply) {
  const row = await findIncidentById(ctx.db, id, ctx.actor);
  if (!row) throw notFound();
  const [refs, rulesAt] = await Promise.all([findRefs(ctx.db, [row]), loadRules(ctx.db)]);
  if (reply) setEtag(reply, row.version);
  return presentIncident(row, refs, rulesAt, ctx.actor);
}

type SettingRow = Awaited<ReturnType<typeof findSettings>>[number];
const presentSetting = (r: SettingRow) => ({
  id: r.id,
  code: r.code as IncidentClockSettingDto['code'],
  targetMinutes: r.targetMinutes,
  targetRate: r.targetRate,
  calendarId: r.calendarId,
  calendarName: r.calendarName,
  pauseOnEscalation: r.pauseOnEscalation,
  kinds: r.kinds,
  effectiveFrom: iso(r.effectiveFrom)!,
  createdBy: r.createdBy,
  createdAt: iso(r.createdAt)!,
});

/** Incidents (4.1) with their timeline, clocks, explain view, report mail, clock rules and monthly metrics. */
export async function incidentRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['incidents'];
  const read = { guard: 'incident.read', scope: 'site' } as const;
  const manage = { guard: 'incident.manage' } as const;

  r.get('/incidents', { schema: { tags, querystring: IncidentListQuery, response: { 200: IncidentPage } }, config: read }, async (req) => {
    const ctx = ctxOf(req);
    const page = await findIncidentPage(ctx.db, req.query, ctx.actor);
    const [refs, rulesAt] = await Promise.all([findRefs(ctx.db, page.items), loadRules(ctx.db)]);
    const now = new Date();
    return { ...page, items: page.items.map((row) => presentIncident(row, refs, rulesAt, ctx.actor, now)) };
  });
  r.post('/incidents', { schema: { tags, body: IncidentCreateInput, response: { 201: IncidentDto } }, config: manage }, async (req, reply) => {
    const ctx = ctxOf(req);
    const id = await createIncident(ctx, req.body);
    return reply.status(201).send(await incidentResponse(ctx, id, reply));
  });
  // Scoped like the list (incidentScope); tested in incidents.test.ts, as the scope test reads lists only.
  r.get(
    '/incidents/metrics',
    { schema: { tags, querystring: IncidentMetricsQuery, response: { 200: IncidentMetrics } }, config: { guard: 'incident.read' } },
    async (req) => {
      const ctx = ctxOf(req);
      return incidentMetrics(ctx.db, ctx.actor, req.query.month);
    },
  );
  r.get('/incidents/clock-settings', { schema: { tags, response: { 200: IncidentClockSettingList } }, config: { guard: 'incident.read' } }, async (req) => {
    const rows = (await findSettings(ctxOf(req).db)).map(presentSetting);
    const now = Date.now();
    const current = [...new Set(rows.map((r) => r.code))].map(
      (code) => rows.filter((r) => r.code === code && Date.parse(r.effectiveFrom) <= now).at(-1) ?? rows.find((r) => r.code === code)!,
    );
    return { current, history: rows };
  });
  r.post(
    '/incidents/clock-settings',
    { schema: { tags, body: IncidentClockSettingInput, response: { 201: IncidentClockSettingDto } }, config: { guard: 'incident.settings' } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const id = await addClockSetting(ctx, req.body);
      return reply.status(201).send(presentSetting((await findSettings(ctx.db)).find((s) => s.id === id)!));
    },
  );
  r.get('/incidents/:id', { schema: { tags, params: IdParams, response: { 200: IncidentDto } }, config: read }, async (req, reply) =>
    incidentResponse(ctxOf(req), req.params.id, reply),
  );
  r.patch(
    '/incidents/:id',
    { schema: { tags, params: IdParams, body: IncidentUpdateInput, response: { 200: IncidentDto } }, config: manage },
    async (req, reply) => {
      const ctx = ctxOf(req);
      await updateIncident(ctx, req.params.id, req.body, expectedVersion(req));
      return incidentResponse(ctx, req.params.id, reply);
    },
  );
  r.get('/incidents/:id/events', { schema: { tags, params: IdParams, response: { 200: IncidentEventList } }, config: read }, async (req) => {
    const ctx = ctxOf(req);
    if (!(await findIncidentById(ctx.db, req.params.id, ctx.actor))) throw notFound();
    return { items: (await findEvents(ctx.db, req.params.id)).map(presentEvent) };
  });
  r.post(
    '/incidents/:id/events',
    { schema: { tags, params: IdParams, body: IncidentEventInput, response: { 201: IncidentDto } }, config: manage },
    async (req, reply) => {
      const ctx = ctxOf(req);
      await addIncidentEvent(ctx, req.params.id, req.body);
      return reply.status(201).send(await incidentResponse(ctx, req.params.id, reply));
    },
  );
  r.get('/incidents/:id/explain', { schema: { tags, params: IdParams, response: { 200: IncidentExplainDto } }, config: read }, async (req) => {
    const ctx = ctxOf(req);
    const row = await findIncidentById(ctx.db, req.params.id, ctx.actor);
    if (!row) throw notFound();
    const rulesAt = await loadRules(ctx.db);
    const now = new Date();
    const rules = rulesAt(row.occurredAt);
    return {
      incidentId: row.id,
      number: row.number,
      asOf: now.toISOString(),
      clocks: clocksOf(row, rulesAt, now).map((c, i) => ({
        ...presentClock(c),
        rule: {
          settingId: rules[i].settingId,
          effectiveFrom: rules[i].effectiveFrom.toISOString(),
          calendar: rules[i].calendarName,
          pauseOnEscalation: rules[i].pauseOnEscalation,
          kinds: [...rules[i].kinds],
        },
        startedAt: c.startedAt.toISOString(),
        segments: c.segments.map((s) => ({
          from: s.from.toISOString(),
          to: s.to.toISOString(),
          kind: s.kind,
          reason: s.reason,
          ms: s.to.getTime() - s.from.getTime(),
        })),
      })),
    };
  });
  r.post(
    '/incidents/:id/report',
    { schema: { tags, params: IdParams, body: IncidentReportInput, response: { 200: IncidentDto } }, config: manage },
    async (req, reply) => {
      const ctx = ctxOf(req);
      await sendIncidentReport(ctx, req.params.id, req.body, (kind, locale) => choiceLabel(incidentKinds.items, kind, locale));
      return incidentResponse(ctx, req.params.id, reply);
    },
  );
}
