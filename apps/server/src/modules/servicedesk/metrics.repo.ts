import type { MetricId, MetricOutcome, ServicedeskSettings } from '@unyo/contracts';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { siteScope } from '../../platform/authz/scope.ts';
import type { Cursor } from '../../platform/http/paging.ts';
import { callRecords, tickets } from './tickets.table.ts';

/**
 * The metrics that need no business calendar (S-4-6-1-3, -4, -5, -7) are classified in SQL: one CASE gives each
 * ticket or call its outcome and reason, the summary groups by it and the drill-down filters on it, so both always
 * agree. -1 and -6 need each site's business calendar and are classified in metrics.service.ts.
 */

export type Scope = { actor: Actor; from: Date; to: Date; siteId: string | undefined; now: Date };
export type SqlMetricId = Extract<MetricId, 'S-4-6-1-3' | 'S-4-6-1-4' | 'S-4-6-1-5' | 'S-4-6-1-7'>;
export const sqlMetricIds: readonly SqlMetricId[] = ['S-4-6-1-3', 'S-4-6-1-4', 'S-4-6-1-5', 'S-4-6-1-7'];

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

type Classified = { from: SQL; where: SQL; outcome: SQL; reason: SQL; seconds: SQL; item: SQL };

function ticketWhere(s: Scope): SQL {
  return and(
    sql`${tickets.receivedAt} >= ${ts(s.from)} and ${tickets.receivedAt} < ${ts(s.to)}`,
    siteScope(s.actor, tickets.siteId),
    s.siteId ? eq(tickets.siteId, s.siteId) : undefined,
  )!;
}

function callWhere(s: Scope, extra?: SQL): SQL {
  return and(
    sql`${callRecords.queuedAt} >= ${ts(s.from)} and ${callRecords.queuedAt} < ${ts(s.to)}`,
    siteScope(s.actor, callRecords.siteId),
    s.siteId ? eq(callRecords.siteId, s.siteId) : undefined,
    extra,
  )!;
}

const ticketItem = sql`'ticket' as kind, ${tickets.id} as id, ${tickets.id} as ticket_id, ${tickets.number} as label, ${tickets.siteId} as site_id,
  ${tickets.channel} as channel, ${tickets.receivedAt} as at, ${tickets.firstAnsweredAt} as answered_at`;
const callItem = sql`'call' as kind, ${callRecords.id} as id, ${callRecords.ticketId} as ticket_id,
  coalesce(${tickets.number} || ' · ', '') || coalesce(${callRecords.externalId}, ${callRecords.callerNumber}, '') as label,
  ${callRecords.siteId} as site_id, ${callRecords.direction} as channel, ${callRecords.queuedAt} as at, ${callRecords.answeredAt} as answered_at`;
const callFrom = sql`${callRecords} left join ${tickets} on ${tickets.id} = ${callRecords.ticketId}`;

function classify(id: SqlMetricId, s: Scope, settings: ServicedeskSettings): Classified {
  const done = sql`${tickets.status} in ('resolved', 'closed')`;
  switch (id) {
    case 'S-4-6-1-3': {
      // Responded: answered, or resolved without a recorded answer (handled in person). Unanswered open inquiries
      // are pending while their month runs and count as missed once it is over.
      const responded = sql`(${tickets.firstAnsweredAt} is not null or ${done})`;
      const running = sql`${ts(s.now)} < ${ts(s.to)}`;
      return {
        from: sql`${tickets}`,
        where: ticketWhere(s),
        outcome: sql`case when ${tickets.noResponse} then 'excluded' when ${responded} then 'met' when ${running} then 'pending' else 'missed' end`,
        reason: sql`case when ${tickets.noResponse} then 'no_response' when ${responded} then 'responded' when ${running} then 'awaiting_answer' else 'unresponded' end`,
        seconds: sql`null::float8`,
        item: ticketItem,
      };
    }
    case 'S-4-6-1-7':
      return {
        from: sql`${tickets}`,
        where: ticketWhere(s),
        outcome: sql`case when ${tickets.noResponse} then 'excluded' when not ${done} then 'pending' when ${tickets.firstContactResolution} then 'met' else 'missed' end`,
        reason: sql`case when ${tickets.noResponse} then 'no_response' when not ${done} then 'open' when ${tickets.firstContactResolution} then 'fcr'
          when ${tickets.escalated} then 'escalated' when ${tickets.reopenCount} > 0 then 'reopened'
          when ${tickets.firstAnsweredAt} is null then 'closed_unanswered' else 'more_contacts' end`,
        seconds: sql`null::float8`,
        item: ticketItem,
      };
    case 'S-4-6-1-4': {
      // Inbound calls. A voice-system call counts once it was called back; its wait is until the voice system answered.
      // Records are never edited, so the callback is usually a call of its own: an answered outbound call on the same
      // ticket, or to the caller's number within a day (a CDR file has no ticket), counts as well as callback_at.
      const target = settings.answerWaitSeconds;
      const calledBack = sql`(${callRecords.callbackAt} is not null or exists (select 1 from call_records cb
        where cb.direction = 'outbound' and cb.answered_at is not null and cb.queued_at >= ${callRecords.queuedAt}
          and ((${callRecords.ticketId} is not null and cb.ticket_id = ${callRecords.ticketId})
            or (${callRecords.callerNumber} is not null and cb.called_number = ${callRecords.callerNumber}
                and cb.queued_at < ${callRecords.queuedAt} + interval '1 day'))))`;
      const awaiting = sql`${callRecords.voiceCallback} and not ${calledBack}`;
      return {
        from: callFrom,
        where: callWhere(s, sql`${callRecords.direction} = 'inbound'`),
        outcome: sql`case when ${awaiting} then 'pending'
          when ${callRecords.answeredAt} is null then 'excluded' when ${callRecords.waitSeconds} <= ${target} then 'met' else 'missed' end`,
        reason: sql`case when ${awaiting} then 'awaiting_callback'
          when ${callRecords.answeredAt} is null then 'abandoned' when ${callRecords.waitSeconds} <= ${target} then 'within_target' else 'over_target' end`,
        seconds: sql`${callRecords.waitSeconds}::float8`,
        item: callItem,
      };
    }
    case 'S-4-6-1-5': {
      // Talk time of every call an operator had (inbound and outbound, e.g. the callbacks); voice-system legs are not handling.
      const target = settings.handlingSeconds;
      return {
        from: callFrom,
        where: callWhere(s),
        outcome: sql`case when ${callRecords.voiceCallback} or ${callRecords.answeredAt} is null then 'excluded'
          when ${callRecords.endedAt} is null then 'pending' when ${callRecords.talkSeconds} <= ${target} then 'met' else 'missed' end`,
        reason: sql`case when ${callRecords.voiceCallback} then 'voice_system' when ${callRecords.answeredAt} is null then 'not_connected'
          when ${callRecords.endedAt} is null then 'no_end_time' when ${callRecords.talkSeconds} <= ${target} then 'within_target' else 'over_target' end`,
        seconds: sql`${callRecords.talkSeconds}::float8`,
        item: callItem,
      };
    }
  }
}

/** `unanswered`: of these, the items still without an answer past their target (shown beside the value). */
export type OutcomeCount = { outcome: MetricOutcome; n: number; seconds: number | null; unanswered?: number };

/** Count and summed seconds per outcome, aggregated in the database. */
export async function countOutcomes(db: Db, id: SqlMetricId, s: Scope, settings: ServicedeskSettings): Promise<OutcomeCount[]> {
  const c = classify(id, s, settings);
  const rows = await queryRows<{ outcome: MetricOutcome; n: number; seconds: number | null }>(
    db,
    sql`select x.outcome, count(*)::int as n, sum(x.seconds)::float8 as seconds
      from (select ${c.outcome} as outcome, ${c.seconds} as seconds from ${c.from} where ${c.where}) x group by x.outcome`,
  );
  // -3's missed items are all unanswered inquiries of a finished month.
  return rows.map((r) => ({
    outcome: r.outcome,
    n: Number(r.n),
    seconds: r.seconds === null ? null : Number(r.seconds),
    unanswered: id === 'S-4-6-1-3' && r.outcome === 'missed' ? Number(r.n) : 0,
  }));
}

export type ItemRow = {
  kind: 'ticket' | 'call';
  id: string;
  ticket_id: string | null;
  label: string;
  site_id: string | null;
  channel: string | null;
  at: Date | string;
  answered_at: Date | string | null;
  seconds: number | null;
  outcome: MetricOutcome;
  reason: string;
};

/** One page of the items behind a number, oldest first (keyset on at, id). */
export async function findOutcomeItems(
  db: Db,
  id: SqlMetricId,
  s: Scope,
  settings: ServicedeskSettings,
  outcome: MetricOutcome | undefined,
  cursor: Cursor | null,
  limit: number,
): Promise<{ rows: ItemRow[]; total: number }> {
  const c = classify(id, s, settings);
  const inner = sql`select ${c.item}, ${c.seconds} as seconds, ${c.outcome} as outcome, ${c.reason} as reason from ${c.from} where ${c.where}`;
  const filter = outcome ? sql`x.outcome = ${outcome}` : sql`true`;
  const after = cursor ? sql`(x.at, x.id) > (${String(cursor.v)}::timestamptz, ${cursor.id}::uuid)` : sql`true`;
  const rows = await queryRows<ItemRow>(db, sql`select * from (${inner}) x where ${filter} and ${after} order by x.at, x.id limit ${limit + 1}`);
  const [{ n }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from (${inner}) x where ${filter}`);
  return { rows, total: Number(n) };
}

export type TicketClockRow = {
  id: string;
  number: string;
  siteId: string;
  channel: string;
  receivedAt: Date;
  firstAnsweredAt: Date | null;
  status: string;
  installRequest: boolean;
  noResponse: boolean;
};

/**
 * The few columns -1 and -6 classify on, for the tickets received in the range (served by tickets_received_idx).
 * Times come as epoch milliseconds: parsing 30,000 timestamp strings costs more than the classification.
 */
export async function findTicketClocks(db: Db, s: Scope): Promise<TicketClockRow[]> {
  const rows = await queryRows<{
    id: string;
    number: string;
    site_id: string;
    channel: string;
    r: number;
    a: number | null;
    status: string;
    i: boolean;
    n: boolean;
  }>(
    db,
    sql`select ${tickets.id} as id, ${tickets.number} as number, ${tickets.siteId} as site_id, ${tickets.channel} as channel,
      (extract(epoch from ${tickets.receivedAt}) * 1000)::float8 as r, (extract(epoch from ${tickets.firstAnsweredAt}) * 1000)::float8 as a,
      ${tickets.status} as status, ${tickets.installRequest} as i, ${tickets.noResponse} as n
      from ${tickets} where ${ticketWhere(s)}`,
  );
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    siteId: r.site_id,
    channel: r.channel,
    receivedAt: new Date(Number(r.r)),
    firstAnsweredAt: r.a === null ? null : new Date(Number(r.a)),
    status: r.status,
    installRequest: r.i,
    noResponse: r.n,
  }));
}
