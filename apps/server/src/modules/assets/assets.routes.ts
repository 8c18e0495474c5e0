import {
  HardwareAssetBulkUpdateInput,
  HardwareAssetBulkUpdateResult,
  HardwareAssetCount,
  HardwareAssetCreateInput,
  HardwareAssetDto,
  HardwareAssetFilter,
  HardwareAssetListQuery,
  HardwareAssetPage,
  HardwareAssetUpdateInput,
  IdParams,
} from '@unyo/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type Ctx, ctxOf } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { expectedVersion, setEtag } from '../../platform/http/etag.ts';
import { presentAsset, presentAssetListItem } from './assets.presenter.ts';
import { countAssets, findAssetById, findAssetPage } from './assets.repo.ts';
import { bulkUpdateAssets, createAsset, deleteAsset, updateAsset } from './assets.service.ts';

/** The hardware asset ledger (2.1.a): domestic and overseas records in one entity. */
export async function assetRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['assets'];

  r.get(
    '/hardware-assets',
    { schema: { tags, querystring: HardwareAssetListQuery, response: { 200: HardwareAssetPage } }, config: { guard: 'asset.read', scope: 'site' } },
    async (req) => {
      const ctx = ctxOf(req);
      const page = await findAssetPage(ctx.db, req.query, ctx.actor);
      return { ...page, items: page.items.map((a) => presentAssetListItem(a, ctx.actor)) };
    },
  );
  r.get(
    '/hardware-assets/count',
    { schema: { tags, querystring: HardwareAssetFilter, response: { 200: HardwareAssetCount } }, config: { guard: 'asset.read', scope: 'site' } },
    async (req) => {
      const ctx = ctxOf(req);
      return { total: await countAssets(ctx.db, req.query, ctx.actor) };
    },
  );
  const assetResponse = async (ctx: Ctx, id: string, reply: FastifyReply) => {
    const row = await findAssetById(ctx.db, id, ctx.actor);
    if (!row) throw notFound();
    setEtag(reply, row.version);
    return presentAsset(row, ctx.actor);
  };
  r.get(
    '/hardware-assets/:id',
    { schema: { tags, params: IdParams, response: { 200: HardwareAssetDto } }, config: { guard: 'asset.read', scope: 'site' } },
    async (req, reply) => assetResponse(ctxOf(req), req.params.id, reply),
  );
  r.post(
    '/hardware-assets',
    { schema: { tags, body: HardwareAssetCreateInput, response: { 201: HardwareAssetDto } }, config: { guard: 'asset.create' } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const id = await createAsset(ctx, req.body);
      return reply.status(201).send(await assetResponse(ctx, id, reply));
    },
  );
  r.patch(
    '/hardware-assets/:id',
    { schema: { tags, params: IdParams, body: HardwareAssetUpdateInput, response: { 200: HardwareAssetDto } }, config: { guard: 'asset.update' } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      await updateAsset(ctx, req.params.id, req.body, expectedVersion(req));
      return assetResponse(ctx, req.params.id, reply);
    },
  );
  r.delete('/hardware-assets/:id', { schema: { tags, params: IdParams }, config: { guard: 'asset.delete' } }, async (req, reply) => {
    await deleteAsset(ctxOf(req), req.params.id);
    return reply.status(204).send();
  });
  r.post(
    '/hardware-assets/bulk-update',
    { schema: { tags, body: HardwareAssetBulkUpdateInput, response: { 200: HardwareAssetBulkUpdateResult } }, config: { guard: 'asset.update' } },
    async (req) => bulkUpdateAssets(ctxOf(req), req.body),
  );
}
