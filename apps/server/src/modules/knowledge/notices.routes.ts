import { IdParams, NoticeDto, NoticeInput, NoticeListQuery, NoticePage, PortalNoticeList, PortalNoticeQuery } from '@unyo/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type Ctx, ctxOf } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { expectedVersion, setEtag } from '../../platform/http/etag.ts';
import { presentNotice, presentPortalNotice } from './notices.presenter.ts';
import { findCurrentNoticesForSite, findNoticeById, findNoticePage, findPersonSiteId } from './notices.repo.ts';
import { createNotice, requestBroadcast, updateNotice } from './notices.service.ts';

async function noticeResponse(ctx: Ctx, id: string) {
  const row = await findNoticeById(ctx.db, id, ctx.actor);
  if (!row) throw notFound();
  return presentNotice(row, ctx.actor);
}

export async function noticeRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['notices'];

  r.get(
    '/notices',
    { schema: { tags, querystring: NoticeListQuery, response: { 200: NoticePage } }, config: { guard: 'notice.read', scope: 'site' } },
    async (req) => {
      const ctx = ctxOf(req);
      const page = await findNoticePage(ctx.db, req.query, ctx.actor);
      return { ...page, items: page.items.map((n) => presentNotice(n, ctx.actor)) };
    },
  );
  r.get(
    '/notices/:id',
    { schema: { tags, params: IdParams, response: { 200: NoticeDto } }, config: { guard: 'notice.read', scope: 'site' } },
    async (req, reply) => {
      const dto = await noticeResponse(ctxOf(req), req.params.id);
      setEtag(reply, dto.version);
      return dto;
    },
  );
  r.post('/notices', { schema: { tags, body: NoticeInput, response: { 201: NoticeDto } }, config: { guard: 'notice.manage' } }, async (req, reply) => {
    const ctx = ctxOf(req);
    const dto = await noticeResponse(ctx, await createNotice(ctx, req.body));
    setEtag(reply, dto.version);
    return reply.status(201).send(dto);
  });
  r.patch(
    '/notices/:id',
    { schema: { tags, params: IdParams, body: NoticeInput, response: { 200: NoticeDto } }, config: { guard: 'notice.manage' } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      await updateNotice(ctx, req.params.id, req.body, expectedVersion(req));
      const dto = await noticeResponse(ctx, req.params.id);
      setEtag(reply, dto.version);
      return dto;
    },
  );
  // Idempotent: a notice is mailed once; repeating the request returns the progress.
  r.post('/notices/:id/broadcast', { schema: { tags, params: IdParams, response: { 200: NoticeDto } }, config: { guard: 'notice.manage' } }, async (req) => {
    const ctx = ctxOf(req);
    await requestBroadcast(ctx, req.params.id);
    return noticeResponse(ctx, req.params.id);
  });

  r.get(
    '/portal/notices',
    { schema: { tags, querystring: PortalNoticeQuery, response: { 200: PortalNoticeList } }, config: { guard: 'portal.use', scope: 'self' } },
    async (req) => {
      const ctx = ctxOf(req);
      const lang = req.query.lang ?? ctx.locale;
      const siteId = await findPersonSiteId(ctx.db, ctx.actor.personId);
      const rows = await findCurrentNoticesForSite(ctx.db, siteId, new Date());
      return { items: rows.map((n) => presentPortalNotice(n, lang)) };
    },
  );
}
