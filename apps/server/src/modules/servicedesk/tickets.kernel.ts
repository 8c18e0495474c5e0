import type { TicketEventType } from '@unyo/contracts';
import { asc, eq, getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { uuidv7 } from '../../db/ids.ts';
import { type BuiltQuery, drizzleInternals, queryRows } from '../../db/rows.ts';
import { type AuditContext, type AuditEntry, auditAppendPlaceholderSql, auditAppendValues, writeAudit } from '../../platform/audit/audit.service.ts';
import { addBusinessTime, type BusinessCalendar } from '../../platform/calendar/business-time.ts';
import { localDateOf } from '../../platform/calendar/zoned-time.ts';
import { resolveCalendar } from '../org/site-calendars.service.ts';
import { deriveTicket } from './tickets.derive.ts';
import { type TicketRow, ticketEvents, tickets } from './tickets.table.ts';

/**
 * The ticket kernel: the only code that writes tickets and their event log. Every caller (API, portal, mail
 * channel, call records, import) goes through insertTicket / appendTicketEvents inside its own transaction, so the
 * derived fields (status, first answer, resolution, FCR…) always match the log and every change is audited.
 */

/** First answer within 2 h of business time on the requester site's calendar (S-4-6-1-1). */
export const FIRST_ANSWER_TARGET_MS = 2 * 3_600_000;

export type NewTicketEvent = {
  type: TicketEventType;
  /** When it happened; defaults to now. */
  at?: Date;
  visibility?: 'public' | 'internal';
  body?: string | null;
  data?: Record<string, unknown>;
  /** Who did it, if not the acting user (a requester replying by mail, the call manager…). */
  actorLabel?: string;
  actorUserId?: string | null;
};

export async function firstAnswerDueAt(db: Db, siteId: string, receivedAt: Date): Promise<Date> {
  const { calendar } = await resolveCalendar(db, siteId);
  return firstAnswerDueOn(calendar, receivedAt);
}

export function firstAnswerDueOn(calendar: BusinessCalendar, receivedAt: Date): Date {
  return addBusinessTime(receivedAt, FIRST_ANSWER_TARGET_MS, calendar);
}

/** Ticket numbers carry the year of receipt in Japan (the agency's calendar), not the UTC year. */
export const TICKET_NUMBER_TIME_ZONE = 'Asia/Tokyo';

export function formatTicketNumber(receivedAt: Date, n: number): string {
  return `HD-${localDateOf(receivedAt.getTime(), TICKET_NUMBER_TIME_ZONE).slice(0, 4)}-${String(n).padStart(6, '0')}`;
}

export async function nextTicketNumber(tx: Db, at: Date): Promise<string> {
  const [{ n }] = await queryRows<{ n: number }>(tx, sql`select nextval('ticket_number_seq')::int as n`);
  return formatTicketNumber(at, n);
}

export type TicketValues = Omit<
  typeof tickets.$inferInsert,
  | 'id'
  | 'status'
  | 'firstAnsweredAt'
  | 'resolvedAt'
  | 'closedAt'
  | 'reopenCount'
  | 'escalated'
  | 'escalationVendor'
  | 'firstContactResolution'
  | 'handlingSeconds'
  | 'eventCount'
  | 'lastEventAt'
  | 'searchText'
  | 'searchGrams'
  | 'version'
  | 'createdAt'
  | 'updatedAt'
  | 'number'
> & { number?: string };

function eventRows(ticketId: string, startSeq: number, events: readonly NewTicketEvent[], audit: AuditContext, now: Date) {
  return events.map((e, i) => ({
    ticketId,
    seq: startSeq + i,
    type: e.type,
    at: e.at ?? now,
    actorUserId: e.actorUserId === undefined ? audit.actor.userId : e.actorUserId,
    actorLabel: e.actorLabel ?? audit.actor.label,
    visibility: e.visibility ?? (e.type === 'public_reply' || e.type === 'requester_reply' ? 'public' : 'internal'),
    body: e.body ?? null,
    data: e.data ?? {},
  }));
}

/**
 * Inserts a ticket with its `received` event (plus any further events, e.g. the answered call of a phone inquiry or
 * the history of an imported ticket) and its audit row, in one statement. Runs inside the caller's transaction, or
 * on its own: its only write is that one statement (the API's creation, decision 0017). Without `values.number` the
 * next number is drawn first (a round trip: the API's creation draws it with its site lookup instead); without
 * `opts.dueAt` the site's calendar is read.
 */
// A new ticket comes back without its search columns (kilobytes of grams nobody reads from the returned row).
const { searchText: _st, searchGrams: _sg, ...insertedColumns } = getTableColumns(tickets);
export type InsertedTicket = Omit<TicketRow, 'searchText' | 'searchGrams'>;

export async function insertTicket(
  tx: Db,
  audit: AuditContext,
  values: TicketValues,
  more: readonly NewTicketEvent[] = [],
  opts: { dueAt?: Date | null } = {},
): Promise<InsertedTicket> {
  const now = new Date();
  const receivedAt = values.receivedAt instanceof Date ? values.receivedAt : new Date(values.receivedAt as unknown as string);
  const number = values.number ?? (await nextTicketNumber(tx, receivedAt));
  const dueAt = opts.dueAt === undefined ? await firstAnswerDueAt(tx, values.siteId, receivedAt) : opts.dueAt;
  const events: NewTicketEvent[] = [{ type: 'received', at: receivedAt, data: { channel: values.channel } }, ...more];
  // Time-ordered keys (db/ids.ts), made here so that the ticket, its events and its audit row go in one statement:
  // the events' insert is a CTE of the ticket's (their foreign key is checked at the end of the statement), the audit
  // row is appended by the RETURNING clause of the one inserted row.
  const id = uuidv7(now.getTime());
  const rows = eventRows(id, 1, events, audit, now).map((r) => ({ ...r, id: uuidv7(now.getTime()) }));
  const derived = deriveTicket(rows.map((r) => ({ seq: r.seq, type: r.type, at: r.at, data: r.data })));
  const auditEntry = {
    action: 'ticket.created',
    entityType: 'ticket',
    entityId: id,
    siteId: values.siteId,
    after: { number, channel: values.channel, subject: values.subject, status: derived.status, events: events.map((e) => e.type) },
  };
  const row = { ...values, ...derived, id, number, receivedAt, firstAnswerDueAt: dueAt };
  const { auditChain: _chain, ...ticket } = await runTicketInsert(tx, row, rows, audit, auditEntry);
  return ticket;
}

type InsertRow = Record<string, unknown>;
type Prepared = { query: BuiltQuery; returning: unknown; name: string };
/** The ticket insert built once per shape (which columns, how many events): Drizzle took ~0.7 ms building it. */
const insertShapes = new Map<string, Prepared>();

function placeholders(prefix: string, row: InsertRow) {
  const shape: InsertRow = {};
  const values: InsertRow = {};
  for (const [k, v] of Object.entries(row)) {
    if (v === undefined) continue;
    // A null stays a constant of the shape: Drizzle's column encoders do not take a null placeholder value.
    if (v === null) shape[k] = null;
    else {
      shape[k] = sql.placeholder(`${prefix}${k}`);
      values[`${prefix}${k}`] = v;
    }
  }
  return { shape, values };
}

/**
 * The ticket, its events (a CTE) and its audit row (in RETURNING) as one statement, built once per shape with
 * placeholders and run as a named statement (decision 0017).
 */
async function runTicketInsert(tx: Db, row: InsertRow, events: InsertRow[], audit: AuditContext, entry: AuditEntry) {
  const t = placeholders('t_', row);
  const e = events.map((r, i) => placeholders(`e${i}_`, r));
  const keyOf = (shape: InsertRow) =>
    Object.entries(shape)
      .map(([k, v]) => (v === null ? `${k}=null` : k))
      .join(',');
  const key = [keyOf(t.shape), ...e.map((x) => keyOf(x.shape))].join('|');
  let prepared = insertShapes.get(key);
  if (!prepared) {
    const builder = tx
      .with(tx.$with('new_events').as(tx.insert(ticketEvents).values(e.map((x) => x.shape) as never)))
      .insert(tickets)
      .values(t.shape as never)
      .returning({ ...insertedColumns, auditChain: auditAppendPlaceholderSql('a_') }) as unknown as { getSQL(): SQL; config: { returning: unknown } };
    prepared = {
      query: drizzleInternals(tx).dialect.sqlToQuery(builder.getSQL()),
      returning: builder.config.returning,
      name: `unyo_ticket_insert_${insertShapes.size}`,
    };
    insertShapes.set(key, prepared);
  }
  const params = Object.assign({}, t.values, ...e.map((x) => x.values), auditAppendValues('a_', audit, entry));
  const [one] = (await drizzleInternals(tx).session.prepareQuery(prepared.query, prepared.returning, prepared.name, true).execute(params)) as unknown[];
  return one as InsertedTicket & { auditChain: number };
}

/**
 * Appends events to a ticket (row-locked), re-derives its fields from the whole log, optionally changes stored
 * fields in the same update, and audits the change. Returns the updated ticket.
 */
export async function appendTicketEvents(
  tx: Db,
  audit: AuditContext,
  ticketId: string,
  events: readonly NewTicketEvent[],
  set: Partial<
    Pick<
      TicketRow,
      | 'categoryId'
      | 'priority'
      | 'assigneeId'
      | 'team'
      | 'installRequest'
      | 'noResponse'
      | 'noResponseReason'
      | 'noResponseNote'
      | 'subject'
      | 'description'
      | 'language'
      | 'siteId'
      | 'atRiskNotifiedAt'
      | 'mailThreadId'
      // A site change moves the clock onto the new site's calendar (tickets.service.ts).
      | 'firstAnswerDueAt'
      | 'requesterType'
      | 'details'
      | 'resolutionCode'
      | 'resolutionDepartmentId'
    >
  > = {},
): Promise<TicketRow> {
  const [before] = await tx.select().from(tickets).where(eq(tickets.id, ticketId)).for('update');
  if (!before) throw new Error(`ticket ${ticketId} not found`);
  const now = new Date();
  const rows = eventRows(ticketId, before.eventCount + 1, events, audit, now);
  if (rows.length > 0) await tx.insert(ticketEvents).values(rows);
  const log = await tx
    .select({ seq: ticketEvents.seq, type: ticketEvents.type, at: ticketEvents.at, data: ticketEvents.data })
    .from(ticketEvents)
    .where(eq(ticketEvents.ticketId, ticketId))
    .orderBy(asc(ticketEvents.seq));
  const derived = deriveTicket(log.map((e) => ({ ...e, data: (e.data ?? {}) as Record<string, unknown> })));
  // A resolution code describes the current resolution: whatever reopens the ticket (operator, portal, mail) drops it.
  const unresolved = derived.status !== 'resolved' && derived.status !== 'closed';
  const clearResolution = unresolved && before.resolutionCode !== null ? { resolutionCode: null, resolutionDepartmentId: null } : {};
  const [after] = await tx
    .update(tickets)
    .set({ ...set, ...clearResolution, ...derived, version: sql`${tickets.version} + 1`, updatedAt: now })
    .where(eq(tickets.id, ticketId))
    .returning();
  const changed: Record<string, unknown> = {};
  const prior: Record<string, unknown> = {};
  for (const k of Object.keys({ ...set, ...clearResolution, ...derived }) as (keyof TicketRow)[]) {
    const a = after[k];
    const b = before[k];
    const same = a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
    if (!same) {
      changed[k] = a;
      prior[k] = b;
    }
  }
  await writeAudit(tx, audit, {
    action: 'ticket.updated',
    entityType: 'ticket',
    entityId: ticketId,
    siteId: after.siteId,
    before: prior,
    after: { ...changed, events: events.map((e) => e.type) },
  });
  return after;
}
