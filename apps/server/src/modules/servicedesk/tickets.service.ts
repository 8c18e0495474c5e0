import type {
  TicketCreateInput,
  TicketEscalationEndInput,
  TicketEscalationInput,
  TicketNoResponseInput,
  TicketNoteInput,
  TicketReplyInput,
  TicketStatus,
  TicketStatusInput,
  TicketUpdateInput,
} from '@unyo/contracts';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type Actor, can, canSeeSite } from '../../platform/auth/actor.ts';
import { files } from '../../platform/files/files.table.ts';
import { auditCtx, type Ctx, inTransaction, type TxScope } from '../../platform/http/context.ts';
import { AppError, invalidField, notFound, preconditionFailed } from '../../platform/http/errors.ts';
import { users } from '../access/access.table.ts';
import { actorOf } from '../access/auth.service.ts';
import { findPersonById } from '../org/people.repo.ts';
import { findSiteWithCalendar } from '../org/site-calendars.service.ts';
import { findSiteById } from '../org/sites.repo.ts';
import { queueTicketReplyMail } from './mail-outbound.ts';
import { findActiveCategory } from './ticket-categories.repo.ts';
import { checkDetails, detailsAfterCategoryChange, type Resolution, resolutionFor } from './tickets.extras.ts';
import { appendTicketEvents, firstAnswerDueAt, firstAnswerDueOn, formatTicketNumber, insertTicket, type NewTicketEvent } from './tickets.kernel.ts';
import { canTransition, isOpen, requesterWrote } from './tickets.policy.ts';
import { lockTicket, type TicketWithRefs, ticketHasFile, withRefs } from './tickets.repo.ts';
import type { TicketRow } from './tickets.table.ts';

/** Operator use cases on tickets. Every write goes through the kernel, which derives and audits. */

export const transitionError = () => new AppError(409, 'problem.ticket_transition');

/**
 * Attachments are files uploaded first (POST /files) and then named on an event. The files table also holds
 * imports, exports and other tickets' mail, so what an event may name depends on who will see it:
 * - an internal note: files the actor may read (the same rule as GET /files/:id);
 * - a public event (reply, portal): only files the actor uploaded, or files already on this ticket (an inbound
 *   mail's attachment sent back) — `publicOnly` for requesters, who never see internal files. A full-scope reader
 *   cannot publish an arbitrary file by pasting its id.
 */
export type AttachRule = { ticketId: string | null; publicOnly: boolean } | 'internal';

export async function assertAttachable(db: Db, actor: Actor, ids: readonly string[] | undefined, path: string, rule: AttachRule): Promise<string[]> {
  if (!ids || ids.length === 0) return [];
  const rows = await db
    .select({ id: files.id, createdBy: files.createdBy })
    .from(files)
    .where(inArray(files.id, [...new Set(ids)]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const readsAll = actor.visibleSiteIds === null && can(actor, 'file.read');
  for (const [i, id] of ids.entries()) {
    const f = byId.get(id);
    const ok =
      !!f &&
      (f.createdBy === actor.userId || (rule === 'internal' ? readsAll : !!rule.ticketId && (await ticketHasFile(db, rule.ticketId, id, rule.publicOnly))));
    if (!ok) throw invalidField(`${path}.${i}`, 'error.unknown_reference');
  }
  return [...new Set(ids)];
}

/**
 * The assignee works the ticket and gets its at-risk mail (number, subject, site): an active user who may update
 * tickets and can see the ticket's site — the same scope rule as their own requests (actorOf).
 */
async function assertAssignee(db: Db, id: string | null | undefined, siteId: string) {
  if (!id) return;
  const [u] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, id), eq(users.active, true)));
  const assignee = u ? await actorOf(db, u, 'token', null) : null;
  if (!assignee || !can(assignee, 'ticket.update') || !canSeeSite(assignee, siteId)) throw invalidField('assigneeId', 'error.assignee_out_of_scope');
}

async function assertCategory(db: Db, id: string | null | undefined) {
  if (id && !(await findActiveCategory(db, id))) throw invalidField('categoryId', 'error.unknown_reference');
}

/** Events written by an operator carry their display name (the timeline shows people, not login addresses). */
const by = (ctx: Ctx): Pick<NewTicketEvent, 'actorLabel'> => ({ actorLabel: ctx.actor.displayName });

/** Draws a ticket number inside the site lookup. */
const NEXT_TICKET_NUMBER = sql<number>`nextval('ticket_number_seq')`;

/** Creates the ticket and returns it with its references (no second read: the caller presents it). */
export async function createTicket(ctx: Ctx, input: TicketCreateInput): Promise<TicketWithRefs> {
  const now = new Date();
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
  if (receivedAt.getTime() > now.getTime() + 60_000) throw invalidField('receivedAt', 'error.in_future');
  const r = input.requester;
  if (!r.personId && !r.name && !r.email && !r.phone) throw invalidField('requester.name', 'error.ticket_requester');
  // No transaction (decision 0017): the checks below only read, and the one write is a single statement (ticket,
  // events and audit row together), atomic on its own; BEGIN and COMMIT were two of its four round trips. A number
  // drawn for a creation that then fails is a gap, as it always was (sequences are not transactional).
  const db = ctx.db;
  // The site (in the actor's scope), its calendar and the ticket's number in one round trip.
  const found = await findSiteWithCalendar(db, input.siteId, ctx.actor, NEXT_TICKET_NUMBER);
  if (!found) throw invalidField('siteId', 'error.unknown_reference');
  const { site, resolved } = found;
  await assertCategory(db, input.categoryId);
  const details = await checkDetails(db, input.categoryId ?? null, input.details ?? {});
  await assertAssignee(db, input.assigneeId, input.siteId);
  const person = r.personId ? await findPersonById(db, r.personId, ctx.actor) : null;
  if (r.personId && !person) throw invalidField('requester.personId', 'error.unknown_reference');
  const ticket = await insertTicket(
    db,
    auditCtx(ctx),
    {
      channel: input.channel,
      language: input.language,
      requesterPersonId: person?.id ?? null,
      // The person's name and address are copied so search and replies work without the ledger join.
      requesterName: r.name ?? person?.nameKanji ?? null,
      requesterEmail: r.email ?? person?.email ?? null,
      requesterPhone: r.phone ?? null,
      requesterOrganization: r.organization ?? null,
      siteId: input.siteId,
      categoryId: input.categoryId ?? null,
      priority: input.priority,
      subject: input.subject,
      description: input.description,
      assigneeId: input.assigneeId ?? null,
      team: input.team,
      installRequest: input.installRequest,
      requesterType: input.requesterType,
      details,
      receivedAt,
      number: formatTicketNumber(receivedAt, Number(found.extra)),
    },
    [],
    { dueAt: firstAnswerDueOn(resolved.calendar, receivedAt) },
  );
  return (await withRefs(db, [ticket], { site }))[0];
}

/** Runs a change on the locked ticket (404 outside the actor's scope). */
async function onTicket<T>(ctx: Ctx, id: string, fn: (row: TicketRow, scope: TxScope) => Promise<T>): Promise<T> {
  return inTransaction(ctx.db, async (scope) => {
    const row = await lockTicket(scope.tx, id, ctx.actor);
    if (!row) throw notFound();
    return fn(row, scope);
  });
}

type FieldChange = { from: unknown; to: unknown };
const changeKeys = ['categoryId', 'priority', 'team', 'installRequest', 'subject', 'description', 'language', 'siteId', 'requesterType'] as const;
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export async function updateTicket(ctx: Ctx, id: string, input: TicketUpdateInput, expected: number | null): Promise<void> {
  await onTicket(ctx, id, async (row, { tx }) => {
    if (expected !== null && expected !== row.version) throw preconditionFailed();
    const set: Parameters<typeof appendTicketEvents>[4] = {};
    const changes: Record<string, FieldChange> = {};
    for (const k of changeKeys) {
      const v = input[k];
      if (v === undefined || v === row[k]) continue;
      (set as Record<string, unknown>)[k] = v;
      // The description can be long; the log says it changed, the audit row keeps both versions.
      changes[k] = k === 'description' ? { from: null, to: null } : { from: row[k], to: v };
    }
    // Portal and mail tickets carry the requester's own words (shown back to them): they are edited, never blanked.
    if (set.description === '' && requesterWrote(row.channel)) throw invalidField('description', 'error.required');
    if (set.categoryId) await assertCategory(tx, set.categoryId);
    // Details belong to the category: given ones are checked against the (new) category, kept ones must still fit.
    const categoryId = set.categoryId !== undefined ? set.categoryId : row.categoryId;
    const oldDetails = (row.details ?? {}) as Record<string, unknown>;
    const details =
      input.details !== undefined
        ? await checkDetails(tx, categoryId, input.details)
        : set.categoryId !== undefined
          ? await detailsAfterCategoryChange(tx, categoryId, oldDetails)
          : oldDetails;
    if (!sameJson(details, oldDetails)) {
      set.details = details;
      changes.details = { from: oldDetails, to: details };
    }
    if (set.siteId) {
      if (!(await findSiteById(tx, set.siteId, ctx.actor))) throw invalidField('siteId', 'error.unknown_reference');
      set.firstAnswerDueAt = await firstAnswerDueAt(tx, set.siteId, row.receivedAt);
    }
    const events: NewTicketEvent[] = [];
    if (Object.keys(changes).length > 0) events.push({ type: 'fields_changed', data: { changes }, ...by(ctx) });
    // A move to another site re-checks the (kept) assignee: one who cannot see the new site must be changed too.
    const assigneeId = input.assigneeId !== undefined ? input.assigneeId : row.assigneeId;
    if (assigneeId !== row.assigneeId || (set.siteId && set.siteId !== row.siteId)) await assertAssignee(tx, assigneeId, set.siteId ?? row.siteId);
    if (assigneeId !== row.assigneeId) {
      set.assigneeId = assigneeId;
      events.push({ type: 'assigned', data: { from: row.assigneeId, to: assigneeId }, ...by(ctx) });
    }
    if (events.length === 0) return;
    await appendTicketEvents(tx, auditCtx(ctx), id, events, set);
  });
}

/** Moving to resolved/closed with a vendor still on it ends the escalation at the same moment. */
function statusEvents(ctx: Ctx, row: TicketRow, to: TicketStatus, body: string | null = null, resolution: Resolution | null = null): NewTicketEvent[] {
  const out: NewTicketEvent[] = [];
  if ((to === 'resolved' || to === 'closed') && row.escalationVendor) {
    out.push({ type: 'escalation_ended', data: { vendor: row.escalationVendor, auto: true }, ...by(ctx) });
  }
  // The resolution is a fact of the log too, so reports can read it per resolution (a ticket may be resolved twice).
  out.push({ type: 'status_changed', body, data: { from: row.status, to, ...(resolution ?? {}) }, ...by(ctx) });
  return out;
}

export async function replyToTicket(ctx: Ctx, id: string, input: TicketReplyInput): Promise<void> {
  await onTicket(ctx, id, async (row, scope) => {
    if (row.status === 'closed') throw transitionError();
    const fileIds = await assertAttachable(scope.tx, ctx.actor, input.attachmentFileIds, 'attachmentFileIds', { ticketId: id, publicOnly: false });
    // The first answer moves a new (or reopened) ticket into work unless the reply says where it goes.
    const to = input.status ?? (row.status === 'new' || row.status === 'reopened' ? 'in_progress' : null);
    if (to && to !== row.status && !canTransition(row.status, to)) throw transitionError();
    const resolution = to && to !== row.status ? await resolutionFor(scope.tx, row, to, input) : null;
    const seq = row.eventCount + 1;
    const mail = await queueTicketReplyMail(scope, ctx, row, { body: input.body, seq, attachmentFileIds: fileIds });
    const events: NewTicketEvent[] = [
      {
        type: 'public_reply',
        body: input.body,
        data: { ...(fileIds.length ? { fileIds } : {}), ...(mail ? { messageId: mail.messageId } : {}) },
        ...by(ctx),
      },
    ];
    if (to && to !== row.status) events.push(...statusEvents(ctx, row, to, null, resolution));
    await appendTicketEvents(scope.tx, auditCtx(ctx), id, events, resolution ?? {});
  });
}

export async function addTicketNote(ctx: Ctx, id: string, input: TicketNoteInput): Promise<void> {
  await onTicket(ctx, id, async (_row, { tx }) => {
    const fileIds = await assertAttachable(tx, ctx.actor, input.attachmentFileIds, 'attachmentFileIds', 'internal');
    await appendTicketEvents(tx, auditCtx(ctx), id, [{ type: 'internal_note', body: input.body, data: fileIds.length ? { fileIds } : {}, ...by(ctx) }]);
  });
}

export async function changeTicketStatus(ctx: Ctx, id: string, input: TicketStatusInput): Promise<void> {
  await onTicket(ctx, id, async (row, { tx }) => {
    if (!canTransition(row.status, input.status)) throw transitionError();
    const resolution = await resolutionFor(tx, row, input.status, input);
    await appendTicketEvents(tx, auditCtx(ctx), id, statusEvents(ctx, row, input.status, input.note ?? null, resolution), resolution ?? {});
  });
}

/** 5.3.a / 5.4.c: the vendor and the start and end of its work are facts of the log (metrics read them). */
export async function startEscalation(ctx: Ctx, id: string, input: TicketEscalationInput): Promise<void> {
  await onTicket(ctx, id, async (row, { tx }) => {
    if (row.escalationVendor || !isOpen(row.status)) throw transitionError();
    await appendTicketEvents(tx, auditCtx(ctx), id, [
      {
        type: 'escalation_started',
        body: input.note ?? null,
        data: { vendor: input.vendor, ...(input.vendorReference ? { vendorReference: input.vendorReference } : {}) },
        ...by(ctx),
      },
      ...(row.status === 'escalated' ? [] : [{ type: 'status_changed' as const, data: { from: row.status, to: 'escalated' }, ...by(ctx) }]),
    ]);
  });
}

export async function endEscalation(ctx: Ctx, id: string, input: TicketEscalationEndInput): Promise<void> {
  await onTicket(ctx, id, async (row, { tx }) => {
    if (!row.escalationVendor) throw transitionError();
    await appendTicketEvents(tx, auditCtx(ctx), id, [
      { type: 'escalation_ended', body: input.note ?? null, data: { vendor: row.escalationVendor }, ...by(ctx) },
      ...(row.status === 'escalated' ? [{ type: 'status_changed' as const, data: { from: 'escalated', to: 'in_progress' }, ...by(ctx) }] : []),
    ]);
  });
}

/** S-4-6-1-3: an unavoidable no-response (with its reason) is excluded from the response rate. */
export async function setNoResponse(ctx: Ctx, id: string, input: TicketNoResponseInput): Promise<void> {
  await onTicket(ctx, id, async (row, { tx }) => {
    const next = {
      noResponse: input.noResponse,
      noResponseReason: input.noResponse ? (input.reason ?? null) : null,
      noResponseNote: input.noResponse ? (input.note ?? null) : null,
    };
    const changes: Record<string, FieldChange> = {};
    for (const k of ['noResponse', 'noResponseReason', 'noResponseNote'] as const) {
      if (row[k] !== next[k]) changes[k] = { from: row[k], to: next[k] };
    }
    if (Object.keys(changes).length === 0) return;
    await appendTicketEvents(tx, auditCtx(ctx), id, [{ type: 'fields_changed', data: { changes }, ...by(ctx) }], next);
  });
}
