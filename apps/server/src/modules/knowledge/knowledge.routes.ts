import {
  IdParams,
  KbArticleDto,
  KbArticleInput,
  KbArticleListQuery,
  KbArticlePage,
  KbImageParams,
  KbSuggestQuery,
  KbSuggestResult,
  KbVersionDto,
  KbVersionParams,
  KbVersionSummaryDto,
} from '@unyo/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can } from '../../platform/auth/actor.ts';
import { PgFileStore } from '../../platform/files/store.ts';
import { type Ctx, ctxOf } from '../../platform/http/context.ts';
import { forbidden, notFound } from '../../platform/http/errors.ts';
import { expectedVersion, setEtag } from '../../platform/http/etag.ts';
import { presentArticle, presentArticleSummary, presentVersion, presentVersionSummary } from './knowledge.presenter.ts';
import { findArticleById, findArticlePage, findScreenshotFiles, findSuggestions, findVersion, findVersions, isArticleImage } from './knowledge.repo.ts';
import { significantTerms } from './knowledge.search.ts';
import { createArticle, restoreArticleVersion, updateArticle } from './knowledge.service.ts';

/**
 * Reading the knowledge base serves two audiences through one API: operators (kb.read, every article) and
 * requesters (portal.use, published articles only). The guard is therefore `authenticated` and the audience check
 * is here; the repo narrows the rows in SQL.
 */
function readerCtx(req: FastifyRequest): Ctx {
  const ctx = ctxOf(req);
  if (!can(ctx.actor, 'kb.read') && !can(ctx.actor, 'portal.use')) throw forbidden();
  return ctx;
}

async function articleResponse(ctx: Ctx, id: string) {
  const row = await findArticleById(ctx.db, id, ctx.actor);
  if (!row) throw notFound();
  return presentArticle(row, await findScreenshotFiles(ctx.db, row.screenshotFileIds), ctx.actor);
}

const store = new PgFileStore();

export async function knowledgeRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['knowledge'];

  r.get(
    '/kb/articles',
    { schema: { tags, querystring: KbArticleListQuery, response: { 200: KbArticlePage } }, config: { guard: 'authenticated' } },
    async (req) => {
      const ctx = readerCtx(req);
      const lang = req.query.lang ?? ctx.locale;
      const page = await findArticlePage(ctx.db, req.query, ctx.actor, lang);
      return { ...page, items: page.items.map((a) => presentArticleSummary(a, lang)) };
    },
  );
  r.get('/kb/suggest', { schema: { tags, querystring: KbSuggestQuery, response: { 200: KbSuggestResult } }, config: { guard: 'portal.use' } }, async (req) => {
    const ctx = ctxOf(req);
    const lang = req.query.lang ?? ctx.locale;
    const terms = significantTerms(req.query.text);
    const rows = await findSuggestions(ctx.db, terms, ctx.actor, lang, req.query.limit);
    return { terms, items: rows.map((a) => presentArticleSummary(a, lang)) };
  });
  r.get('/kb/articles/:id', { schema: { tags, params: IdParams, response: { 200: KbArticleDto } }, config: { guard: 'authenticated' } }, async (req, reply) => {
    const dto = await articleResponse(readerCtx(req), req.params.id);
    setEtag(reply, dto.version);
    return dto;
  });
  // Screenshots are served through their article so requesters can see them without file.read, and only while
  // the article is visible to them (operators may also view images of earlier versions).
  r.get('/kb/articles/:id/images/:fileId', { schema: { tags, params: KbImageParams }, config: { guard: 'authenticated' } }, async (req, reply) => {
    const ctx = readerCtx(req);
    const row = await findArticleById(ctx.db, req.params.id, ctx.actor);
    if (!row) throw notFound();
    const attached =
      row.screenshotFileIds.includes(req.params.fileId) || (can(ctx.actor, 'kb.read') && (await isArticleImage(ctx.db, row.id, req.params.fileId)));
    const f = attached ? await store.get(ctx.db, req.params.fileId) : null;
    if (!f?.contentType.startsWith('image/')) throw notFound();
    reply.header('content-type', f.contentType);
    reply.header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(f.name)}`);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('cache-control', 'private, max-age=3600');
    return reply.send(f.data);
  });
  r.post('/kb/articles', { schema: { tags, body: KbArticleInput, response: { 201: KbArticleDto } }, config: { guard: 'kb.manage' } }, async (req, reply) => {
    const ctx = ctxOf(req);
    const id = await createArticle(ctx, req.body);
    const dto = await articleResponse(ctx, id);
    setEtag(reply, dto.version);
    return reply.status(201).send(dto);
  });
  r.patch(
    '/kb/articles/:id',
    { schema: { tags, params: IdParams, body: KbArticleInput, response: { 200: KbArticleDto } }, config: { guard: 'kb.manage' } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      await updateArticle(ctx, req.params.id, req.body, expectedVersion(req));
      const dto = await articleResponse(ctx, req.params.id);
      setEtag(reply, dto.version);
      return dto;
    },
  );
  r.get(
    '/kb/articles/:id/versions',
    { schema: { tags, params: IdParams, response: { 200: z.object({ items: z.array(KbVersionSummaryDto) }) } }, config: { guard: 'kb.read' } },
    async (req) => {
      const ctx = ctxOf(req);
      if (!(await findArticleById(ctx.db, req.params.id, ctx.actor))) throw notFound();
      return { items: (await findVersions(ctx.db, req.params.id)).map(presentVersionSummary) };
    },
  );
  r.get(
    '/kb/articles/:id/versions/:number',
    { schema: { tags, params: KbVersionParams, response: { 200: KbVersionDto } }, config: { guard: 'kb.read' } },
    async (req) => {
      const ctx = ctxOf(req);
      const v = await findVersion(ctx.db, req.params.id, req.params.number);
      if (!v) throw notFound();
      return presentVersion(v);
    },
  );
  r.post(
    '/kb/articles/:id/versions/:number/restore',
    { schema: { tags, params: KbVersionParams, response: { 200: KbArticleDto } }, config: { guard: 'kb.manage' } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      await restoreArticleVersion(ctx, req.params.id, req.params.number, expectedVersion(req));
      const dto = await articleResponse(ctx, req.params.id);
      setEtag(reply, dto.version);
      return dto;
    },
  );
}
