import {
  Id,
  IdParams,
  RestoreRequestCreateInput,
  RestoreRequestDto,
  RestoreRequestListQuery,
  RestoreRequestPage,
  RestoreRequestUpdateInput,
} from '@unyo/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Ctx, ctxOf } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { expectedVersion, setEtag } from '../../platform/http/etag.ts';
import { presentRestore } from './backups.presenter.ts';
import { findRestoreById, findRestorePage } from './backups.repo.ts';
import { createRestoreRequest, updateRestoreRequest } from './restores.service.ts';

async function restoreResponse(ctx: Ctx, id: string, reply?: FastifyReply) {
  const row = await findRestoreById(ctx.db, id, ctx.actor);
  if (!row) throw notFound();
  if (reply) setEtag(reply, row.version);
  return presentRestore(row, ctx.actor);
}

/** Restore requests from the staff in charge (3.1.1.o). */
export async function restoreRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['backups'];
  const read = { guard: 'backup.read', scope: 'site' } as const;
  const manage = { guard: 'backup.manage' } as const;

  r.get('/backup-restores', { schema: { tags, querystring: RestoreRequestListQuery, response: { 200: RestoreRequestPage } }, config: read }, async (req) => {
    const ctx = ctxOf(req);
    const page = await findRestorePage(ctx.db, req.query, ctx.actor);
    return { ...page, items: page.items.map((x) => presentRestore(x, ctx.actor)) };
  });
  r.get('/backup-restores/:id', { schema: { tags, params: IdParams, response: { 200: RestoreRequestDto } }, config: read }, async (req, reply) =>
    restoreResponse(ctxOf(req), req.params.id, reply),
  );
  r.post(
    '/backup-restores',
    { schema: { tags, body: RestoreRequestCreateInput, response: { 201: z.object({ id: Id }) } }, config: manage },
    async (req, reply) => reply.status(201).send({ id: await createRestoreRequest(ctxOf(req), req.body) }),
  );
  r.patch(
    '/backup-restores/:id',
    { schema: { tags, params: IdParams, body: RestoreRequestUpdateInput, response: { 200: RestoreRequestDto } }, config: manage },
    async (req, reply) => {
      const ctx = ctxOf(req);
      await updateRestoreRequest(ctx, req.params.id, req.body, expectedVersion(req));
      return restoreResponse(ctx, req.params.id, reply);
    },
  );
}
