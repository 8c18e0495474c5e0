import {
  AntivirusExportQuery,
  AntivirusMonthly,
  AntivirusStatusList,
  AntivirusStatusQuery,
  EndpointSecuritySettingsDto,
  EndpointSecuritySettingsInput,
  MonthQuery,
} from '@unyo/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ledgerIoRoutes } from '../../platform/files/ledger-io.routes.ts';
import { ctxOf } from '../../platform/http/context.ts';
import { expectedVersion, setEtag } from '../../platform/http/etag.ts';
import { antivirusIo } from './antivirus.io.ts';
import { findAntivirusStatus } from './antivirus.repo.ts';
import { antivirusMonthly, recordAntivirusReport } from './antivirus.service.ts';
import { buildAntivirusXlsx } from './antivirus-report.ts';
import { loadEndpointSecuritySettings, updateEndpointSecuritySettings } from './endpoint-security.settings.ts';

/** Antivirus definition status (3.1.1.u, 3.3.1.l): console imports, the per-device list, the monthly report and S-4-5-3-1. */
export async function antivirusRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['endpoint-security'];
  const read = { guard: 'endpoint-security.read' } as const;

  await app.register(
    ledgerIoRoutes({
      io: antivirusIo,
      guards: { import: 'endpoint-security.import', export: 'endpoint-security.read' },
      exportQuery: AntivirusExportQuery,
      tags,
    }),
  );
  r.get(
    '/antivirus/status',
    { schema: { tags, querystring: AntivirusStatusQuery, response: { 200: AntivirusStatusList } }, config: { ...read, scope: 'site' } },
    async (req) => {
      const ctx = ctxOf(req);
      const settings = await loadEndpointSecuritySettings(ctx.db);
      return findAntivirusStatus(ctx.db, req.query, ctx.actor, settings, ctx.config.metrics.reportingTimeZone);
    },
  );
  r.get('/antivirus/monthly', { schema: { tags, querystring: MonthQuery, response: { 200: AntivirusMonthly } }, config: read }, async (req) => {
    const ctx = ctxOf(req);
    return antivirusMonthly(ctx.db, req.query.month, ctx.config.metrics.reportingTimeZone);
  });
  // Producing the report is what S-4-5-3-1 counts, so the download is recorded (and audited).
  r.get('/antivirus/report.xlsx', { schema: { tags, querystring: MonthQuery }, config: { ...read, scope: 'site' } }, async (req, reply) => {
    const ctx = ctxOf(req);
    const { buffer, fileName } = await buildAntivirusXlsx(ctx.db, ctx.actor, req.query.month, ctx.locale, ctx.config.metrics.reportingTimeZone);
    await recordAntivirusReport(ctx, req.query.month);
    reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    reply.header('content-disposition', `attachment; filename="${fileName}"`);
    reply.header('cache-control', 'no-store');
    return reply.send(buffer);
  });
  r.get('/endpoint-security/settings', { schema: { tags, response: { 200: EndpointSecuritySettingsDto } }, config: read }, async (req, reply) => {
    const s = await loadEndpointSecuritySettings(ctxOf(req).db);
    setEtag(reply, s.version);
    return s;
  });
  r.patch(
    '/endpoint-security/settings',
    { schema: { tags, body: EndpointSecuritySettingsInput, response: { 200: EndpointSecuritySettingsDto } }, config: { guard: 'endpoint-security.manage' } },
    async (req, reply) => {
      const s = await updateEndpointSecuritySettings(ctxOf(req), req.body, expectedVersion(req));
      setEtag(reply, s.version);
      return s;
    },
  );
}
