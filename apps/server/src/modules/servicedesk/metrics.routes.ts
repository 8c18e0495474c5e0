import {
  MetricDrillParams,
  MetricDrillQuery,
  MetricItemPage,
  MetricsQuery,
  MetricsReport,
  ServicedeskSettingsDto,
  ServicedeskSettingsUpdateInput,
} from '@unyo/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/http/context.ts';
import { expectedVersion } from '../../platform/http/etag.ts';
import { computeMetrics, drillMetric } from './metrics.service.ts';
import { loadServicedeskSettingsDto, updateServicedeskSettings } from './metrics.settings.ts';

/**
 * Scoped in SQL to the actor's sites like every list (metrics.test.ts checks it); not marked `scope: 'site'` because
 * these are not `{ items }` lists of one site's records, which is what the generic scope test reads.
 */
export async function metricsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['servicedesk'];

  r.get(
    '/servicedesk/metrics',
    { schema: { tags, querystring: MetricsQuery, response: { 200: MetricsReport } }, config: { guard: 'servicedesk-metrics.read' } },
    async (req) => computeMetrics(ctxOf(req), req.query),
  );
  // Registered before /:metricId/tickets so "settings" is never read as a metric id.
  r.get(
    '/servicedesk/metrics/settings',
    { schema: { tags, response: { 200: ServicedeskSettingsDto } }, config: { guard: 'servicedesk-metrics.read' } },
    async (req, reply) => {
      const dto = await loadServicedeskSettingsDto(ctxOf(req).db);
      reply.header('etag', `"v${dto.version}"`);
      return dto;
    },
  );
  // Targets are SLA clock configuration: the same administrators who manage business calendars change them.
  r.patch(
    '/servicedesk/metrics/settings',
    { schema: { tags, body: ServicedeskSettingsUpdateInput, response: { 200: ServicedeskSettingsDto } }, config: { guard: 'servicedesk-metrics.manage' } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      await updateServicedeskSettings(ctx, req.body, expectedVersion(req));
      const dto = await loadServicedeskSettingsDto(ctx.db);
      reply.header('etag', `"v${dto.version}"`);
      return dto;
    },
  );
  r.get(
    '/servicedesk/metrics/:metricId/tickets',
    {
      schema: { tags, params: MetricDrillParams, querystring: MetricDrillQuery, response: { 200: MetricItemPage } },
      config: { guard: 'servicedesk-metrics.read' },
    },
    async (req) => drillMetric(ctxOf(req), req.params.metricId, req.query),
  );
}
