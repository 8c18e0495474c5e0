import {
  DistributionByStaffType,
  IdParams,
  SoftwareDistributionCreateInput,
  SoftwareDistributionDto,
  SoftwareDistributionListQuery,
  SoftwareDistributionPage,
  SoftwareDistributionUpdateInput,
} from '@unyo/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type Actor, can } from '../../platform/auth/actor.ts';
import { abilitiesOf, type Policy } from '../../platform/authz/policy.ts';
import { type Ctx, ctxOf } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { expectedVersion, setEtag } from '../../platform/http/etag.ts';
import { iso, presentSiteRef } from '../org/org.presenter.ts';
import { type DistributionWithRefs, distributionsByStaffType, findDistributionById, findDistributionPage } from './distributions.repo.ts';
import { createDistribution, deleteDistribution, updateDistribution } from './distributions.service.ts';

export const distributionPolicy: Policy<unknown> = {
  update: (a) => can(a, 'software-distribution.manage'),
  delete: (a) => can(a, 'software-distribution.manage'),
};

export function presentDistribution(row: DistributionWithRefs, actor: Actor): SoftwareDistributionDto {
  return {
    id: row.id,
    entryNumber: row.entryNumber,
    distributedOn: row.distributedOn,
    site: presentSiteRef(row.site),
    officeCode: row.officeCode,
    recipient: row.recipient,
    origin: row.origin as SoftwareDistributionDto['origin'],
    license: row.license,
    softwareName: row.license?.softwareName ?? row.softwareName ?? '',
    edition: row.edition,
    usedVersion: row.usedVersion,
    language: row.language,
    licenseCount: row.licenseCount,
    mediaCount: row.mediaCount,
    expenseTransfer: row.expenseTransfer as SoftwareDistributionDto['expenseTransfer'],
    accountCode: row.accountCode,
    distributor: row.distributor,
    staffType: row.staffType as SoftwareDistributionDto['staffType'],
    note: row.note,
    version: row.version,
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
    abilities: abilitiesOf(distributionPolicy, actor, row),
  };
}

async function distributionResponse(ctx: Ctx, id: string, reply?: FastifyReply) {
  const row = await findDistributionById(ctx.db, id, ctx.actor);
  if (!row) throw notFound();
  if (reply) setEtag(reply, row.version);
  return presentDistribution(row, ctx.actor);
}

/** 海外ソフトウェア配布台帳 (2.2.l, n): CRUD scoped by the destination office; import/export in software-io.routes.ts. */
export async function distributionRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['software'];
  const read = { guard: 'software-distribution.read', scope: 'site' } as const;
  const manage = { guard: 'software-distribution.manage' } as const;

  r.get(
    '/software-distributions',
    { schema: { tags, querystring: SoftwareDistributionListQuery, response: { 200: SoftwareDistributionPage } }, config: read },
    async (req) => {
      const ctx = ctxOf(req);
      const page = await findDistributionPage(ctx.db, req.query, ctx.actor);
      return { ...page, items: page.items.map((d) => presentDistribution(d, ctx.actor)) };
    },
  );
  r.get('/software-distributions/by-staff-type', { schema: { tags, response: { 200: DistributionByStaffType } }, config: read }, async (req) => {
    const ctx = ctxOf(req);
    return { items: await distributionsByStaffType(ctx.db, ctx.actor) };
  });
  r.get('/software-distributions/:id', { schema: { tags, params: IdParams, response: { 200: SoftwareDistributionDto } }, config: read }, async (req, reply) =>
    distributionResponse(ctxOf(req), req.params.id, reply),
  );
  r.post(
    '/software-distributions',
    { schema: { tags, body: SoftwareDistributionCreateInput, response: { 201: SoftwareDistributionDto } }, config: manage },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const id = await createDistribution(ctx, req.body);
      return reply.status(201).send(await distributionResponse(ctx, id, reply));
    },
  );
  r.patch(
    '/software-distributions/:id',
    { schema: { tags, params: IdParams, body: SoftwareDistributionUpdateInput, response: { 200: SoftwareDistributionDto } }, config: manage },
    async (req, reply) => {
      const ctx = ctxOf(req);
      await updateDistribution(ctx, req.params.id, req.body, expectedVersion(req));
      return distributionResponse(ctx, req.params.id, reply);
    },
  );
  r.delete('/software-distributions/:id', { schema: { tags, params: IdParams }, config: manage }, async (req, reply) => {
    await deleteDistribution(ctxOf(req), req.params.id, expectedVersion(req));
    return reply.status(204).send();
  });
}
