import { noResponseReasons, type TicketExportQuery, TicketImportInput, ticketChannels, ticketLanguages } from '@unyo/contracts';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { siteScope } from '../../platform/authz/scope.ts';
import { defineLedgerIo, type Existing, inJson, type LedgerColumn, type RefTarget, type Value } from '../../platform/files/ledger-io.ts';
import { people, sites } from '../org/org.table.ts';
import { type BulkTicketItem, bulkInsertTickets } from './tickets.bulk.ts';
import type { NewTicketEvent } from './tickets.kernel.ts';
import { ticketCategories, ticketEvents, tickets } from './tickets.table.ts';
import { dateTimeCodec, instantOfCell, wallClockOf } from './tickets-io-cells.ts';

/**
 * The inquiry ledger through the ledger kit (3.1.1.q): the previous contractor's history comes in as one row per
 * inquiry and becomes a ticket whose event log is synthesized from the row's times, so `deriveTicket` gives exactly
 * the imported first answer / resolution and past months' metrics are computed like live ones. Numbers are kept;
 * a number that already exists is a row error (history is imported once, never updated by a file).
 */

// ---------------------------------------------------------------------------------------------
// The synthesized timeline

/** The times of one ledger row, already instants. */
export type HistoryTimes = {
  receivedAt: Date;
  firstAnsweredAt?: Date | null;
  escalationStartedAt?: Date | null;
  escalationEndedAt?: Date | null;
  vendor?: string | null;
  resolvedAt?: Date | null;
  reopenedAt?: Date | null;
  closedAt?: Date | null;
};

const IMPORTED = '(imported)';

/**
 * The events after `received` that reproduce the row's times through deriveTicket, in time order (ties in the order a
 * desk works: answer, escalate, hand back, resolve, reopen, close). A reopening with no earlier resolution still counts.
 */
export function historyEvents(h: HistoryTimes, actorLabel: string): NewTicketEvent[] {
  const out: [at: Date, rank: number, event: NewTicketEvent][] = [];
  const add = (at: Date | null | undefined, rank: number, e: Omit<NewTicketEvent, 'at'>) => {
    if (at) out.push([at, rank, { ...e, at, actorLabel, actorUserId: null }]);
  };
  add(h.firstAnsweredAt, 1, { type: 'public_reply', body: IMPORTED });
  // A ticket answered but not resolved at that moment is in progress, as it would be live.
  if (h.firstAnsweredAt && h.resolvedAt?.getTime() !== h.firstAnsweredAt.getTime()) {
    add(h.firstAnsweredAt, 2, { type: 'status_changed', data: { from: 'new', to: 'in_progress' } });
  }
  add(h.escalationStartedAt, 3, { type: 'escalation_started', data: { vendor: h.vendor ?? null } });
  add(h.escalationStartedAt, 4, { type: 'status_changed', data: { from: 'in_progress', to: 'escalated' } });
  add(h.escalationEndedAt, 5, { type: 'escalation_ended', data: { vendor: h.vendor ?? null } });
  add(h.escalationEndedAt, 6, { type: 'status_changed', data: { from: 'escalated', to: 'in_progress' } });
  add(h.resolvedAt, 7, { type: 'status_changed', data: { from: 'in_progress', to: 'resolved' } });
  add(h.reopenedAt, 8, { type: 'status_changed', data: { from: 'resolved', to: 'reopened' } });
  add(h.closedAt, 9, { type: 'status_changed', data: { from: 'resolved', to: 'closed' } });
  out.sort((a, b) => a[0].getTime() - b[0].getTime() || a[1] - b[1]);
  // The from-status of each change is the status before it in this timeline.
  let status = 'new';
  return out.map(([, , e]) => {
    if (e.type !== 'status_changed') return e;
    const to = (e.data as { to: string }).to;
    const event = { ...e, data: { from: status, to } };
    status = to;
    return event;
  });
}

// ---------------------------------------------------------------------------------------------
// References

/** Sites by code, with their zone (the ledger's times are the site's wall clock). */
async function siteRefs(db: Db, codes: string[]): Promise<Map<string, RefTarget>> {
  const rows = await db.select({ id: sites.id, code: sites.code, timeZone: sites.timeZone }).from(sites).where(inJson(sites.code, codes));
  return new Map(rows.map((r) => [r.code, { id: r.id, siteId: r.id, timeZone: r.timeZone }]));
}

async function personRefs(db: Db, codes: string[]): Promise<Map<string, RefTarget>> {
  const rows = await db.select({ id: people.id, code: people.employeeNumber, siteId: people.siteId }).from(people).where(inJson(people.employeeNumber, codes));
  return new Map(rows.map((r) => [r.code, { id: r.id, siteId: r.siteId }]));
}

/** Category codes → ids (categories belong to no site, so they are not a scoped `ref` column). */
async function categoryIds(db: Db, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db.select({ id: ticketCategories.id, code: ticketCategories.code }).from(ticketCategories).where(inJson(ticketCategories.code, codes));
  return new Map(rows.map((r) => [r.code, r.id]));
}

// ---------------------------------------------------------------------------------------------
// Columns

const TIME_COLUMNS = ['receivedAt', 'firstAnsweredAt', 'escalationStartedAt', 'escalationEndedAt', 'resolvedAt', 'reopenedAt', 'closedAt'] as const;
type TimeColumn = (typeof TIME_COLUMNS)[number];

const time = (key: TimeColumn, ja: string, en: string, aliases: string[], required = false): LedgerColumn => ({
  key,
  ja,
  en,
  aliases,
  type: 'json',
  codec: dateTimeCodec,
  required,
  width: 17,
});

const columns: LedgerColumn[] = [
  {
    key: 'number',
    ja: '受付番号',
    en: 'Number',
    aliases: ['問合せ番号', '管理番号', 'チケット番号', 'No', 'Ticket number'],
    type: 'code',
    required: true,
    width: 16,
  },
  {
    key: 'channel',
    ja: '受付方法',
    en: 'Channel',
    aliases: ['受付手段', '受付区分', 'チャネル'],
    type: 'enum',
    choices: ticketChannels.items,
    required: true,
    width: 10,
  },
  { key: 'language', ja: '言語', en: 'Language', aliases: ['対応言語'], type: 'enum', choices: ticketLanguages.items, width: 8 },
  {
    key: 'site',
    ja: '拠点コード',
    en: 'Site code',
    aliases: ['拠点', '依頼者拠点'],
    type: 'ref',
    field: 'siteId',
    ref: { load: siteRefs },
    required: true,
    width: 10,
  },
  { key: 'requesterName', ja: '依頼者', en: 'Requester', aliases: ['依頼者名', '問合せ者', '氏名', 'Requester name'], type: 'text', width: 16 },
  { key: 'requesterEmail', ja: '依頼者メール', en: 'Requester email', aliases: ['メールアドレス', 'Email'], type: 'code', width: 24 },
  {
    key: 'requester',
    ja: '依頼者職員番号',
    en: 'Requester employee number',
    aliases: ['職員番号', 'Employee number'],
    type: 'ref',
    field: 'requesterPersonId',
    ref: { load: personRefs },
    width: 12,
  },
  { key: 'categoryCode', ja: '分類コード', en: 'Category code', aliases: ['分類', 'カテゴリ', 'Category'], type: 'code', width: 12 },
  { key: 'subject', ja: '件名', en: 'Subject', aliases: ['問合せ内容', '表題', 'タイトル'], type: 'text', required: true, width: 30 },
  { key: 'description', ja: '詳細', en: 'Description', aliases: ['内容', '問合せ詳細', '対応内容'], type: 'text', width: 40 },
  { key: 'installRequest', ja: 'インストール依頼', en: 'Install request', aliases: ['インストール依頼フラグ', 'Install'], type: 'bool', width: 8 },
  time('receivedAt', '受付日時', 'Received at', ['受付日', '受付時刻'], true),
  time('firstAnsweredAt', '初回回答日時', 'First answered at', ['一次回答日時', '初回回答']),
  time('escalationStartedAt', 'エスカレーション開始日時', 'Escalation start', ['エスカレーション開始', 'ベンダー依頼日時']),
  time('escalationEndedAt', 'エスカレーション終了日時', 'Escalation end', ['エスカレーション終了', 'ベンダー回答日時']),
  { key: 'vendor', ja: 'エスカレーション先', en: 'Vendor', aliases: ['ベンダー', '業者', 'エスカレーション先ベンダー'], type: 'text', width: 16 },
  time('resolvedAt', '解決日時', 'Resolved at', ['解決日', '対応完了日時']),
  time('reopenedAt', '再開日時', 'Reopened at', ['再オープン日時']),
  time('closedAt', '完了日時', 'Closed at', ['クローズ日時', '終了日時']),
  { key: 'noResponse', ja: '対応不能', en: 'No response', aliases: ['やむを得ない未対応', 'No-response'], type: 'bool', width: 8 },
  {
    key: 'noResponseReason',
    ja: '対応不能理由',
    en: 'No-response reason',
    aliases: ['未対応理由'],
    type: 'enum',
    choices: noResponseReasons.items,
    width: 14,
  },
];

// ---------------------------------------------------------------------------------------------
// Existing rows and export

const t = tickets;
const firstEventAt = (type: string, to?: string) =>
  to
    ? sql<Date | null>`(select min(e.at) from ${ticketEvents} e where e.ticket_id = ${t.id} and e.type = ${type} and e.data->>'to' = ${to})`
    : sql<Date | null>`(select min(e.at) from ${ticketEvents} e where e.ticket_id = ${t.id} and e.type = ${type})`;

function selectTickets(db: Db) {
  return db
    .select({
      row: t,
      siteCode: sites.code,
      timeZone: sites.timeZone,
      categoryCode: ticketCategories.code,
      employeeNumber: people.employeeNumber,
      escalationStartedAt: firstEventAt('escalation_started'),
      escalationEndedAt: sql<Date | null>`(select max(e.at) from ${ticketEvents} e where e.ticket_id = ${t.id} and e.type = 'escalation_ended')`,
      vendor: sql<
        string | null
      >`(select e.data->>'vendor' from ${ticketEvents} e where e.ticket_id = ${t.id} and e.type = 'escalation_started' order by e.seq limit 1)`,
      reopenedAt: firstEventAt('status_changed', 'reopened'),
    })
    .from(t)
    .innerJoin(sites, eq(sites.id, t.siteId))
    .leftJoin(ticketCategories, eq(ticketCategories.id, t.categoryId))
    .leftJoin(people, eq(people.id, t.requesterPersonId));
}

type Selected = Awaited<ReturnType<ReturnType<typeof selectTickets>['where']>>[number];

function valuesOf(r: Selected): Record<string, Value> {
  const at = (v: Date | string | null) => (v ? wallClockOf(new Date(v), r.timeZone) : null);
  return {
    number: r.row.number,
    channel: r.row.channel,
    language: r.row.language,
    site: r.siteCode,
    requesterName: r.row.requesterName,
    requesterEmail: r.row.requesterEmail,
    requester: r.employeeNumber,
    categoryCode: r.categoryCode,
    subject: r.row.subject,
    description: r.row.description || null,
    installRequest: r.row.installRequest,
    receivedAt: at(r.row.receivedAt),
    firstAnsweredAt: at(r.row.firstAnsweredAt),
    escalationStartedAt: at(r.escalationStartedAt),
    escalationEndedAt: at(r.escalationEndedAt),
    vendor: r.vendor,
    resolvedAt: at(r.row.resolvedAt),
    reopenedAt: at(r.reopenedAt),
    closedAt: at(r.row.closedAt),
    noResponse: r.row.noResponse,
    noResponseReason: r.row.noResponseReason,
  };
}

/** Tickets received in a site-local month: a UTC range wide enough for any zone narrows it, the site's zone decides. */
export function receivedInMonth(month: string) {
  const [y, m] = month.split('-').map(Number);
  const from = new Date(Date.UTC(y, m - 1, 1) - 86_400_000);
  const to = new Date(Date.UTC(y, m, 1) + 86_400_000);
  return sql`(${t.receivedAt} >= ${from.toISOString()} and ${t.receivedAt} < ${to.toISOString()}
    and to_char(${t.receivedAt} at time zone ${sites.timeZone}, 'YYYY-MM') = ${month})`;
}

// ---------------------------------------------------------------------------------------------
// The ledger

export const ticketsIo = defineLedgerIo<TicketExportQuery>({
  name: 'tickets',
  entity: 'ticket',
  label: { ja: '問合せ台帳', en: 'Inquiry ledger' },
  naturalKey: 'number',
  schema: TicketImportInput,
  columns,

  async loadExisting(db, keys) {
    const rows = await db.select({ id: t.id, number: t.number, siteId: t.siteId, version: t.version }).from(t).where(inJson(t.number, keys));
    return new Map<string, Existing>(rows.map((r) => [r.number, { id: r.id, siteId: r.siteId, version: r.version, values: {} }]));
  },

  check({ status, values, refs, input, error }) {
    // Times are the site's wall clock; without a known site the row already has an error (Tokyo just lets it parse).
    const timeZone = typeof refs.site?.timeZone === 'string' ? refs.site.timeZone : 'Asia/Tokyo';
    const at: Partial<Record<TimeColumn, Date>> = {};
    for (const k of TIME_COLUMNS) {
      const v = values[k];
      if (typeof v !== 'string') continue;
      at[k] = instantOfCell(v, timeZone);
      input[k] = at[k]!.toISOString();
    }
    if (status === 'update') {
      error('number', 'import.ticket_exists');
      return;
    }
    const received = at.receivedAt;
    if (received) {
      for (const k of TIME_COLUMNS) if (k !== 'receivedAt' && at[k] && at[k]!.getTime() < received.getTime()) error(k, 'import.before_received');
    }
    if (at.escalationEndedAt && !at.escalationStartedAt) error('escalationEndedAt', 'import.escalation_end_without_start');
    if (at.escalationEndedAt && at.escalationStartedAt && at.escalationEndedAt < at.escalationStartedAt)
      error('escalationEndedAt', 'import.before_escalation_start');
    if (at.escalationStartedAt && !values.vendor) error('vendor', 'error.required');
    if (at.resolvedAt && at.firstAnsweredAt && at.resolvedAt < at.firstAnsweredAt) error('resolvedAt', 'import.before_first_answer');
    if (at.closedAt && at.resolvedAt && at.closedAt < at.resolvedAt) error('closedAt', 'import.before_resolved');
    if (values.noResponse === true && !values.noResponseReason) error('noResponseReason', 'error.required');
  },

  async checkAll(db, rows, error) {
    const codes = [...new Set(rows.map((r) => r.values.categoryCode).filter((c): c is string => typeof c === 'string'))];
    const known = await categoryIds(db, codes);
    for (const r of rows) {
      const code = r.values.categoryCode;
      if (typeof code === 'string' && !known.has(code)) error(r.row, 'categoryCode', 'import.unknown_reference', { value: code });
    }
  },

  siteOf: (_id, output) => (output.siteId as string | undefined) ?? null,

  // Not used for writing (writeRows builds tickets with their event logs); names the table for the identifier check.
  write: { table: 'tickets', key: 'number', columns: {} },

  async writeRows(db, rows, audit) {
    const outputs = rows.map((r) => r.output as TicketImportInput);
    const categories = await categoryIds(db, [...new Set(outputs.map((o) => o.categoryCode).filter((c): c is string => !!c))]);
    const date = (v: string | null | undefined) => (v ? new Date(v) : null);
    const items: BulkTicketItem[] = outputs.map((o) => ({
      values: {
        number: o.number,
        channel: o.channel,
        language: o.language ?? 'ja',
        siteId: o.siteId,
        requesterName: o.requesterName ?? null,
        requesterEmail: o.requesterEmail ?? null,
        requesterPersonId: o.requesterPersonId ?? null,
        categoryId: o.categoryCode ? (categories.get(o.categoryCode) ?? null) : null,
        subject: o.subject,
        description: o.description ?? '',
        installRequest: o.installRequest ?? false,
        noResponse: o.noResponse ?? false,
        noResponseReason: o.noResponse ? (o.noResponseReason ?? null) : null,
        receivedAt: new Date(o.receivedAt),
        importedFrom: 'ledger',
      },
      events: historyEvents(
        {
          receivedAt: new Date(o.receivedAt),
          firstAnsweredAt: date(o.firstAnsweredAt),
          escalationStartedAt: date(o.escalationStartedAt),
          escalationEndedAt: date(o.escalationEndedAt),
          vendor: o.vendor,
          resolvedAt: date(o.resolvedAt),
          reopenedAt: date(o.reopenedAt),
          closedAt: date(o.closedAt),
        },
        audit.actor.label,
      ),
    }));
    // The import engine writes the one `ticket.imported` audit row for the whole file.
    await bulkInsertTickets(db, audit, items, { auditAction: null });
  },

  // Keyset on the unique number, scoped to the actor's sites.
  async exportPage(db, query, actor, cursor, limit) {
    const rows = await selectTickets(db)
      .where(
        and(
          siteScope(actor, t.siteId),
          query.siteId ? eq(t.siteId, query.siteId) : undefined,
          query.month ? receivedInMonth(query.month) : undefined,
          cursor === null ? undefined : gt(t.number, cursor),
        ),
      )
      .orderBy(asc(t.number))
      .limit(limit);
    return { rows: rows.map(valuesOf), next: rows.length === limit ? rows[rows.length - 1].row.number : null };
  },
});
