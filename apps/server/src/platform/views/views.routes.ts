import { IdParams, SavedViewCreateInput, SavedViewDto, SavedViewList, SavedViewListQuery, SavedViewUpdateInput } from '@unyo/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../http/context.ts';
import { presentSavedView } from './views.presenter.ts';
import { findSavedViews } from './views.repo.ts';
import { createSavedView, deleteSavedView, updateSavedView } from './views.service.ts';

/** The signed-in user's saved list views; nobody else's are visible (another user's id is a 404). */
export async function savedViewRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['views'];
  const config = { guard: 'authenticated', scope: 'self' } as const;

  r.get('/views', { schema: { tags, querystring: SavedViewListQuery, response: { 200: SavedViewList } }, config }, async (req) => {
    const ctx = ctxOf(req);
    return { items: (await findSavedViews(ctx.db, ctx.actor.userId, req.query.ledger)).map(presentSavedView) };
  });
  r.post('/views', { schema: { tags, body: SavedViewCreateInput, response: { 201: SavedViewDto } }, config }, async (req, reply) => {
    const row = await createSavedView(ctxOf(req), req.body);
    return reply.status(201).send(presentSavedView(row));
  });
  r.patch('/views/:id', { schema: { tags, params: IdParams, body: SavedViewUpdateInput, response: { 200: SavedViewDto } }, config }, async (req) =>
    presentSavedView(await updateSavedView(ctxOf(req), req.params.id, req.body)),
  );
  r.delete('/views/:id', { schema: { tags, params: IdParams }, config }, async (req, reply) => {
    await deleteSavedView(ctxOf(req), req.params.id);
    return reply.status(204).send();
  });
}
