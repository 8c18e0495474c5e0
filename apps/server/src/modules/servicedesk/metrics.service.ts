import type {
  MetricDrillQuery,
  MetricDto,
  MetricId,
  MetricItemDto,
  MetricItemPage,
  MetricOutcome,
  MetricReason,
  MetricsQuery,
  MetricsReport,
  ServicedeskSettings,
} from '@unyo/contracts';
import type { Db } from '../../db/client.ts';
import { dayNumberOf, instantOf } from '../../platform/calendar/zoned-time.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/paging.ts';
import { resolveCalendar } from '../org/site-calendars.service.ts';
import { BusinessIndex } from './metrics.business-index.ts';
import {
  countOutcomes,
  findOutcomeItems,
  findTicketClocks,
  type OutcomeCount,
  type Scope,
  type SqlMetricId,
  sqlMetricIds,
  type TicketClockRow,
} from './metrics.repo.ts';
import { loadServicedeskSettings } from './metrics.settings.ts';

/**
 * Monthly service-desk metrics (S-4-6-1-1, -3, -4, -5, -6, -7), computed from the records every time — the tickets'
 * derived fields, which come from their event logs, and the call records — never from stored totals (decision 0012).
 * Months are cut in the reporting zone; each ticket's clock runs on its site's business calendar as it is now.
 */

const HOUR_MS = 3_600_000;

/** [from, to) of a YYYY-MM month in the reporting zone. */
export function monthRange(month: string, timeZone: string): { from: Date; to: Date } {
  const [y, m] = month.split('-').map(Number);
  const first = dayNumberOf(`${month}-01`);
  const next = dayNumberOf(`${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-01`);
  return { from: new Date(instantOf(first, 0, timeZone)), to: new Date(instantOf(next, 0, timeZone)) };
}

type Definition = { unit: MetricDto['unit']; direction: MetricDto['direction']; target: (s: ServicedeskSettings) => number };
const definitions: Record<MetricId, Definition> = {
  'S-4-6-1-1': { unit: 'percent', direction: 'min', target: (s) => s.firstAnswerRate },
  'S-4-6-1-3': { unit: 'percent', direction: 'min', target: (s) => s.responseRate },
  'S-4-6-1-4': { unit: 'seconds', direction: 'max', target: (s) => s.answerWaitSeconds },
  'S-4-6-1-5': { unit: 'seconds', direction: 'max', target: (s) => s.handlingSeconds },
  'S-4-6-1-6': { unit: 'hours', direction: 'max', target: (s) => s.mailAnswerHours },
  'S-4-6-1-7': { unit: 'percent', direction: 'min', target: (s) => s.fcrRate },
};

const round2 = (v: number) => Math.round(v * 100) / 100;

function summarize(id: MetricId, counts: OutcomeCount[], settings: ServicedeskSettings): MetricDto {
  const n = (o: MetricOutcome) => counts.find((c) => c.outcome === o)?.n ?? 0;
  const secondsOf = (o: MetricOutcome) => counts.find((c) => c.outcome === o)?.seconds ?? 0;
  const def = definitions[id];
  const met = n('met');
  const missed = n('missed');
  const counted = met + missed;
  let raw: number | null = null;
  if (counted > 0) {
    const avgSeconds = (secondsOf('met') + secondsOf('missed')) / counted;
    raw = def.unit === 'percent' ? (met / counted) * 100 : def.unit === 'hours' ? avgSeconds / 3600 : avgSeconds;
  }
  const target = def.target(settings);
  return {
    id,
    unit: def.unit,
    value: raw === null ? null : round2(raw),
    target,
    direction: def.direction,
    met: raw === null ? null : def.direction === 'min' ? raw >= target : raw <= target,
    counts: { counted, met, missed, excluded: n('excluded'), pending: n('pending'), unanswered: counts.reduce((a, c) => a + (c.unanswered ?? 0), 0) },
  };
}

type Classified = { row: TicketClockRow; outcome: MetricOutcome; reason: MetricReason; seconds: number | null };

const DAY_MS = 86_400_000;

/** Each site's calendar indexed over the window the month's clocks can touch (answers up to a year later). */
async function calendarsOf(db: Db, rows: TicketClockRow[], s: Scope) {
  // Up to now too: -6 times an unanswered inquiry until the report is computed.
  let last = Math.max(s.to.getTime() + 30 * DAY_MS, s.now.getTime());
  for (const r of rows) if (r.firstAnsweredAt && r.firstAnsweredAt.getTime() > last) last = r.firstAnsweredAt.getTime();
  const from = new Date(s.from.getTime() - 3 * DAY_MS);
  const to = new Date(Math.min(last, s.to.getTime() + 400 * DAY_MS));
  const out = new Map<string, BusinessIndex>();
  for (const siteId of new Set(rows.map((r) => r.siteId))) out.set(siteId, new BusinessIndex((await resolveCalendar(db, siteId)).calendar, from, to));
  return out;
}

const isDone = (status: string) => status === 'resolved' || status === 'closed';

/**
 * S-4-6-1-1: first answer within `firstAnswerHours` of business time on the site's calendar. Install requests and
 * unavoidable no-responses are excluded, as are inquiries resolved without any recorded answer; an unanswered one is
 * pending until its clock runs out, then missed.
 */
function classifyFirstAnswer(rows: TicketClockRow[], cals: Map<string, BusinessIndex>, settings: ServicedeskSettings, now: Date): Classified[] {
  const targetMs = settings.firstAnswerHours * HOUR_MS;
  return rows.map((row): Classified => {
    if (row.installRequest) return { row, outcome: 'excluded', reason: 'install_request', seconds: null };
    if (row.noResponse) return { row, outcome: 'excluded', reason: 'no_response', seconds: null };
    const cal = cals.get(row.siteId)!;
    if (row.firstAnsweredAt) {
      const ms = cal.duration(row.receivedAt, row.firstAnsweredAt);
      return { row, outcome: ms <= targetMs ? 'met' : 'missed', reason: ms <= targetMs ? 'within_target' : 'over_target', seconds: ms / 1000 };
    }
    if (isDone(row.status)) return { row, outcome: 'excluded', reason: 'closed_unanswered', seconds: null };
    const overdue = cal.add(row.receivedAt, targetMs) <= now;
    return { row, outcome: overdue ? 'missed' : 'pending', reason: overdue ? 'not_answered' : 'awaiting_answer', seconds: null };
  });
}

/**
 * S-4-6-1-6: mean time to the first answer of mail and other written channels (business or calendar hours, a setting).
 * An open inquiry still unanswered once its elapsed time passes the target is missed and enters the mean with its
 * elapsed time up to `now` (a lower bound): a forgotten mail must make the average worse, not drop out of it.
 */
function classifyMailAnswer(rows: TicketClockRow[], cals: Map<string, BusinessIndex>, settings: ServicedeskSettings, now: Date): Classified[] {
  const targetMs = settings.mailAnswerHours * HOUR_MS;
  const channels = new Set<string>(settings.mailChannels);
  const elapsed = (row: TicketClockRow, until: Date) =>
    settings.mailAnswerClock === 'business' ? cals.get(row.siteId)!.duration(row.receivedAt, until) : until.getTime() - row.receivedAt.getTime();
  return rows
    .filter((r) => channels.has(r.channel))
    .map((row): Classified => {
      if (row.noResponse) return { row, outcome: 'excluded', reason: 'no_response', seconds: null };
      if (!row.firstAnsweredAt) {
        if (isDone(row.status)) return { row, outcome: 'excluded', reason: 'closed_unanswered', seconds: null };
        const ms = elapsed(row, now);
        return ms > targetMs
          ? { row, outcome: 'missed', reason: 'not_answered', seconds: ms / 1000 }
          : { row, outcome: 'pending', reason: 'awaiting_answer', seconds: null };
      }
      const ms = elapsed(row, row.firstAnsweredAt);
      return { row, outcome: ms <= targetMs ? 'met' : 'missed', reason: ms <= targetMs ? 'within_target' : 'over_target', seconds: ms / 1000 };
    });
}

function countClassified(items: Classified[]): OutcomeCount[] {
  const out = new Map<MetricOutcome, OutcomeCount>();
  for (const i of items) {
    const c = out.get(i.outcome) ?? { outcome: i.outcome, n: 0, seconds: 0, unanswered: 0 };
    c.n++;
    if (i.reason === 'not_answered') c.unanswered = (c.unanswered ?? 0) + 1;
    c.seconds = (c.seconds ?? 0) + (i.seconds ?? 0);
    out.set(i.outcome, c);
  }
  return [...out.values()];
}

function scopeOf(ctx: Ctx, q: MetricsQuery): Scope & { timeZone: string } {
  const timeZone = ctx.config.metrics.reportingTimeZone;
  return { ...monthRange(q.month, timeZone), actor: ctx.actor, siteId: q.siteId, now: new Date(), timeZone };
}

async function classifyClocks(db: Db, s: Scope, settings: ServicedeskSettings) {
  const rows = await findTicketClocks(db, s);
  const cals = await calendarsOf(db, rows, s);
  return { first: classifyFirstAnswer(rows, cals, settings, s.now), mail: classifyMailAnswer(rows, cals, settings, s.now) };
}

export async function computeMetrics(ctx: Ctx, q: MetricsQuery): Promise<MetricsReport> {
  const s = scopeOf(ctx, q);
  const settings = await loadServicedeskSettings(ctx.db);
  const clocks = await classifyClocks(ctx.db, s, settings);
  const sqlCounts = new Map<SqlMetricId, OutcomeCount[]>();
  for (const id of sqlMetricIds) sqlCounts.set(id, await countOutcomes(ctx.db, id, s, settings));
  const metrics: MetricDto[] = [
    summarize('S-4-6-1-1', countClassified(clocks.first), settings),
    summarize('S-4-6-1-3', sqlCounts.get('S-4-6-1-3')!, settings),
    summarize('S-4-6-1-4', sqlCounts.get('S-4-6-1-4')!, settings),
    summarize('S-4-6-1-5', sqlCounts.get('S-4-6-1-5')!, settings),
    summarize('S-4-6-1-6', countClassified(clocks.mail), settings),
    summarize('S-4-6-1-7', sqlCounts.get('S-4-6-1-7')!, settings),
  ];
  return {
    month: q.month,
    siteId: q.siteId ?? null,
    timeZone: s.timeZone,
    from: s.from.toISOString(),
    to: s.to.toISOString(),
    computedAt: s.now.toISOString(),
    metrics,
  };
}

const isoOf = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The tickets (or calls) behind one metric's number, with the outcome and the reason, oldest first. */
export async function drillMetric(ctx: Ctx, metricId: MetricId, q: MetricDrillQuery): Promise<MetricItemPage> {
  const s = scopeOf(ctx, q);
  const settings = await loadServicedeskSettings(ctx.db);
  const cursor = decodeCursor(q.cursor);
  if ((sqlMetricIds as readonly string[]).includes(metricId)) {
    const { rows, total } = await findOutcomeItems(ctx.db, metricId as SqlMetricId, s, settings, q.outcome, cursor, q.limit);
    const items: MetricItemDto[] = rows.slice(0, q.limit).map((r) => ({
      kind: r.kind,
      id: r.id,
      ticketId: r.ticket_id,
      label: r.label,
      siteId: r.site_id,
      channel: r.channel,
      at: isoOf(r.at)!,
      answeredAt: isoOf(r.answered_at),
      seconds: r.seconds === null ? null : Number(r.seconds),
      outcome: r.outcome,
      reason: r.reason as MetricReason,
    }));
    return { items, total, nextCursor: rows.length > q.limit ? encodeCursor({ v: items.at(-1)!.at, id: items.at(-1)!.id }) : null };
  }
  const clocks = await classifyClocks(ctx.db, s, settings);
  const all = (metricId === 'S-4-6-1-1' ? clocks.first : clocks.mail)
    .filter((c) => !q.outcome || c.outcome === q.outcome)
    .sort((a, b) => a.row.receivedAt.getTime() - b.row.receivedAt.getTime() || (a.row.id < b.row.id ? -1 : 1));
  // Keyset, like the SQL metrics: the cursor's item may have left this outcome since (answered, settings changed), and
  // starting over from the first item would hand a client the same page again forever.
  const after = (c: Classified) => {
    const at = c.row.receivedAt.toISOString();
    return at > String(cursor!.v) || (at === String(cursor!.v) && c.row.id > cursor!.id);
  };
  const next = cursor ? all.findIndex(after) : 0;
  const start = next < 0 ? all.length : next;
  const page = all.slice(start, start + q.limit);
  const items: MetricItemDto[] = page.map((c) => ({
    kind: 'ticket',
    id: c.row.id,
    ticketId: c.row.id,
    label: c.row.number,
    siteId: c.row.siteId,
    channel: c.row.channel,
    at: c.row.receivedAt.toISOString(),
    answeredAt: isoOf(c.row.firstAnsweredAt),
    seconds: c.seconds === null ? null : round2(c.seconds),
    outcome: c.outcome,
    reason: c.reason,
  }));
  const last = items.at(-1);
  return { items, total: all.length, nextCursor: last && start + q.limit < all.length ? encodeCursor({ v: last.at, id: last.id }) : null };
}
