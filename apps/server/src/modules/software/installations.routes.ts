import {
  IdParams,
  SoftwareInstallationCreateInput,
  SoftwareInstallationDto,
  SoftwareInstallationListQuery,
  SoftwareInstallationPage,
  SoftwareInstallationUpdateInput,
} from '@unyo/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type Actor, can } from '../../platform/auth/actor.ts';
import { abilitiesOf, type Policy } from '../../platform/authz/policy.ts';
import { type Ctx, ctxOf } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { expectedVersion, setEtag } from '../../platform/http/etag.ts';
import { iso, presentSiteRef } from '../org/org.presenter.ts';
import { findInstallationById, findInstallationPage, type InstallationWithRefs } from './installations.repo.ts';
import { createInstallation, deleteInstallation, updateInstallation } from './installations.service.ts';

export const installationPolicy: Policy<unknown> = {
  update: (a) => can(a, 'software-installation.manage'),
  delete: (a) => can(a, 'software-installation.manage'),
};

export function presentInstallation(row: InstallationWithRefs, actor: Actor): SoftwareInstallationDto {
  return {
    id: row.id,
    entryNumber: row.entryNumber,
    appliedOn: row.appliedOn,
    department: row.department,
    applicant: row.applicant,
    workedOn: row.workedOn,
    operator: row.operator,
    license: row.license,
    softwareName: row.license.softwareName,
    edition: row.edition,
    usedVersion: row.usedVersion,
    language: row.language,
    device: row.device,
    site: presentSiteRef(row.site),
    status: row.status as SoftwareInstallationDto['status'],
    statusNote: row.statusNote,
    note: row.note,
    version: row.version,
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
    abilities: abilitiesOf(installationPolicy, actor, row),
  };
}

async function installationResponse(ctx: Ctx, id: string, reply?: FastifyReply) {
  const row = await findInstallationById(ctx.db, id, ctx.actor);
  if (!row) throw notFound();
  if (reply) setEtag(reply, row.version);
  return presentInstallation(row, ctx.actor);
}

/** ソフトウェア使用台帳 (2.2.k): CRUD scoped by the device's site; import/export are in software-io.routes.ts. */
export async function installationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['software'];
  const read = { guard: 'software-installation.read', scope: 'site' } as const;
  const manage = { guard: 'software-installation.manage' } as const;

  r.get(
    '/software-installations',
    { schema: { tags, querystring: SoftwareInstallationListQuery, response: { 200: SoftwareInstallationPage } }, config: read },
    async (req) => {
      const ctx = ctxOf(req);
      const page = await findInstallationPage(ctx.db, req.query, ctx.actor);
      return { ...page, items: page.items.map((i) => presentInstallation(i, ctx.actor)) };
    },
  );
  r.get('/software-installations/:id', { schema: { tags, params: IdParams, response: { 200: SoftwareInstallationDto } }, config: read }, async (req, reply) =>
    installationResponse(ctxOf(req), req.params.id, reply),
  );
  r.post(
    '/software-installations',
    { schema: { tags, body: SoftwareInstallationCreateInput, response: { 201: SoftwareInstallationDto } }, config: manage },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const id = await createInstallation(ctx, req.body);
      return reply.status(201).send(await installationResponse(ctx, id, reply));
    },
  );
  r.patch(
    '/software-installations/:id',
    { schema: { tags, params: IdParams, body: SoftwareInstallationUpdateInput, response: { 200: SoftwareInstallationDto } }, config: manage },
    async (req, reply) => {
      const ctx = ctxOf(req);
      await updateInstallation(ctx, req.params.id, req.body, expectedVersion(req));
      return installationResponse(ctx, req.params.id, reply);
    },
  );
  r.delete('/software-installations/:id', { schema: { tags, params: IdParams }, config: manage }, async (req, reply) => {
    await deleteInstallation(ctxOf(req), req.params.id, expectedVersion(req));
    return reply.status(204).send();
  });
}
