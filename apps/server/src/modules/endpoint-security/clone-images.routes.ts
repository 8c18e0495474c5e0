import {
  CloneImageCreateInput,
  CloneImageDto,
  CloneImageList,
  CloneImageListQuery,
  CloneImageUpdateInput,
  CloneImageUpdateRecordInput,
  IdParams,
} from '@unyo/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type Ctx, ctxOf } from '../../platform/http/context.ts';
import { expectedVersion, setEtag } from '../../platform/http/etag.ts';
import { findCloneImages } from './clone-images.repo.ts';
import { createCloneImage, findCloneImageDto, presentImage, recordCloneImageUpdate, updateCloneImage } from './clone-images.service.ts';

async function imageResponse(ctx: Ctx, id: string, reply: FastifyReply) {
  const dto = await findCloneImageDto(ctx, id);
  setEtag(reply, dto.version);
  return dto;
}

/** Clone-image register (3.3.1.k): master disks per model × OS × software set and their update history (S-4-5-1-1). */
export async function cloneImageRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['endpoint-security'];
  const read = { guard: 'endpoint-security.read', scope: 'site' } as const;
  const manage = { guard: 'endpoint-security.manage' } as const;

  r.get('/clone-images', { schema: { tags, querystring: CloneImageListQuery, response: { 200: CloneImageList } }, config: read }, async (req) => {
    const ctx = ctxOf(req);
    const page = await findCloneImages(ctx.db, req.query, ctx.actor);
    return { items: page.items.map((i) => presentImage(i, ctx.actor)), total: page.total, latestPlanPresentedOn: page.latest };
  });
  r.post('/clone-images', { schema: { tags, body: CloneImageCreateInput, response: { 201: CloneImageDto } }, config: manage }, async (req, reply) => {
    const ctx = ctxOf(req);
    const id = await createCloneImage(ctx, req.body);
    return reply.status(201).send(await imageResponse(ctx, id, reply));
  });
  r.get('/clone-images/:id', { schema: { tags, params: IdParams, response: { 200: CloneImageDto } }, config: read }, async (req, reply) =>
    imageResponse(ctxOf(req), req.params.id, reply),
  );
  r.patch(
    '/clone-images/:id',
    { schema: { tags, params: IdParams, body: CloneImageUpdateInput, response: { 200: CloneImageDto } }, config: manage },
    async (req, reply) => {
      const ctx = ctxOf(req);
      await updateCloneImage(ctx, req.params.id, req.body, expectedVersion(req));
      return imageResponse(ctx, req.params.id, reply);
    },
  );
  r.post(
    '/clone-images/:id/updates',
    { schema: { tags, params: IdParams, body: CloneImageUpdateRecordInput, response: { 201: CloneImageDto } }, config: manage },
    async (req, reply) => {
      const ctx = ctxOf(req);
      await recordCloneImageUpdate(ctx, req.params.id, req.body);
      return reply.status(201).send(await imageResponse(ctx, req.params.id, reply));
    },
  );
}
