import type { PortalReplyInput, PortalTicketCreateInput, PortalTicketDto, PortalTicketListQuery } from '@unyo/contracts';
import { and, asc, desc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { siteScope } from '../../platform/authz/scope.ts';
import { files } from '../../platform/files/files.table.ts';
import { auditCtx, type Ctx, inTransaction } from '../../platform/http/context.ts';
import { invalidField, notFound } from '../../platform/http/errors.ts';
import { afterCursor, decodeCursor, pageOf } from '../../platform/http/paging.ts';
import { people, sites } from '../org/org.table.ts';
import { findActiveCategory } from './ticket-categories.repo.ts';
import { appendTicketEvents, insertTicket, type NewTicketEvent } from './tickets.kernel.ts';
import { presentPortalEvent, presentPortalTicket } from './tickets.presenter.ts';
import { eventFileIds, findFileMetas, findTicketEvents, lockTicket, requesterCondition, withRefs } from './tickets.repo.ts';
import { assertAttachable, transitionError } from './tickets.service.ts';
import { ticketCategories, ticketEvents, tickets } from './tickets.table.ts';

/**
 * The requester portal (issue #6 item 6): a requester files inquiries and follows their own — those they filed
 * (requester_user_id) or that name them as the person (requester_person_id). Anything else is a 404, and only
 * public events are ever read.
 */

type Home = { personId: string | null; name: string; email: string | null; siteId: string | null };

async function homeOf(db: Db, actor: Actor): Promise<Home> {
  if (!actor.personId) return { personId: null, name: actor.displayName, email: actor.email, siteId: null };
  const [p] = await db
    .select({ id: people.id, name: people.nameKanji, email: people.email, siteId: people.siteId })
    .from(people)
    .where(eq(people.id, actor.personId));
  if (!p) return { personId: null, name: actor.displayName, email: actor.email, siteId: null };
  return { personId: p.id, name: p.name, email: p.email ?? actor.email, siteId: p.siteId };
}

/**
 * Sites a requester may file for: their person's site; without a person record, any active site — restricted to
 * the listed sites only for scope `sites`. The site of an inquiry says where help is needed, it is not a read
 * scope, so an `own` account that was never linked to a person can still ask (the desk links it later).
 */
export async function portalSites(db: Db, actor: Actor) {
  const home = await homeOf(db, actor);
  const rows = await db
    .select({ id: sites.id, code: sites.code, nameJa: sites.nameJa, nameEn: sites.nameEn })
    .from(sites)
    .where(home.siteId ? eq(sites.id, home.siteId) : and(eq(sites.active, true), actor.siteScope.kind === 'sites' ? siteScope(actor, sites.id) : undefined))
    .orderBy(asc(sites.code));
  return { items: rows, defaultSiteId: home.siteId };
}

async function findOwnTicket(db: Db, id: string, actor: Actor) {
  const [row] = await db
    .select({ id: tickets.id })
    .from(tickets)
    .where(and(eq(tickets.id, id), requesterCondition(actor)));
  return row ?? null;
}

export async function portalTicket(db: Db, id: string, actor: Actor): Promise<PortalTicketDto> {
  if (!(await findOwnTicket(db, id, actor))) throw notFound();
  const [row] = await db.select().from(tickets).where(eq(tickets.id, id));
  const [withRef] = await withRefs(db, [row]);
  const events = await findTicketEvents(db, id, { publicOnly: true });
  const metas = await findFileMetas(
    db,
    events.flatMap((e) => eventFileIds(e.data)),
  );
  const home = await homeOf(db, actor);
  return presentPortalTicket(
    withRef,
    events.map((e) => presentPortalEvent(e, metas, actor, { label: home.name, emails: [row.requesterEmail, home.email, actor.email] })),
    actor,
  );
}

const doneStatuses = ['resolved', 'closed'];

export async function portalTicketPage(db: Db, q: PortalTicketListQuery, actor: Actor) {
  const where = and(
    requesterCondition(actor),
    q.status === 'open' ? notInArray(tickets.status, doneStatuses) : q.status === 'done' ? inArray(tickets.status, doneStatuses) : undefined,
  );
  const cursor = decodeCursor(q.cursor);
  const [rows, [{ n }]] = await Promise.all([
    db
      .select({
        id: tickets.id,
        number: tickets.number,
        subject: tickets.subject,
        status: tickets.status,
        categoryId: tickets.categoryId,
        receivedAt: tickets.receivedAt,
        lastPublicAt: sql<string | null>`(select max(e.at) from ${ticketEvents} e where e.ticket_id = ${tickets.id} and e.visibility = 'public')`,
      })
      .from(tickets)
      .where(and(where, afterCursor(cursor, tickets.receivedAt, tickets.id, 'desc')))
      .orderBy(desc(tickets.receivedAt), desc(tickets.id))
      .limit(q.limit + 1),
    db.select({ n: sql<number>`count(*)::int` }).from(tickets).where(where),
  ]);
  const page = pageOf(rows, q.limit, (r) => ({ v: r.receivedAt.toISOString(), id: r.id }));
  const categoryIds = [...new Set(page.items.map((r) => r.categoryId).filter((x): x is string => !!x))];
  const categories = categoryIds.length
    ? await db
        .select({ id: ticketCategories.id, code: ticketCategories.code, nameJa: ticketCategories.nameJa, nameEn: ticketCategories.nameEn })
        .from(ticketCategories)
        .where(inArray(ticketCategories.id, categoryIds))
    : [];
  const byId = new Map(categories.map((c) => [c.id, c]));
  return {
    items: page.items.map((r) => ({
      id: r.id,
      number: r.number,
      subject: r.subject,
      status: r.status as PortalTicketDto['status'],
      category: r.categoryId ? (byId.get(r.categoryId) ?? null) : null,
      receivedAt: r.receivedAt.toISOString(),
      lastPublicAt: r.lastPublicAt ? new Date(r.lastPublicAt).toISOString() : null,
    })),
    nextCursor: page.nextCursor,
    total: n,
  };
}

export async function createPortalTicket(ctx: Ctx, input: PortalTicketCreateInput): Promise<string> {
  return inTransaction(ctx.db, async ({ tx }) => {
    const home = await homeOf(tx, ctx.actor);
    let siteId = home.siteId;
    if (!siteId) {
      if (!input.siteId) throw invalidField('siteId', 'error.required');
      const { items } = await portalSites(tx, ctx.actor);
      if (!items.some((s) => s.id === input.siteId)) throw invalidField('siteId', 'error.unknown_reference');
      siteId = input.siteId;
    }
    if (input.categoryId && !(await findActiveCategory(tx, input.categoryId))) throw invalidField('categoryId', 'error.unknown_reference');
    const fileIds = await assertAttachable(tx, ctx.actor, input.attachmentFileIds, 'attachmentFileIds', { ticketId: null, publicOnly: true });
    const more: NewTicketEvent[] = fileIds.length ? [{ type: 'attachment_added', visibility: 'public', data: { fileIds }, actorLabel: home.name }] : [];
    const ticket = await insertTicket(
      tx,
      auditCtx(ctx),
      {
        channel: 'portal',
        // A requester writes in the language of their portal unless they say otherwise.
        language: input.language ?? ctx.actor.locale,
        requesterPersonId: home.personId,
        requesterUserId: ctx.actor.userId,
        requesterName: home.name,
        requesterEmail: home.email,
        siteId,
        categoryId: input.categoryId ?? null,
        subject: input.subject,
        description: input.description,
        receivedAt: new Date(),
      },
      more,
    );
    return ticket.id;
  });
}

async function onOwnTicket(ctx: Ctx, id: string, fn: (row: NonNullable<Awaited<ReturnType<typeof lockTicket>>>, tx: Db) => Promise<void>) {
  await inTransaction(ctx.db, async ({ tx }) => {
    if (!(await findOwnTicket(tx, id, ctx.actor))) throw notFound();
    const row = await lockTicket(tx, id, null);
    if (!row) throw notFound();
    await fn(row, tx);
  });
}

/**
 * The requester writes back. On a resolved ticket that means the answer did not settle it: the ticket reopens.
 * While the desk waits for the requester, their answer puts it back into work.
 */
export async function replyAsRequester(ctx: Ctx, id: string, input: PortalReplyInput): Promise<void> {
  await onOwnTicket(ctx, id, async (row, tx) => {
    if (row.status === 'closed') throw transitionError();
    const fileIds = await assertAttachable(tx, ctx.actor, input.attachmentFileIds, 'attachmentFileIds', { ticketId: id, publicOnly: true });
    const home = await homeOf(tx, ctx.actor);
    const events: NewTicketEvent[] = [{ type: 'requester_reply', body: input.body, data: fileIds.length ? { fileIds } : {}, actorLabel: home.name }];
    const to = row.status === 'resolved' ? 'reopened' : row.status === 'waiting' ? 'in_progress' : null;
    if (to) events.push({ type: 'status_changed', data: { from: row.status, to, byRequester: true }, actorLabel: home.name });
    await appendTicketEvents(tx, auditCtx(ctx), id, events);
  });
}

/** The requester confirms the resolution. */
export async function closeAsRequester(ctx: Ctx, id: string): Promise<void> {
  await onOwnTicket(ctx, id, async (row, tx) => {
    if (row.status !== 'resolved') throw transitionError();
    const home = await homeOf(tx, ctx.actor);
    await appendTicketEvents(tx, auditCtx(ctx), id, [
      { type: 'status_changed', data: { from: 'resolved', to: 'closed', byRequester: true }, actorLabel: home.name },
    ]);
  });
}

/** A file attached to a public event of the requester's own ticket. */
export async function portalAttachmentAllowed(db: Db, id: string, actor: Actor): Promise<boolean> {
  return !!(await findOwnTicket(db, id, actor));
}

/** Portal uploads of a user in the last 24 hours (the per-user quota of /portal/files; index files_created_by_idx). */
export async function portalUploadsToday(db: Db, userId: string): Promise<number> {
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(files)
    .where(and(eq(files.createdBy, userId), eq(files.purpose, 'ticket-attachment'), sql`${files.createdAt} > now() - interval '24 hours'`));
  return n;
}
