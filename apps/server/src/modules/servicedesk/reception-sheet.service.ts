import {
  type Locale,
  noResponseReasons,
  type ReceptionSheetMonthQuery,
  ticketChannels,
  ticketEventTypes,
  ticketLanguages,
  ticketStatuses,
} from '@unyo/contracts';
import { and, asc, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { siteScope } from '../../platform/authz/scope.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { users } from '../access/access.table.ts';
import { labelFont } from '../assets/labels.pdf.ts';
import { people, sites } from '../org/org.table.ts';
import { renderReceptionSheet, type SheetTicket, sheetLabels } from './reception-sheet.pdf.ts';
import { receivedInMonth } from './tickets.io.ts';
import { ticketCategories, ticketEvents, tickets } from './tickets.table.ts';
import { wallClockOf } from './tickets-io-cells.ts';

/**
 * The reception sheet (ヘルプデスク受付シート, 5.1.a): one ticket as a printable A4 PDF, and the month's tickets as one
 * XLSX list. Times are shown on the site's wall clock (what the requester and the desk saw), labels in the actor's
 * language; both only for tickets in the actor's scope.
 */

const label = (items: readonly { value: string; ja: string; en: string }[], v: string | null, locale: Locale) => {
  const c = items.find((i) => i.value === v);
  return c ? c[locale] : (v ?? '');
};

function selectSheetRows(ctx: Ctx) {
  return ctx.db
    .select({
      t: tickets,
      siteJa: sites.nameJa,
      siteEn: sites.nameEn,
      siteCode: sites.code,
      timeZone: sites.timeZone,
      categoryJa: ticketCategories.nameJa,
      categoryEn: ticketCategories.nameEn,
      personName: people.nameKanji,
      assignee: users.displayName,
      escalationStartedAt: sql<string | null>`(select min(e.at) from ${ticketEvents} e where e.ticket_id = ${tickets.id} and e.type = 'escalation_started')`,
      escalationEndedAt: sql<string | null>`(select max(e.at) from ${ticketEvents} e where e.ticket_id = ${tickets.id} and e.type = 'escalation_ended')`,
      vendor: sql<
        string | null
      >`(select e.data->>'vendor' from ${ticketEvents} e where e.ticket_id = ${tickets.id} and e.type = 'escalation_started' order by e.seq limit 1)`,
    })
    .from(tickets)
    .innerJoin(sites, eq(sites.id, tickets.siteId))
    .leftJoin(ticketCategories, eq(ticketCategories.id, tickets.categoryId))
    .leftJoin(people, eq(people.id, tickets.requesterPersonId))
    .leftJoin(users, eq(users.id, tickets.assigneeId));
}

type SheetRow = Awaited<ReturnType<ReturnType<typeof selectSheetRows>['where']>>[number];

function toSheetTicket(r: SheetRow, locale: Locale): SheetTicket {
  const tz = r.timeZone;
  const local = (v: Date | string | null) => (v ? `${wallClockOf(new Date(v), tz).slice(0, 16).replaceAll('-', '/')}` : '');
  const t = r.t;
  const firstAnswerMs = t.firstAnsweredAt ? t.firstAnsweredAt.getTime() - t.receivedAt.getTime() : null;
  return {
    number: t.number,
    receivedAt: `${local(t.receivedAt)} (${tz})`,
    channel: label(ticketChannels.items, t.channel, locale),
    language: label(ticketLanguages.items, t.language, locale),
    requester: [r.personName ?? t.requesterName, t.requesterOrganization, t.requesterEmail, t.requesterPhone].filter(Boolean).join(' / '),
    site: `${r.siteCode} ${locale === 'en' ? r.siteEn : r.siteJa}`,
    category: (locale === 'en' ? r.categoryEn : r.categoryJa) ?? '',
    subject: t.subject,
    description: t.description,
    status: label(ticketStatuses.items, t.status, locale),
    assignee: r.assignee ?? '',
    installRequest: t.installRequest,
    noResponse: t.noResponse ? label(noResponseReasons.items, t.noResponseReason, locale) : '',
    firstAnswerDue: local(t.firstAnswerDueAt),
    firstAnsweredAt: local(t.firstAnsweredAt),
    firstAnswerMinutes: firstAnswerMs === null ? null : Math.round(firstAnswerMs / 60_000),
    escalation: r.escalationStartedAt ? { vendor: r.vendor ?? '', start: local(r.escalationStartedAt), end: local(r.escalationEndedAt) } : null,
    resolvedAt: local(t.resolvedAt),
    closedAt: local(t.closedAt),
    reopenCount: t.reopenCount,
    firstContactResolution: t.firstContactResolution,
    timeline: [],
  };
}

async function findSheetTicket(ctx: Ctx, id: string) {
  const [row] = await selectSheetRows(ctx).where(and(eq(tickets.id, id), siteScope(ctx.actor, tickets.siteId)));
  return row;
}

/** One ticket's reception sheet (A4 PDF). Unknown or out-of-scope ticket → 404; no Japanese font installed → 503. */
export async function receptionSheetPdf(ctx: Ctx, id: string): Promise<{ pdf: Buffer; number: string }> {
  const row = await findSheetTicket(ctx, id);
  if (!row) throw notFound();
  const font = labelFont();
  if (!font) throw new AppError(503, 'problem.pdf_font_missing');
  const sheet = toSheetTicket(row, ctx.locale);
  const events = await ctx.db
    .select({ at: ticketEvents.at, type: ticketEvents.type, actorLabel: ticketEvents.actorLabel, body: ticketEvents.body, data: ticketEvents.data })
    .from(ticketEvents)
    .where(eq(ticketEvents.ticketId, id))
    .orderBy(asc(ticketEvents.seq));
  sheet.timeline = events.map((e) => {
    const data = (e.data ?? {}) as Record<string, unknown>;
    const detail =
      e.type === 'status_changed'
        ? `→ ${label(ticketStatuses.items, String(data.to ?? ''), ctx.locale)}`
        : e.type.startsWith('escalation_') && data.vendor
          ? String(data.vendor)
          : (e.body ?? '').replace(/\s+/g, ' ').slice(0, 160);
    return {
      at: wallClockOf(e.at, row.timeZone).slice(0, 16).replaceAll('-', '/'),
      type: label(ticketEventTypes.items, e.type, ctx.locale),
      actor: e.actorLabel,
      detail,
    };
  });
  return { pdf: await renderReceptionSheet(sheet, ctx.locale, font), number: row.t.number };
}

/** The month's reception sheet: one row per ticket received in the (site-local) month, in the actor's scope. */
export async function receptionSheetXlsx(ctx: Ctx, query: ReceptionSheetMonthQuery): Promise<Buffer> {
  const rows = await selectSheetRows(ctx)
    .where(and(siteScope(ctx.actor, tickets.siteId), query.siteId ? eq(tickets.siteId, query.siteId) : undefined, receivedInMonth(query.month)))
    .orderBy(asc(tickets.receivedAt), asc(tickets.number));
  const L = sheetLabels[ctx.locale];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Unyo';
  const ws = wb.addWorksheet(`${L.sheetName} ${query.month}`, { views: [{ state: 'frozen', ySplit: 1 }] });
  const columns: [header: string, width: number, value: (s: SheetTicket) => string | number | boolean | null][] = [
    [L.number, 16, (s) => s.number],
    [L.receivedAt, 24, (s) => s.receivedAt],
    [L.channel, 10, (s) => s.channel],
    [L.language, 8, (s) => s.language],
    [L.site, 20, (s) => s.site],
    [L.requester, 24, (s) => s.requester],
    [L.category, 18, (s) => s.category],
    [L.subject, 36, (s) => s.subject],
    [L.status, 10, (s) => s.status],
    [L.assignee, 14, (s) => s.assignee],
    [L.firstAnswerDue, 17, (s) => s.firstAnswerDue],
    [L.firstAnsweredAt, 17, (s) => s.firstAnsweredAt],
    [L.vendor, 16, (s) => s.escalation?.vendor ?? ''],
    [L.escalationStart, 17, (s) => s.escalation?.start ?? ''],
    [L.escalationEnd, 17, (s) => s.escalation?.end ?? ''],
    [L.resolvedAt, 17, (s) => s.resolvedAt],
    [L.closedAt, 17, (s) => s.closedAt],
    [L.reopenCount, 8, (s) => s.reopenCount],
    [L.fcr, 8, (s) => s.firstContactResolution],
    [L.installRequest, 8, (s) => s.installRequest],
    [L.noResponse, 14, (s) => s.noResponse],
  ];
  ws.columns = columns.map(([header, width]) => ({ header, width }));
  ws.getRow(1).font = { bold: true };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  for (const r of rows) {
    const s = toSheetTicket(r, ctx.locale);
    ws.addRow(columns.map(([, , value]) => value(s)));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
