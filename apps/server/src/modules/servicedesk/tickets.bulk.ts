import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { type AuditContext, writeAudit } from '../../platform/audit/audit.service.ts';
import { addBusinessTime, type BusinessCalendar } from '../../platform/calendar/business-time.ts';
import { resolveCalendar } from '../org/site-calendars.service.ts';
import { type DerivedTicket, deriveTicket } from './tickets.derive.ts';
import { FIRST_ANSWER_TARGET_MS, formatTicketNumber, type NewTicketEvent, type TicketValues } from './tickets.kernel.ts';

/**
 * Set-based insert of many tickets with their (historical) event logs, for the history import, the demo seed and the
 * bench. The derived fields come from `deriveTicket` and the first-answer due time from the site's calendar, exactly
 * as the kernel's insertTicket computes them, so bulk-loaded tickets are indistinguishable from live ones in the
 * metrics. Rows go in as one `insert … select from jsonb_to_recordset` per batch (one bind parameter per statement).
 */

export type BulkTicketItem = {
  /** Ticket values (receivedAt required); a given number is kept, else the next HD-YYYY-NNNNNN is drawn. */
  values: TicketValues;
  /** The events after `received`, in the order they happened (seq follows this order). */
  events?: readonly NewTicketEvent[];
};

export type BulkInsertOptions = {
  /** Audit action of the one audit row written per call; null when the caller audits the whole operation itself. */
  auditAction?: string | null;
  /** Tickets per INSERT statement (events go in batches of 4× that). */
  batchSize?: number;
  /**
   * Fill search_text / search_grams here, for a caller that runs with triggers off (the demo seed as superuser):
   * the same text the tickets_search trigger builds (trailer 10-tickets.sql), which otherwise overwrites it.
   */
  searchText?: boolean;
};

/** unyo_search_norm (trailer 00-search.sql): NFKC, lower-cased. */
const searchNorm = (s: string) => s.normalize('NFKC').toLowerCase();

/** unyo_grams: every distinct 1- and 2-character substring without whitespace (characters are code points). */
export function searchGrams(text: string): string[] {
  const chars = Array.from(text);
  const out = new Set<string>();
  for (let i = 0; i < chars.length; i++) {
    if (!/\s/.test(chars[i])) out.add(chars[i]);
    if (i + 1 < chars.length && !/\s/.test(chars[i + 1]) && !/\s/.test(chars[i])) out.add(chars[i] + chars[i + 1]);
  }
  return [...out];
}

/** The tickets_search trigger's text: number, subject, requester and the first 1,000 characters of the description. */
export function ticketSearchText(t: {
  number: string;
  subject: string;
  requesterName?: string | null;
  requesterEmail?: string | null;
  requesterOrganization?: string | null;
  description?: string | null;
}): string {
  const parts = [
    t.number,
    t.subject,
    t.requesterName,
    t.requesterEmail,
    t.requesterOrganization,
    Array.from(t.description ?? '')
      .slice(0, 1000)
      .join(''),
  ];
  return searchNorm(parts.filter((p): p is string => p !== null && p !== undefined).join(' '));
}

export type BulkInserted = { id: string; number: string; derived: DerivedTicket };

const TICKET_COLUMNS = {
  id: 'uuid',
  number: 'text',
  channel: 'text',
  language: 'text',
  requester_person_id: 'uuid',
  requester_name: 'text',
  requester_email: 'text',
  requester_phone: 'text',
  requester_organization: 'text',
  requester_user_id: 'uuid',
  site_id: 'uuid',
  category_id: 'uuid',
  priority: 'text',
  subject: 'text',
  description: 'text',
  assignee_id: 'uuid',
  team: 'text',
  install_request: 'boolean',
  no_response: 'boolean',
  no_response_reason: 'text',
  no_response_note: 'text',
  requester_type: 'text',
  details: 'jsonb',
  resolution_code: 'text',
  resolution_department_id: 'uuid',
  status: 'text',
  received_at: 'timestamptz',
  first_answered_at: 'timestamptz',
  first_answer_due_at: 'timestamptz',
  resolved_at: 'timestamptz',
  closed_at: 'timestamptz',
  reopen_count: 'integer',
  escalated: 'boolean',
  escalation_vendor: 'text',
  first_contact_resolution: 'boolean',
  handling_seconds: 'integer',
  event_count: 'integer',
  last_event_at: 'timestamptz',
  mail_thread_id: 'text',
  imported_from: 'text',
  search_text: 'text',
  search_grams: 'text[]',
} as const;

const EVENT_COLUMNS = {
  ticket_id: 'uuid',
  seq: 'integer',
  type: 'text',
  at: 'timestamptz',
  actor_user_id: 'uuid',
  actor_label: 'text',
  visibility: 'text',
  body: 'text',
  data: 'jsonb',
} as const;

/** `insert into <table> (cols) select cols from jsonb_to_recordset($1)`; identifiers are the constants above. */
function insertRecordset(table: string, columns: Record<string, string>, rows: Record<string, unknown>[]) {
  const names = Object.keys(columns)
    .map((c) => `"${c}"`)
    .join(', ');
  const defs = Object.entries(columns)
    .map(([c, t]) => `"${c}" ${t}`)
    .join(', ');
  return sql`insert into ${sql.raw(table)} (${sql.raw(names)}) select ${sql.raw(names)} from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(${sql.raw(defs)})`;
}

/** With triggers on, the trigger fills both columns (the empty values here are overwritten). */
function searchColumns(text: string | null) {
  return text === null ? { search_text: '', search_grams: [] } : { search_text: text, search_grams: searchGrams(text) };
}

const toDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));

/** One calendar lookup per site, however many tickets it has. */
async function calendarsOf(tx: Db, siteIds: Iterable<string>): Promise<Map<string, BusinessCalendar>> {
  const out = new Map<string, BusinessCalendar>();
  for (const id of new Set(siteIds)) out.set(id, (await resolveCalendar(tx, id)).calendar);
  return out;
}

/** Numbers for the tickets that have none, from the same sequence the kernel draws from (one query). */
async function drawNumbers(tx: Db, count: number): Promise<number[]> {
  if (count === 0) return [];
  const rows = await queryRows<{ n: number }>(tx, sql`select nextval('ticket_number_seq')::int as n from generate_series(1, ${count}::int)`);
  return rows.map((r) => r.n).sort((a, b) => a - b);
}

/**
 * Inserts the tickets and their event logs inside the caller's transaction and returns each ticket's id, number and
 * derived fields, in input order. One audit row per call (auditAction), not one per ticket: a bulk load is one act.
 */
export async function bulkInsertTickets(tx: Db, audit: AuditContext, items: readonly BulkTicketItem[], opts: BulkInsertOptions = {}): Promise<BulkInserted[]> {
  if (items.length === 0) return [];
  const batchSize = opts.batchSize ?? 500;
  const calendars = await calendarsOf(
    tx,
    items.map((i) => i.values.siteId),
  );
  const numbers = await drawNumbers(tx, items.filter((i) => !i.values.number).length);
  let nextNumber = 0;
  const now = new Date().toISOString();

  const out: BulkInserted[] = [];
  const ticketRows: Record<string, unknown>[] = [];
  const eventRows: Record<string, unknown>[] = [];
  for (const item of items) {
    const v = item.values;
    const id = randomUUID();
    const receivedAt = toDate(v.receivedAt as Date | string);
    const number = v.number ?? formatTicketNumber(receivedAt, numbers[nextNumber++]);
    const events: NewTicketEvent[] = [{ type: 'received', at: receivedAt, data: { channel: v.channel } }, ...(item.events ?? [])];
    const log = events.map((e, i) => ({
      ticket_id: id,
      seq: i + 1,
      type: e.type,
      at: (e.at ?? new Date(now)).toISOString(),
      actor_user_id: e.actorUserId === undefined ? audit.actor.userId : e.actorUserId,
      actor_label: e.actorLabel ?? audit.actor.label,
      visibility: e.visibility ?? (e.type === 'public_reply' || e.type === 'requester_reply' ? 'public' : 'internal'),
      body: e.body ?? null,
      data: e.data ?? {},
    }));
    const derived = deriveTicket(log.map((e) => ({ seq: e.seq, type: e.type, at: new Date(e.at), data: e.data })));
    const dueAt = v.firstAnswerDueAt === undefined ? addBusinessTime(receivedAt, FIRST_ANSWER_TARGET_MS, calendars.get(v.siteId)!) : v.firstAnswerDueAt;
    ticketRows.push({
      id,
      number,
      channel: v.channel,
      language: v.language ?? 'ja',
      requester_person_id: v.requesterPersonId ?? null,
      requester_name: v.requesterName ?? null,
      requester_email: v.requesterEmail ?? null,
      requester_phone: v.requesterPhone ?? null,
      requester_organization: v.requesterOrganization ?? null,
      requester_user_id: v.requesterUserId ?? null,
      site_id: v.siteId,
      category_id: v.categoryId ?? null,
      priority: v.priority ?? 'normal',
      subject: v.subject,
      description: v.description ?? '',
      assignee_id: v.assigneeId ?? null,
      team: v.team ?? 'helpdesk',
      install_request: v.installRequest ?? false,
      no_response: v.noResponse ?? false,
      no_response_reason: v.noResponseReason ?? null,
      no_response_note: v.noResponseNote ?? null,
      // Every column insertTicket would take from the values; a missing one here would silently lose the caller's value.
      requester_type: v.requesterType ?? 'general',
      details: v.details ?? {},
      resolution_code: v.resolutionCode ?? null,
      resolution_department_id: v.resolutionDepartmentId ?? null,
      status: derived.status,
      received_at: derived.receivedAt.toISOString(),
      first_answered_at: derived.firstAnsweredAt?.toISOString() ?? null,
      first_answer_due_at: dueAt ? toDate(dueAt).toISOString() : null,
      resolved_at: derived.resolvedAt?.toISOString() ?? null,
      closed_at: derived.closedAt?.toISOString() ?? null,
      reopen_count: derived.reopenCount,
      escalated: derived.escalated,
      escalation_vendor: derived.escalationVendor,
      first_contact_resolution: derived.firstContactResolution,
      handling_seconds: derived.handlingSeconds,
      event_count: derived.eventCount,
      last_event_at: derived.lastEventAt?.toISOString() ?? null,
      mail_thread_id: v.mailThreadId ?? null,
      imported_from: v.importedFrom ?? null,
      ...searchColumns(opts.searchText ? ticketSearchText({ ...v, number }) : null),
    });
    eventRows.push(...log);
    out.push({ id, number, derived });
  }

  for (let i = 0; i < ticketRows.length; i += batchSize) {
    await tx.execute(insertRecordset('tickets', TICKET_COLUMNS, ticketRows.slice(i, i + batchSize)));
  }
  const eventBatch = batchSize * 4;
  for (let i = 0; i < eventRows.length; i += eventBatch) {
    await tx.execute(insertRecordset('ticket_events', EVENT_COLUMNS, eventRows.slice(i, i + eventBatch)));
  }

  if (opts.auditAction !== null) {
    const siteIds = new Set(items.map((i) => i.values.siteId));
    await writeAudit(tx, audit, {
      action: opts.auditAction ?? 'ticket.bulk-inserted',
      entityType: 'ticket',
      siteId: siteIds.size === 1 ? [...siteIds][0] : null,
      after: { tickets: out.length, events: eventRows.length, first: out[0].number, last: out.at(-1)!.number },
    });
  }
  return out;
}
