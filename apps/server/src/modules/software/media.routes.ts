import {
  Id,
  IdParams,
  MediaLendInput,
  MediaLoanList,
  MediaShipmentCreateInput,
  type MediaShipmentDto,
  MediaShipmentListQuery,
  MediaShipmentPage,
  SoftwareMediaCreateInput,
  SoftwareMediaDto,
  SoftwareMediaListQuery,
  SoftwareMediaPage,
  SoftwareMediaUpdateInput,
} from '@unyo/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Actor, can } from '../../platform/auth/actor.ts';
import { abilitiesOf, type Policy } from '../../platform/authz/policy.ts';
import { type Ctx, ctxOf } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { expectedVersion, setEtag } from '../../platform/http/etag.ts';
import { iso, presentSiteRef } from '../org/org.presenter.ts';
import { findLoans, findMediaById, findMediaPage, findShipmentPage, type MediaWithRefs, type ShipmentWithRefs } from './media.repo.ts';
import { createMedia, lendMedia, recordShipment, returnMedia, updateMedia } from './media.service.ts';
import { dateIn } from './versions.ts';

export const mediaPolicy: Policy<MediaWithRefs> = {
  update: (a) => can(a, 'software-media.manage'),
  lend: (a, m) => can(a, 'software-media.manage') && !m.loan && !m.disposedAt,
  return: (a, m) => can(a, 'software-media.manage') && !!m.loan,
};

type LoanRow = {
  id: string;
  borrower: string;
  lentAt: string | Date;
  dueOn: string | null;
  returnedAt: string | Date | null;
  lentBy: string;
  note: string | null;
};

/** today: the date in the reporting time zone, the same one the overdue filter and the reminder sweep use. */
const presentLoan = (l: LoanRow, today: string) => ({
  id: l.id,
  borrower: l.borrower,
  lentAt: iso(l.lentAt)!,
  dueOn: l.dueOn,
  returnedAt: iso(l.returnedAt),
  lentBy: l.lentBy,
  note: l.note,
  overdue: !l.returnedAt && !!l.dueOn && l.dueOn < today,
});

const todayOf = (ctx: Ctx) => dateIn(new Date(), ctx.config.metrics.reportingTimeZone);

export function presentMedia(row: MediaWithRefs, actor: Actor, today: string): SoftwareMediaDto {
  return {
    id: row.id,
    itemNumber: row.itemNumber,
    kind: row.kind as SoftwareMediaDto['kind'],
    title: row.title,
    license: row.license,
    asset: row.asset,
    site: presentSiteRef(row.site),
    storageLocation: row.storageLocation,
    documentVersion: row.documentVersion,
    copies: row.copies,
    status: row.disposedAt ? 'disposed' : row.loan ? 'lent' : 'stored',
    loan: row.loan ? presentLoan(row.loan, today) : null,
    note: row.note,
    version: row.version,
    abilities: abilitiesOf(mediaPolicy, actor, row),
  };
}

const presentShipment = (s: ShipmentWithRefs): MediaShipmentDto => ({
  id: s.id,
  media: s.media,
  item: s.item,
  copies: s.copies,
  direction: s.direction as MediaShipmentDto['direction'],
  sender: s.sender,
  recipient: s.recipient,
  method: s.method as MediaShipmentDto['method'],
  shippedOn: s.shippedOn,
  site: presentSiteRef(s.site),
  note: s.note,
  createdAt: iso(s.createdAt)!,
});

async function mediaResponse(ctx: Ctx, id: string, reply?: FastifyReply) {
  const row = await findMediaById(ctx.db, id, ctx.actor);
  if (!row) throw notFound();
  if (reply) setEtag(reply, row.version);
  return presentMedia(row, ctx.actor, todayOf(ctx));
}

/** Certificates, media, manuals and documents (2.2.r, u) with loans, and shipments of copies (2.2.t). */
export async function mediaRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['software'];
  const read = { guard: 'software-media.read', scope: 'site' } as const;
  const manage = { guard: 'software-media.manage' } as const;

  r.get('/software-media', { schema: { tags, querystring: SoftwareMediaListQuery, response: { 200: SoftwareMediaPage } }, config: read }, async (req) => {
    const ctx = ctxOf(req);
    const today = todayOf(ctx);
    const page = await findMediaPage(ctx.db, req.query, ctx.actor, today);
    return { ...page, items: page.items.map((m) => presentMedia(m, ctx.actor, today)) };
  });
  r.get(
    '/software-media/shipments',
    { schema: { tags, querystring: MediaShipmentListQuery, response: { 200: MediaShipmentPage } }, config: read },
    async (req) => {
      const ctx = ctxOf(req);
      const page = await findShipmentPage(ctx.db, req.query, ctx.actor);
      return { ...page, items: page.items.map(presentShipment) };
    },
  );
  r.post(
    '/software-media/shipments',
    { schema: { tags, body: MediaShipmentCreateInput, response: { 201: z.object({ id: Id }) } }, config: manage },
    async (req, reply) => {
      const id = await recordShipment(ctxOf(req), req.body);
      return reply.status(201).send({ id });
    },
  );
  r.get('/software-media/:id', { schema: { tags, params: IdParams, response: { 200: SoftwareMediaDto } }, config: read }, async (req, reply) =>
    mediaResponse(ctxOf(req), req.params.id, reply),
  );
  r.get('/software-media/:id/loans', { schema: { tags, params: IdParams, response: { 200: MediaLoanList } }, config: read }, async (req) => {
    const ctx = ctxOf(req);
    if (!(await findMediaById(ctx.db, req.params.id, ctx.actor))) throw notFound();
    const today = todayOf(ctx);
    return { items: (await findLoans(ctx.db, req.params.id)).map((l) => presentLoan(l, today)) };
  });
  r.post('/software-media', { schema: { tags, body: SoftwareMediaCreateInput, response: { 201: SoftwareMediaDto } }, config: manage }, async (req, reply) => {
    const ctx = ctxOf(req);
    const id = await createMedia(ctx, req.body);
    return reply.status(201).send(await mediaResponse(ctx, id, reply));
  });
  r.patch(
    '/software-media/:id',
    { schema: { tags, params: IdParams, body: SoftwareMediaUpdateInput, response: { 200: SoftwareMediaDto } }, config: manage },
    async (req, reply) => {
      const ctx = ctxOf(req);
      await updateMedia(ctx, req.params.id, req.body, expectedVersion(req));
      return mediaResponse(ctx, req.params.id, reply);
    },
  );
  r.post(
    '/software-media/:id/lend',
    { schema: { tags, params: IdParams, body: MediaLendInput, response: { 200: SoftwareMediaDto } }, config: manage },
    async (req, reply) => {
      const ctx = ctxOf(req);
      await lendMedia(ctx, req.params.id, req.body);
      return mediaResponse(ctx, req.params.id, reply);
    },
  );
  r.post('/software-media/:id/return', { schema: { tags, params: IdParams, response: { 200: SoftwareMediaDto } }, config: manage }, async (req, reply) => {
    const ctx = ctxOf(req);
    await returnMedia(ctx, req.params.id);
    return mediaResponse(ctx, req.params.id, reply);
  });
}
