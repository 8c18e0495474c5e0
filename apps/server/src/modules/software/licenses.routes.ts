import {
  IdParams,
  SoftwareLicenseCreateInput,
  SoftwareLicenseDto,
  SoftwareLicenseListQuery,
  SoftwareLicensePage,
  SoftwareLicenseUpdateInput,
  SoftwareRenewalsQuery,
} from '@unyo/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type Ctx, ctxOf } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { expectedVersion, setEtag } from '../../platform/http/etag.ts';
import { presentLicense } from './licenses.presenter.ts';
import { findLicenseById, findLicensePage } from './licenses.repo.ts';
import { createLicense, deleteLicense, updateLicense } from './licenses.service.ts';
import { buildRenewalsMonthly } from './renewals.ts';

async function licenseResponse(ctx: Ctx, id: string, reply?: FastifyReply) {
  const row = await findLicenseById(ctx.db, id);
  if (!row) throw notFound();
  if (reply) setEtag(reply, row.version);
  return presentLicense(row, ctx.actor);
}

/** 保有ソフトウェア台帳 (2.2.j): CRUD; import/export are in software-io.routes.ts. */
export async function licenseRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['software'];
  const read = { guard: 'software-license.read' } as const;
  const manage = { guard: 'software-license.manage' } as const;

  r.get(
    '/software-licenses',
    { schema: { tags, querystring: SoftwareLicenseListQuery, response: { 200: SoftwareLicensePage } }, config: read },
    async (req) => {
      const ctx = ctxOf(req);
      const page = await findLicensePage(ctx.db, req.query);
      return { ...page, items: page.items.map((l) => presentLicense(l, ctx.actor)) };
    },
  );
  // Registered before /:id so "renewals.xlsx" is not read as an id.
  r.get('/software-licenses/renewals.xlsx', { schema: { tags, querystring: SoftwareRenewalsQuery }, config: read }, async (req, reply) => {
    const ctx = ctxOf(req);
    const { buffer, fileName } = await buildRenewalsMonthly(ctx.db, ctx.locale, req.query.month, ctx.config.metrics.reportingTimeZone);
    reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    reply.header('content-disposition', `attachment; filename="${fileName}"`);
    return reply.send(buffer);
  });
  r.get('/software-licenses/:id', { schema: { tags, params: IdParams, response: { 200: SoftwareLicenseDto } }, config: read }, async (req, reply) =>
    licenseResponse(ctxOf(req), req.params.id, reply),
  );
  r.post(
    '/software-licenses',
    { schema: { tags, body: SoftwareLicenseCreateInput, response: { 201: SoftwareLicenseDto } }, config: manage },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const id = await createLicense(ctx, req.body);
      return reply.status(201).send(await licenseResponse(ctx, id, reply));
    },
  );
  r.patch(
    '/software-licenses/:id',
    { schema: { tags, params: IdParams, body: SoftwareLicenseUpdateInput, response: { 200: SoftwareLicenseDto } }, config: manage },
    async (req, reply) => {
      const ctx = ctxOf(req);
      await updateLicense(ctx, req.params.id, req.body, expectedVersion(req));
      return licenseResponse(ctx, req.params.id, reply);
    },
  );
  r.delete('/software-licenses/:id', { schema: { tags, params: IdParams }, config: manage }, async (req, reply) => {
    await deleteLicense(ctxOf(req), req.params.id, expectedVersion(req));
    return reply.status(204).send();
  });
}
