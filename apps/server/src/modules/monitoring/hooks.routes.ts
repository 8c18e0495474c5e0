import { AlertmanagerWebhook, DiskReportInput, DiskReportResult, GenericWebhook, HookResult, type MonitoringSource, ZabbixWebhook } from '@unyo/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError, forbidden } from '../../platform/http/errors.ts';
import { ingestDiskReport } from './disk-reports.service.ts';
import { fromAlertmanager, fromGeneric, fromZabbix, type NormalizedAlert } from './hook-formats.ts';
import { authenticateHook, type HookIdentity } from './hook-tokens.service.ts';
import { type IncidentPort, ingestAlerts } from './intake.service.ts';

const challenge = () => new AppError(401, 'problem.unauthenticated', [], { 'www-authenticate': 'Bearer realm="unyo-hooks"' });

function bearer(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  return h && /^bearer /i.test(h) ? h.slice(7).trim() : null;
}

/**
 * Webhooks of the monitoring tools. They carry no session: a hook token (Bearer) authenticates them before the body
 * is read, and the token's sources say which of the three hooks it may post to.
 */
export async function hookRoutes(app: FastifyInstance, opts: { incidents: IncidentPort }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const hooks = new WeakMap<FastifyRequest, HookIdentity>();
  const sourceOf: Record<string, MonitoringSource> = {
    '/api/v1/hooks/alertmanager': 'alertmanager',
    '/api/v1/hooks/zabbix': 'zabbix',
    '/api/v1/hooks/generic': 'generic',
    // Disk reports come from our own scripts, with a token allowed to post generic alerts.
    '/api/v1/disk-reports': 'generic',
  };

  app.addHook('onRequest', async (req) => {
    const token = bearer(req);
    const hook = token ? await authenticateHook(app.deps.db, token) : null;
    if (!hook) throw challenge();
    if (!hook.sources.includes(sourceOf[req.routeOptions.url ?? ''])) throw forbidden();
    hooks.set(req, hook);
  });

  const ingest = (req: FastifyRequest, alerts: NormalizedAlert[]) =>
    ingestAlerts(app.deps.db, hooks.get(req)!, alerts, {
      config: app.deps.config.monitoring,
      incidents: opts.incidents,
      requestId: String(req.id),
    });
  const tags = ['monitoring'];
  const config = { guard: 'public', ownBearer: true } as const;

  r.post('/hooks/alertmanager', { schema: { tags, body: AlertmanagerWebhook, response: { 200: HookResult } }, config }, async (req) =>
    ingest(req, fromAlertmanager(req.body, new Date())),
  );
  r.post('/hooks/zabbix', { schema: { tags, body: ZabbixWebhook, response: { 200: HookResult } }, config }, async (req) => ingest(req, fromZabbix(req.body)));
  r.post('/hooks/generic', { schema: { tags, body: GenericWebhook, response: { 200: HookResult } }, config }, async (req) =>
    ingest(req, fromGeneric(req.body, new Date())),
  );
  // 6.d/6.e: per-volume usage from scripts/monitoring/disk-report.sh or .ps1.
  r.post('/disk-reports', { schema: { tags, body: DiskReportInput, response: { 200: DiskReportResult } }, config }, async (req) =>
    ingestDiskReport(app.deps.db, hooks.get(req)!, req.body, { config: app.deps.config.monitoring, incidents: opts.incidents, requestId: String(req.id) }),
  );
}
