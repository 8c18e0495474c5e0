import {
  FileDto,
  IdParams,
  PortalReplyInput,
  PortalSiteList,
  PortalTicketCreateInput,
  PortalTicketDto,
  PortalTicketListQuery,
  PortalTicketPage,
} from '@unyo/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { checkContent, PgFileStore } from '../../platform/files/store.ts';
import { auditCtx, ctxOf, inTransaction } from '../../platform/http/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import {
  closeAsRequester,
  createPortalTicket,
  portalAttachmentAllowed,
  portalSites,
  portalTicket,
  portalTicketPage,
  portalUploadsToday,
  replyAsRequester,
} from './portal-tickets.service.ts';
import { ticketHasFile } from './tickets.repo.ts';
import { sendFile } from './tickets.routes.ts';

const AttachmentParams = z.object({ id: z.uuid(), fileId: z.uuid() });

/** The requester portal (issue #6 item 6): own tickets only, public events only. */
export async function portalTicketRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['portal'];
  const guard = { guard: 'portal.use', scope: 'self' } as const;
  const store = new PgFileStore();

  r.get('/portal/tickets', { schema: { tags, querystring: PortalTicketListQuery, response: { 200: PortalTicketPage } }, config: guard }, async (req) => {
    const ctx = ctxOf(req);
    return portalTicketPage(ctx.db, req.query, ctx.actor);
  });
  r.get('/portal/tickets/:id', { schema: { tags, params: IdParams, response: { 200: PortalTicketDto } }, config: guard }, async (req) => {
    const ctx = ctxOf(req);
    return portalTicket(ctx.db, req.params.id, ctx.actor);
  });
  r.post('/portal/tickets', { schema: { tags, body: PortalTicketCreateInput, response: { 201: PortalTicketDto } }, config: guard }, async (req, reply) => {
    const ctx = ctxOf(req);
    const id = await createPortalTicket(ctx, req.body);
    return reply.status(201).send(await portalTicket(ctx.db, id, ctx.actor));
  });
  r.post(
    '/portal/tickets/:id/reply',
    { schema: { tags, params: IdParams, body: PortalReplyInput, response: { 200: PortalTicketDto } }, config: guard },
    async (req) => {
      const ctx = ctxOf(req);
      await replyAsRequester(ctx, req.params.id, req.body);
      return portalTicket(ctx.db, req.params.id, ctx.actor);
    },
  );
  r.post('/portal/tickets/:id/close', { schema: { tags, params: IdParams, response: { 200: PortalTicketDto } }, config: guard }, async (req) => {
    const ctx = ctxOf(req);
    await closeAsRequester(ctx, req.params.id);
    return portalTicket(ctx.db, req.params.id, ctx.actor);
  });
  r.get('/portal/sites', { schema: { tags, response: { 200: PortalSiteList } }, config: guard }, async (req) => {
    const ctx = ctxOf(req);
    return portalSites(ctx.db, ctx.actor);
  });
  r.get('/portal/tickets/:id/attachments/:fileId', { schema: { tags, params: AttachmentParams }, config: guard }, async (req, reply) => {
    const ctx = ctxOf(req);
    const { id, fileId } = req.params;
    if (!(await portalAttachmentAllowed(ctx.db, id, ctx.actor)) || !(await ticketHasFile(ctx.db, id, fileId, true))) throw notFound();
    return sendFile(reply, await store.get(ctx.db, fileId));
  });

  // Requesters have no file.create: the portal takes their attachments itself, with the same checks as /files.
  r.post('/portal/files', { schema: { tags, response: { 201: FileDto } }, config: guard }, async (req, reply) => {
    const ctx = ctxOf(req);
    if (!req.isMultipart()) throw new AppError(415, 'problem.unsupported_media_type');
    if ((await portalUploadsToday(ctx.db, ctx.actor.userId)) >= ctx.config.portalUploadsPerDay) {
      throw new AppError(429, 'problem.too_many_requests', [{ path: 'file', key: 'error.upload_quota' }], { 'retry-after': '3600' });
    }
    const part = await req.file({ limits: { fileSize: ctx.config.files.maxBytes } });
    if (!part) throw new AppError(422, 'problem.validation', [{ path: 'file', key: 'error.required' }]);
    const data = await part.toBuffer();
    if (part.file.truncated) throw new AppError(413, 'problem.payload_too_large');
    const contentType = checkContent(part.mimetype, data, ctx.config.files.maxBytes);
    const f = await inTransaction(ctx.db, async ({ tx }) => {
      const stored = await store.put(tx, { name: part.filename, contentType, data, purpose: 'ticket-attachment', createdBy: ctx.actor.userId });
      await writeAudit(tx, auditCtx(ctx), {
        action: 'file.uploaded',
        entityType: 'file',
        entityId: stored.id,
        after: { name: stored.name, size: stored.size },
      });
      return stored;
    });
    return reply.status(201).send({ ...f, createdAt: new Date(f.createdAt).toISOString() });
  });
}
