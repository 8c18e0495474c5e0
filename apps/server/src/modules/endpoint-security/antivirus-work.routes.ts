import { AntivirusWorkCreateInput, AntivirusWorkDto, AntivirusWorkExportQuery, AntivirusWorkList, AntivirusWorkListQuery, IdParams } from '@unyo/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ledgerIoRoutes } from '../../platform/files/ledger-io.routes.ts';
import { ctxOf } from '../../platform/http/context.ts';
import { antivirusDistributionIo } from './antivirus-work.io.ts';
import { findAntivirusWork } from './antivirus-work.repo.ts';
import { createAntivirusWork, deleteAntivirusWork, findAntivirusWorkDto, presentWork } from './antivirus-work.service.ts';

/** Antivirus work records (3.1.1.v, 3.1.1.x, 3.3.1.l): upgrades, patches, manual fixes and distribution jobs. */
export async function antivirusWorkRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['endpoint-security'];
  const manage = { guard: 'antivirus-work.manage' } as const;

  r.get(
    '/antivirus/work-records',
    { schema: { tags, querystring: AntivirusWorkListQuery, response: { 200: AntivirusWorkList } }, config: { guard: 'antivirus-work.read', scope: 'site' } },
    async (req) => {
      const ctx = ctxOf(req);
      const page = await findAntivirusWork(ctx.db, req.query, ctx.actor, ctx.config.metrics.reportingTimeZone);
      return { items: page.items.map((w) => presentWork(w, ctx.actor)), total: page.total };
    },
  );
  r.post(
    '/antivirus/work-records',
    { schema: { tags, body: AntivirusWorkCreateInput, response: { 201: AntivirusWorkDto } }, config: manage },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const id = await createAntivirusWork(ctx, req.body);
      return reply.status(201).send(await findAntivirusWorkDto(ctx, id));
    },
  );
  r.delete('/antivirus/work-records/:id', { schema: { tags, params: IdParams }, config: manage }, async (req, reply) => {
    await deleteAntivirusWork(ctxOf(req), req.params.id);
    return reply.status(204).send();
  });

  await app.register(
    ledgerIoRoutes({
      io: antivirusDistributionIo,
      guards: { import: 'antivirus-work.import', export: 'antivirus-work.read' },
      exportQuery: AntivirusWorkExportQuery,
      tags,
    }),
  );
}
