import {
  IdParams,
  TicketCategoryCreateInput,
  TicketCategoryNodeDto,
  TicketCategoryQuery,
  TicketCategoryTree,
  TicketCategoryUpdateInput,
} from '@unyo/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.ts';
import { ctxOf } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { findCategoryNode, findCategoryTree } from './ticket-categories.repo.ts';
import { createTicketCategory, updateTicketCategory } from './ticket-categories.service.ts';

async function categoryNode(db: Db, id: string) {
  const node = await findCategoryNode(db, id);
  if (!node) throw notFound();
  return node;
}

/** The inquiry category tree for operators and, active categories only, for requesters in the portal; its administration. */
export async function ticketCategoryRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['tickets'];
  r.get(
    '/ticket-categories',
    { schema: { tags, querystring: TicketCategoryQuery, response: { 200: TicketCategoryTree } }, config: { guard: 'ticket.read' } },
    async (req) => ({ items: await findCategoryTree(ctxOf(req).db, { includeInactive: req.query.includeInactive === 'true' }) }),
  );
  r.post(
    '/ticket-categories',
    { schema: { tags, body: TicketCategoryCreateInput, response: { 201: TicketCategoryNodeDto } }, config: { guard: 'ticket-category.manage' } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const id = await createTicketCategory(ctx, req.body);
      return reply.status(201).send(await categoryNode(ctx.db, id));
    },
  );
  r.patch(
    '/ticket-categories/:id',
    {
      schema: { tags, params: IdParams, body: TicketCategoryUpdateInput, response: { 200: TicketCategoryNodeDto } },
      config: { guard: 'ticket-category.manage' },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await updateTicketCategory(ctx, req.params.id, req.body);
      return categoryNode(ctx.db, req.params.id);
    },
  );
  r.get('/portal/ticket-categories', { schema: { tags: ['portal'], response: { 200: TicketCategoryTree } }, config: { guard: 'portal.use' } }, async (req) => ({
    items: await findCategoryTree(ctxOf(req).db),
  }));
}
