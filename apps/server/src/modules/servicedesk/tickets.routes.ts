import {
  IdParams,
  TicketCreateInput,
  TicketDto,
  TicketEscalationEndInput,
  TicketEscalationInput,
  TicketEventList,
  TicketListQuery,
  TicketNoResponseInput,
  TicketNoteInput,
  TicketPage,
  TicketReplyInput,
  TicketStatusInput,
  TicketUpdateInput,
} from '@unyo/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PgFileStore } from '../../platform/files/store.ts';
import { type Ctx, ctxOf } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { expectedVersion, setEtag } from '../../platform/http/etag.ts';
import { CalendarCache, computeClock, computeClocks } from './tickets.clock.ts';
import { findTicketExtras } from './tickets.extras.ts';
import { presentTicket, presentTicketEvent, presentTicketListItem } from './tickets.presenter.ts';
import { eventFileIds, findFileMetas, findTicketById, findTicketEvents, findTicketPage, type TicketWithRefs, ticketHasFile } from './tickets.repo.ts';
import {
  addTicketNote,
  changeTicketStatus,
  createTicket,
  endEscalation,
  replyToTicket,
  setNoResponse,
  startEscalation,
  updateTicket,
} from './tickets.service.ts';

const AttachmentParams = z.object({ id: z.uuid(), fileId: z.uuid() });

/** Tickets (inquiries) for operators: list, detail, timeline and the actions that append to it. */
export async function ticketRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['tickets'];
  const store = new PgFileStore();

  r.get(
    '/tickets',
    { schema: { tags, querystring: TicketListQuery, response: { 200: TicketPage } }, config: { guard: 'ticket.read', scope: 'site' } },
    async (req) => {
      const ctx = ctxOf(req);
      const now = new Date();
      const page = await findTicketPage(ctx.db, req.query, ctx.actor, now);
      const clocks = await computeClocks(new CalendarCache(ctx.db), page.items, now);
      return { ...page, items: page.items.map((t, i) => presentTicketListItem(t, clocks[i])) };
    },
  );
  const present = async (ctx: Ctx, row: TicketWithRefs, reply: FastifyReply) => {
    setEtag(reply, row.version);
    const calendar = await new CalendarCache(ctx.db).get(row.siteId);
    return presentTicket(row, computeClock(row, calendar, new Date()), ctx.actor, await findTicketExtras(ctx.db, row));
  };
  const ticketResponse = async (ctx: Ctx, id: string, reply: FastifyReply) => {
    const row = await findTicketById(ctx.db, id, ctx.actor);
    if (!row) throw notFound();
    return present(ctx, row, reply);
  };
  r.get(
    '/tickets/:id',
    { schema: { tags, params: IdParams, response: { 200: TicketDto } }, config: { guard: 'ticket.read', scope: 'site' } },
    async (req, reply) => ticketResponse(ctxOf(req), req.params.id, reply),
  );
  r.post('/tickets', { schema: { tags, body: TicketCreateInput, response: { 201: TicketDto } }, config: { guard: 'ticket.create' } }, async (req, reply) => {
    const ctx = ctxOf(req);
    const created = await createTicket(ctx, req.body);
    return reply.status(201).send(await present(ctx, created, reply));
  });
  r.patch(
    '/tickets/:id',
    { schema: { tags, params: IdParams, body: TicketUpdateInput, response: { 200: TicketDto } }, config: { guard: 'ticket.update' } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      await updateTicket(ctx, req.params.id, req.body, expectedVersion(req));
      return ticketResponse(ctx, req.params.id, reply);
    },
  );
  r.get(
    '/tickets/:id/events',
    { schema: { tags, params: IdParams, response: { 200: TicketEventList } }, config: { guard: 'ticket.read', scope: 'site' } },
    async (req) => {
      const ctx = ctxOf(req);
      if (!(await findTicketById(ctx.db, req.params.id, ctx.actor))) throw notFound();
      const events = await findTicketEvents(ctx.db, req.params.id);
      const metas = await findFileMetas(
        ctx.db,
        events.flatMap((e) => eventFileIds(e.data)),
      );
      return { items: events.map((e) => presentTicketEvent(e, metas)), total: events.length };
    },
  );

  // Actions: each appends to the timeline and answers with the updated ticket.
  const action = <S extends z.ZodType>(path: string, body: S, run: (ctx: Ctx, id: string, input: z.infer<S>) => Promise<void>) =>
    r.post(
      `/tickets/:id/${path}`,
      { schema: { tags, params: IdParams, body, response: { 200: TicketDto } }, config: { guard: 'ticket.update' } },
      async (req, reply) => {
        const ctx = ctxOf(req);
        await run(ctx, req.params.id, req.body as z.infer<S>);
        return ticketResponse(ctx, req.params.id, reply);
      },
    );
  action('reply', TicketReplyInput, replyToTicket);
  action('note', TicketNoteInput, addTicketNote);
  action('status', TicketStatusInput, changeTicketStatus);
  action('escalations', TicketEscalationInput, startEscalation);
  action('escalations/end', TicketEscalationEndInput, endEscalation);
  action('no-response', TicketNoResponseInput, setNoResponse);

  r.get(
    '/tickets/:id/attachments/:fileId',
    { schema: { tags, params: AttachmentParams }, config: { guard: 'ticket.read', scope: 'site' } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const { id, fileId } = req.params;
      if (!(await findTicketById(ctx.db, id, ctx.actor)) || !(await ticketHasFile(ctx.db, id, fileId, false))) throw notFound();
      return sendFile(reply, await store.get(ctx.db, fileId));
    },
  );
}

/** Downloads as an attachment with the stored type, never sniffed (the type was checked at upload). */
export function sendFile(reply: FastifyReply, f: { name: string; contentType: string; data: Buffer } | null) {
  if (!f) throw notFound();
  reply.header('content-type', f.contentType);
  reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`);
  reply.header('x-content-type-options', 'nosniff');
  return reply.send(f.data);
}
