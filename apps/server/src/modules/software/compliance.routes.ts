import {
  Id,
  SoftwareAvailability,
  SoftwareCompliance,
  SoftwareComplianceDetail,
  SoftwareComplianceQuery,
  SoftwareSettingsDto,
  SoftwareSettingsInput,
} from '@unyo/contracts';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { auditCtx, ctxOf, inTransaction } from '../../platform/http/context.ts';
import { notFound, preconditionFailed } from '../../platform/http/errors.ts';
import { expectedVersion, setEtag } from '../../platform/http/etag.ts';
import { complianceDetail, complianceReport, readNearPercent } from './compliance.service.ts';
import { buildComplianceXlsx } from './compliance-report.ts';
import { softwareSettings } from './software.table.ts';

/** Licence compliance per product (2.2.m, 3.3.1.e) and its near-limit threshold. */
export async function complianceRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['software'];
  const read = { guard: 'software-compliance.read' } as const;

  r.get('/software-compliance', { schema: { tags, querystring: SoftwareComplianceQuery, response: { 200: SoftwareCompliance } }, config: read }, async (req) =>
    complianceReport(ctxOf(req).db, req.query.status),
  );
  // 3.3.1.e: what staff may still install, by product; a requester sees counts only, no devices or licences.
  r.get('/portal/software-availability', { schema: { tags, response: { 200: SoftwareAvailability } }, config: { guard: 'portal.use' } }, async (req) => {
    const report = await complianceReport(ctxOf(req).db);
    return {
      computedAt: report.computedAt,
      items: report.items
        .filter((i) => i.entitled > 0)
        .sort((a, b) => a.product.name.localeCompare(b.product.name))
        .map((i) => ({ product: i.product, entitled: i.entitled, inUse: i.consumed, available: Math.max(0, i.entitled - i.consumed), status: i.status })),
    };
  });
  r.get('/software-compliance/report.xlsx', { schema: { tags }, config: read }, async (req, reply) => {
    const ctx = ctxOf(req);
    const { buffer, fileName } = await buildComplianceXlsx(ctx.db, ctx.locale, ctx.config.metrics.reportingTimeZone);
    reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    reply.header('content-disposition', `attachment; filename="${fileName}"`);
    return reply.send(buffer);
  });
  r.get('/software-compliance/settings', { schema: { tags, response: { 200: SoftwareSettingsDto } }, config: read }, async (req, reply) => {
    const s = await readNearPercent(ctxOf(req).db);
    setEtag(reply, s.version);
    return s;
  });
  r.patch(
    '/software-compliance/settings',
    { schema: { tags, body: SoftwareSettingsInput, response: { 200: SoftwareSettingsDto } }, config: { guard: 'software-compliance.manage' } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const expected = expectedVersion(req);
      const saved = await inTransaction(ctx.db, async ({ tx }) => {
        const [before] = await tx.select().from(softwareSettings).where(eq(softwareSettings.id, 1)).for('update');
        if (expected !== null && expected !== before.version) throw preconditionFailed();
        const [after] = await tx
          .update(softwareSettings)
          .set({ nearPercent: req.body.nearPercent, version: before.version + 1, updatedAt: new Date() })
          .where(eq(softwareSettings.id, 1))
          .returning();
        await writeAudit(tx, auditCtx(ctx), { action: 'software-settings.updated', entityType: 'software-settings', entityId: '1', before, after });
        return after;
      });
      setEtag(reply, saved.version);
      return { nearPercent: saved.nearPercent, version: saved.version };
    },
  );
  r.get(
    '/software-compliance/:productId',
    { schema: { tags, params: z.object({ productId: Id }), response: { 200: SoftwareComplianceDetail } }, config: read },
    async (req) => {
      const detail = await complianceDetail(ctxOf(req).db, req.params.productId);
      if (!detail) throw notFound();
      return detail;
    },
  );
}
