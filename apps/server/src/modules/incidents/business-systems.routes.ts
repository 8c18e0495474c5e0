import {
  BusinessSystemCreateInput,
  BusinessSystemDto,
  BusinessSystemListQuery,
  BusinessSystemPage,
  BusinessSystemUpdateInput,
  IdParams,
} from '@unyo/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type Ctx, ctxOf } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { expectedVersion, setEtag } from '../../platform/http/etag.ts';
import { findBusinessSystemPage, findBusinessSystemWithRefs } from './business-systems.repo.ts';
import { createBusinessSystem, deleteBusinessSystem, presentBusinessSystem, updateBusinessSystem } from './business-systems.service.ts';

async function response(ctx: Ctx, id: string, reply?: FastifyReply) {
  const row = await findBusinessSystemWithRefs(ctx.db, id);
  if (!row) throw notFound();
  if (reply) setEtag(reply, row.version);
  return presentBusinessSystem(row, ctx.actor);
}

/** Business systems and their responsible departments (4.1.3.a): an organization-wide master, not site-scoped. */
export async function businessSystemRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['business-systems'];
  const read = { guard: 'business-system.read' } as const;
  const manage = { guard: 'business-system.manage' } as const;

  r.get('/business-systems', { schema: { tags, querystring: BusinessSystemListQuery, response: { 200: BusinessSystemPage } }, config: read }, async (req) => {
    const ctx = ctxOf(req);
    const page = await findBusinessSystemPage(ctx.db, req.query);
    return { ...page, items: page.items.map((row) => presentBusinessSystem(row, ctx.actor)) };
  });
  r.post(
    '/business-systems',
    { schema: { tags, body: BusinessSystemCreateInput, response: { 201: BusinessSystemDto } }, config: manage },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const id = await createBusinessSystem(ctx, req.body);
      return reply.status(201).send(await response(ctx, id, reply));
    },
  );
  r.get('/business-systems/:id', { schema: { tags, params: IdParams, response: { 200: BusinessSystemDto } }, config: read }, async (req, reply) =>
    response(ctxOf(req), req.params.id, reply),
  );
  r.patch(
    '/business-systems/:id',
    { schema: { tags, params: IdParams, body: BusinessSystemUpdateInput, response: { 200: BusinessSystemDto } }, config: manage },
    async (req, reply) => {
      const ctx = ctxOf(req);
      await updateBusinessSystem(ctx, req.params.id, req.body, expectedVersion(req));
      return response(ctx, req.params.id, reply);
    },
  );
  r.delete('/business-systems/:id', { schema: { tags, params: IdParams }, config: manage }, async (req, reply) => {
    await deleteBusinessSystem(ctxOf(req), req.params.id, null);
    return reply.status(204).send();
  });
}
