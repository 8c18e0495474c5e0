import {
  ChecklistAnswerInput,
  ChecklistAnswerResult,
  ChecklistDto,
  ChecklistParams,
  ChecklistQuery,
  IdParams,
  StocktakeCheckInput,
  StocktakeCheckResult,
  StocktakeCloseResult,
  StocktakeCreateInput,
  StocktakeDto,
  StocktakeItemDto,
  StocktakeItemListQuery,
  StocktakeItemPage,
  StocktakeItemParams,
  StocktakeItemUpdateInput,
  StocktakeListQuery,
  StocktakePage,
  StocktakeSendInput,
} from '@unyo/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type Ctx, ctxOf, langFromQuery } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { presentStocktake, presentStocktakeItem } from './stocktakes.presenter.ts';
import { findItemById, findItemPage, findStocktakeById, findStocktakePage } from './stocktakes.repo.ts';
import { checkStocktakeAsset, closeStocktake, createStocktake, sendStocktakeLinks, updateStocktakeItem } from './stocktakes.service.ts';
import { answerChecklist, getChecklist } from './stocktakes-checklist.service.ts';
import { buildStocktakeReport } from './stocktakes-report.ts';

async function stocktakeResponse(ctx: Ctx, id: string) {
  const row = await findStocktakeById(ctx.db, id, ctx.actor);
  if (!row) throw notFound();
  return presentStocktake(row, ctx.actor);
}

async function itemResponse(ctx: Ctx, id: string, itemId: string) {
  const [item, st] = await Promise.all([findItemById(ctx.db, id, itemId, ctx.actor), findStocktakeById(ctx.db, id, ctx.actor)]);
  if (!item || !st) throw notFound();
  return { item: presentStocktakeItem(item), progress: st.progress };
}

export async function stocktakeRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['stocktakes'];
  const read = { guard: 'stocktake.read', scope: 'site' } as const;
  const manage = { guard: 'stocktake.manage' } as const;

  r.get('/stocktakes', { schema: { tags, querystring: StocktakeListQuery, response: { 200: StocktakePage } }, config: read }, async (req) => {
    const ctx = ctxOf(req);
    const page = await findStocktakePage(ctx.db, req.query, ctx.actor);
    return { ...page, items: page.items.map((s) => presentStocktake(s, ctx.actor)) };
  });
  r.post('/stocktakes', { schema: { tags, body: StocktakeCreateInput, response: { 201: StocktakeDto } }, config: manage }, async (req, reply) => {
    const ctx = ctxOf(req);
    const id = await createStocktake(ctx, req.body);
    return reply.status(201).send(await stocktakeResponse(ctx, id));
  });
  r.get('/stocktakes/:id', { schema: { tags, params: IdParams, response: { 200: StocktakeDto } }, config: read }, async (req) =>
    stocktakeResponse(ctxOf(req), req.params.id),
  );
  r.get(
    '/stocktakes/:id/items',
    { schema: { tags, params: IdParams, querystring: StocktakeItemListQuery, response: { 200: StocktakeItemPage } }, config: read },
    async (req) => {
      const ctx = ctxOf(req);
      if (!(await findStocktakeById(ctx.db, req.params.id, ctx.actor))) throw notFound();
      const page = await findItemPage(ctx.db, req.params.id, req.query, ctx.actor);
      return { ...page, items: page.items.map(presentStocktakeItem) };
    },
  );
  r.post(
    '/stocktakes/:id/check',
    { schema: { tags, params: IdParams, body: StocktakeCheckInput, response: { 200: StocktakeCheckResult } }, config: manage },
    async (req) => {
      const ctx = ctxOf(req);
      const itemId = await checkStocktakeAsset(ctx, req.params.id, req.body);
      return itemResponse(ctx, req.params.id, itemId);
    },
  );
  r.post(
    '/stocktakes/:id/items/:itemId',
    { schema: { tags, params: StocktakeItemParams, body: StocktakeItemUpdateInput, response: { 200: StocktakeItemDto } }, config: manage },
    async (req) => {
      const ctx = ctxOf(req);
      await updateStocktakeItem(ctx, req.params.id, req.params.itemId, req.body);
      return (await itemResponse(ctx, req.params.id, req.params.itemId)).item;
    },
  );
  r.post(
    '/stocktakes/:id/send',
    { schema: { tags, params: IdParams, body: StocktakeSendInput, response: { 200: StocktakeDto } }, config: manage },
    async (req) => {
      const ctx = ctxOf(req);
      await sendStocktakeLinks(ctx, req.params.id, req.body);
      return stocktakeResponse(ctx, req.params.id);
    },
  );
  r.post('/stocktakes/:id/close', { schema: { tags, params: IdParams, response: { 200: StocktakeCloseResult } }, config: manage }, async (req) => {
    const ctx = ctxOf(req);
    const out = await closeStocktake(ctx, req.params.id);
    return { ...out, stocktake: await stocktakeResponse(ctx, req.params.id) };
  });
  r.get('/stocktakes/:id/report.xlsx', { schema: { tags, params: IdParams }, config: read }, async (req, reply) => {
    const { buffer, fileName } = await buildStocktakeReport(ctxOf(req), req.params.id);
    reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    reply.header('content-disposition', `attachment; filename="${fileName}"`);
    return reply.send(buffer);
  });

  // Remote checklist (2.1.d): the office opens the mailed link without an account; the token is the credential.
  r.get(
    '/stocktake-checklists/:token',
    {
      schema: { tags, params: ChecklistParams, querystring: ChecklistQuery, response: { 200: ChecklistDto } },
      config: { guard: 'public' },
      onRequest: langFromQuery,
    },
    async (req) => getChecklist(req.server.deps.db, req.params.token),
  );
  r.post(
    '/stocktake-checklists/:token',
    {
      schema: { tags, params: ChecklistParams, querystring: ChecklistQuery, body: ChecklistAnswerInput, response: { 200: ChecklistAnswerResult } },
      config: { guard: 'public' },
      onRequest: langFromQuery,
    },
    async (req) => answerChecklist(req.server.deps.db, req.params.token, req.body, String(req.id)),
  );
}
