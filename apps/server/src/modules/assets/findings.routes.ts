import {
  AssetFindingCloseInput,
  AssetFindingDto,
  AssetFindingExportQuery,
  AssetFindingListQuery,
  AssetFindingPage,
  AssetFindingRunResult,
  IdParams,
} from '@unyo/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { exportFindings } from './findings.export.ts';
import { presentFinding } from './findings.presenter.ts';
import { findFindingById, findFindingPage, visibleAssetNumbers } from './findings.repo.ts';
import { closeFinding, runFindingsNow } from './findings.service.ts';

export async function findingsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['assets'];

  r.get(
    '/asset-findings',
    { schema: { tags, querystring: AssetFindingListQuery, response: { 200: AssetFindingPage } }, config: { guard: 'asset-finding.read', scope: 'site' } },
    async (req) => {
      const ctx = ctxOf(req);
      const page = await findFindingPage(ctx.db, req.query, ctx.actor);
      const visible = await visibleAssetNumbers(ctx.db, page.items, ctx.actor);
      return { ...page, items: page.items.map((f) => presentFinding(f, ctx.actor, visible)) };
    },
  );
  r.get(
    '/asset-findings/export',
    { schema: { tags, querystring: AssetFindingExportQuery }, config: { guard: 'asset-finding.read', scope: 'site' } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const file = exportFindings(ctx.db, ctx.actor, req.query);
      reply.header('content-type', file.contentType);
      reply.header('content-disposition', `attachment; filename="${file.fileName}"`);
      reply.header('cache-control', 'no-store');
      return reply.send(file.stream);
    },
  );
  r.post('/asset-findings/run', { schema: { tags, response: { 200: AssetFindingRunResult } }, config: { guard: 'asset-finding.update' } }, async (req) =>
    runFindingsNow(ctxOf(req)),
  );
  for (const action of ['resolve', 'acknowledge'] as const) {
    r.post(
      `/asset-findings/:id/${action}`,
      { schema: { tags, params: IdParams, body: AssetFindingCloseInput, response: { 200: AssetFindingDto } }, config: { guard: 'asset-finding.update' } },
      async (req) => {
        const ctx = ctxOf(req);
        await closeFinding(ctx, req.params.id, action, req.body);
        const row = await findFindingById(ctx.db, req.params.id, ctx.actor);
        if (!row) throw notFound();
        return presentFinding(row, ctx.actor, await visibleAssetNumbers(ctx.db, [row], ctx.actor));
      },
    );
  }
}
