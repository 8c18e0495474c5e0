import {
  Id,
  IdParams,
  MovementCreateInput,
  MovementList,
  PortCreateInput,
  PortList,
  PortUpdateInput,
  RepairCreateInput,
  RepairList,
  RepairUpdateInput,
  TimelineList,
  WorkLogCreateInput,
  WorkLogList,
} from '@unyo/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { expectedVersion } from '../../platform/http/etag.ts';
import { findAssetById } from './assets.repo.ts';
import { presentMovement, presentPort, presentRepair, presentWorkLog } from './assets-history.presenter.ts';
import { findMovements, findPorts, findRepairs, findWorkLogs } from './assets-history.repo.ts';
import { addPort, addRepair, addWorkLog, assetTimeline, deletePort, recordMovement, updatePort, updateRepair } from './assets-history.service.ts';

const RepairParams = z.object({ id: Id, repairId: Id });
const PortParams = z.object({ id: Id, portId: Id });
const Created = z.object({ id: Id });

/** Per-asset history: movements (2.1.h), repairs (2.1.a), work logs (3.1.1.i, 3.4.1.c), ports (3.4.1.a), timeline. */
export async function assetHistoryRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['assets'];
  const read = { guard: 'asset.read', scope: 'site' } as const;
  const write = { guard: 'asset.update' } as const;

  /** The asset must be visible before any of its history is listed. */
  const visible = async (req: Parameters<typeof ctxOf>[0], id: string) => {
    const ctx = ctxOf(req);
    if (!(await findAssetById(ctx.db, id, ctx.actor))) throw notFound();
    return ctx;
  };

  r.get('/hardware-assets/:id/movements', { schema: { tags, params: IdParams, response: { 200: MovementList } }, config: read }, async (req) => {
    const ctx = await visible(req, req.params.id);
    const items = (await findMovements(ctx.db, req.params.id)).map(presentMovement);
    return { items, total: items.length };
  });
  r.post(
    '/hardware-assets/:id/movements',
    { schema: { tags, params: IdParams, body: MovementCreateInput, response: { 201: Created } }, config: write },
    async (req, reply) => reply.status(201).send({ id: await recordMovement(ctxOf(req), req.params.id, req.body) }),
  );

  r.get('/hardware-assets/:id/repairs', { schema: { tags, params: IdParams, response: { 200: RepairList } }, config: read }, async (req) => {
    const ctx = await visible(req, req.params.id);
    const items = (await findRepairs(ctx.db, req.params.id)).map(presentRepair);
    return { items, total: items.length };
  });
  r.post(
    '/hardware-assets/:id/repairs',
    { schema: { tags, params: IdParams, body: RepairCreateInput, response: { 201: Created } }, config: write },
    async (req, reply) => reply.status(201).send({ id: await addRepair(ctxOf(req), req.params.id, req.body) }),
  );
  r.patch(
    '/hardware-assets/:id/repairs/:repairId',
    { schema: { tags, params: RepairParams, body: RepairUpdateInput, response: { 200: Created } }, config: write },
    async (req) => ({ id: await updateRepair(ctxOf(req), req.params.id, req.params.repairId, req.body, expectedVersion(req)) }),
  );

  r.get('/hardware-assets/:id/work-logs', { schema: { tags, params: IdParams, response: { 200: WorkLogList } }, config: read }, async (req) => {
    const ctx = await visible(req, req.params.id);
    const items = (await findWorkLogs(ctx.db, req.params.id)).map(presentWorkLog);
    return { items, total: items.length };
  });
  r.post(
    '/hardware-assets/:id/work-logs',
    { schema: { tags, params: IdParams, body: WorkLogCreateInput, response: { 201: Created } }, config: write },
    async (req, reply) => reply.status(201).send({ id: await addWorkLog(ctxOf(req), req.params.id, req.body) }),
  );

  r.get('/hardware-assets/:id/ports', { schema: { tags, params: IdParams, response: { 200: PortList } }, config: read }, async (req) => {
    const ctx = await visible(req, req.params.id);
    const items = (await findPorts(ctx.db, req.params.id, ctx.actor)).map(presentPort);
    return { items, total: items.length };
  });
  r.post(
    '/hardware-assets/:id/ports',
    { schema: { tags, params: IdParams, body: PortCreateInput, response: { 201: Created } }, config: write },
    async (req, reply) => reply.status(201).send({ id: await addPort(ctxOf(req), req.params.id, req.body) }),
  );
  r.patch(
    '/hardware-assets/:id/ports/:portId',
    { schema: { tags, params: PortParams, body: PortUpdateInput, response: { 200: Created } }, config: write },
    async (req) => ({ id: await updatePort(ctxOf(req), req.params.id, req.params.portId, req.body, expectedVersion(req)) }),
  );
  r.delete('/hardware-assets/:id/ports/:portId', { schema: { tags, params: PortParams }, config: write }, async (req, reply) => {
    await deletePort(ctxOf(req), req.params.id, req.params.portId);
    return reply.status(204).send();
  });

  r.get('/hardware-assets/:id/timeline', { schema: { tags, params: IdParams, response: { 200: TimelineList } }, config: read }, async (req) => {
    const ctx = ctxOf(req);
    return { items: await assetTimeline(ctx.db, ctx, req.params.id) };
  });
}
