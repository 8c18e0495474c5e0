import {
  type Choice,
  type IncidentExportQuery,
  IncidentImportInput,
  incidentCountermeasureExclusions,
  incidentImpacts,
  incidentKinds,
  incidentReportExclusions,
} from '@unyo/contracts';
import { and, asc, gt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { defineLedgerIo, type Existing, inJson, type LedgerColumn, type Value } from '../../platform/files/ledger-io.ts';
import { normalizeCode } from '../../platform/files/normalize.ts';
import { siteRefs } from '../org/sites.io.ts';
import { dateTimeCodec, instantOfCell, wallClockOf } from '../servicedesk/tickets-io-cells.ts';
import { businessSystemRefs } from './business-systems.repo.ts';
import { foldEvents, type TimelineEvent } from './incidents.clock.ts';
import { incidentFilters } from './incidents.repo.ts';
import { incidentEvents, incidents } from './incidents.table.ts';

/**
 * Past incidents (3.1.1.q, issue #7 item 8) through the ledger kit: one row per incident with every milestone
 * time, an escalation period and an earlier recovery undone by a reopening. Each row becomes an incident whose event
 * log is synthesized from those times, so its clocks and the past months' metrics compute like live ones. Times
 * are Tokyo wall clock unless an offset is written. A number that already exists is a row error.
 */

const ZONE = 'Asia/Tokyo';
const IMPORTED = '(imported)';

const TIME_COLUMNS = [
  'occurredAt',
  'detectedAt',
  'reportedAt',
  'initialResponseAt',
  'countermeasureAt',
  'escalationStartedAt',
  'escalationEndedAt',
  'firstRecoveredAt',
  'reopenedAt',
  'recoveredAt',
] as const;
type TimeColumn = (typeof TIME_COLUMNS)[number];

const time = (key: TimeColumn, ja: string, en: string, aliases: string[], required = false): LedgerColumn => ({
  key,
  ja,
  en,
  aliases,
  type: 'json',
  codec: dateTimeCodec,
  required,
  width: 18,
});

/** A list item given as its code or its Japanese or English label. */
const choiceItem = (choices: readonly Choice[]) => {
  const index = new Map<string, string>();
  for (const c of choices) for (const k of [c.value, c.ja, c.en]) index.set(normalizeCode(k).toLowerCase(), c.value);
  return (text: string) => {
    const v = index.get(normalizeCode(text).toLowerCase());
    return v ? { ok: true as const, value: v } : { ok: false as const, error: 'import.invalid_choice' as const };
  };
};

const columns: LedgerColumn[] = [
  { key: 'number', ja: '障害番号', en: 'Incident number', aliases: ['No', '番号', '管理番号'], type: 'code', required: true, width: 16 },
  { key: 'title', ja: '件名', en: 'Title', aliases: ['障害内容', '概要'], type: 'text', required: true, width: 30 },
  { key: 'kind', ja: '種別', en: 'Kind', aliases: ['障害種別'], type: 'enum', choices: incidentKinds.items, required: true, width: 14 },
  { key: 'impact', ja: '影響範囲', en: 'Impact', type: 'enum', choices: incidentImpacts.items, keepWhenEmpty: true, width: 10 },
  { key: 'site', ja: '拠点コード', en: 'Site code', aliases: ['拠点', '発生拠点'], type: 'ref', field: 'siteId', ref: { load: siteRefs }, width: 10 },
  {
    key: 'businessSystem',
    ja: '業務システムコード',
    en: 'Business system code',
    aliases: ['業務システム'],
    type: 'ref',
    field: 'businessSystemId',
    ref: { load: businessSystemRefs },
    width: 12,
  },
  { key: 'ownerDepartment', ja: '所管部署', en: 'Responsible department', aliases: ['担当部署'], type: 'text', width: 14 },
  time('occurredAt', '発生日時', 'Occurred at', ['障害発生日時', '発生'], true),
  time('detectedAt', '検知日時', 'Detected at', ['検知']),
  time('reportedAt', '発生報告日時', 'Reported at', ['報告日時', '担当職員報告日時']),
  time('initialResponseAt', '初期対応完了日時', 'Initial response at', ['初期対応完了', '初動完了日時']),
  time('countermeasureAt', '対応策提示日時', 'Countermeasure at', ['原因究明・対応策提示日時', '1次対応策提示日時']),
  time('escalationStartedAt', '2次エスカレーション開始日時', 'Escalation start', ['エスカレーション開始日時', 'エスカレーション開始']),
  time('escalationEndedAt', '2次エスカレーション終了日時', 'Escalation end', ['エスカレーション終了日時', 'エスカレーション終了']),
  { key: 'vendor', ja: 'エスカレーション先', en: 'Vendor', aliases: ['ベンダー', '保守業者'], type: 'text', width: 14 },
  time('firstRecoveredAt', '初回回復日時', 'First recovered at', ['再発前の回復日時']),
  time('reopenedAt', '再発日時', 'Reopened at', ['再開日時', '再発']),
  time('recoveredAt', '回復日時', 'Recovered at', ['障害回復日時', '復旧日時']),
  {
    key: 'reportExclusions',
    ja: '報告対象外理由',
    en: 'Report exclusions',
    aliases: ['除外理由'],
    type: 'list',
    choices: incidentReportExclusions.items,
    item: choiceItem(incidentReportExclusions.items),
    width: 20,
  },
  { key: 'spreadOverLan', ja: 'LAN伝播', en: 'Spread over LAN', type: 'bool', width: 8 },
  {
    key: 'countermeasureExclusions',
    ja: '対応策提示の対象外理由',
    en: 'Countermeasure exclusions',
    type: 'list',
    choices: incidentCountermeasureExclusions.items,
    item: choiceItem(incidentCountermeasureExclusions.items),
    width: 20,
  },
  { key: 'majorSecurity', ja: 'セキュリティ重大障害', en: 'Major security', aliases: ['重大障害（セキュリティ）'], type: 'bool', width: 8 },
  { key: 'majorInfrastructure', ja: '共通基盤重大障害', en: 'Major infrastructure', aliases: ['重大障害（共通基盤）'], type: 'bool', width: 8 },
  { key: 'provider', ja: 'クラウド事業者', en: 'Provider', type: 'text', width: 14 },
  { key: 'rootCause', ja: '原因', en: 'Root cause', type: 'text', width: 24 },
  { key: 'description', ja: '詳細', en: 'Description', aliases: ['備考'], type: 'text', width: 24 },
];

/** The synthesized timeline of one row, in time order (ties: the order a team works). */
export function importedEvents(times: Partial<Record<TimeColumn, Date>>, vendor: string | null): TimelineEvent[] {
  const out: [Date, number, TimelineEvent][] = [];
  const add = (at: Date | undefined, rank: number, type: string, data: Record<string, unknown> = {}) => {
    if (at) out.push([at, rank, { type, at, data: { ...data, note: IMPORTED } }]);
  };
  add(times.occurredAt, 0, 'occurred');
  add(times.detectedAt, 1, 'milestone', { milestone: 'detected' });
  add(times.reportedAt, 2, 'milestone', { milestone: 'reported' });
  add(times.escalationStartedAt, 3, 'escalation_started', { vendor });
  add(times.initialResponseAt, 4, 'milestone', { milestone: 'initial_response' });
  add(times.countermeasureAt, 5, 'milestone', { milestone: 'countermeasure' });
  add(times.escalationEndedAt, 6, 'escalation_ended', { vendor });
  add(times.firstRecoveredAt, 7, 'milestone', { milestone: 'recovered' });
  add(times.reopenedAt, 8, 'reopened');
  add(times.recoveredAt, 9, 'milestone', { milestone: 'recovered' });
  out.sort((a, b) => a[0].getTime() - b[0].getTime() || a[1] - b[1]);
  return out.map(([, , e]) => e);
}

export type HistoryTimes = Partial<Record<TimeColumn, Date>> & { closedAt?: Date };

/**
 * Writes past incidents with their synthesized timelines, batched (one multi-row insert per 500 incidents and per
 * 2,000 events): the derived columns are folded from the same events, so they agree. Used by the import and the demo.
 */
export async function insertIncidentHistory(
  db: Db,
  items: { row: Omit<IncidentImportInput, TimeColumn> & { siteIds?: string[]; assetIds?: string[] }; times: HistoryTimes; source: 'import' | 'demo' }[],
  actorLabel: string,
) {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  const built = items.map(({ row: o, times, source }) => {
    const events = importedEvents(times, o.vendor ?? null);
    if (times.closedAt) events.push({ type: 'closed', at: times.closedAt, data: { note: IMPORTED } });
    const facts = foldEvents(events);
    return {
      values: {
        number: o.number,
        title: o.title,
        description: o.description ?? null,
        kind: o.kind,
        impact: o.impact ?? 'individual',
        siteIds: o.siteIds ?? (o.siteId ? [o.siteId] : []),
        assetIds: o.assetIds ?? [],
        reportExclusions: o.reportExclusions ?? [],
        spreadOverLan: o.spreadOverLan ?? false,
        countermeasureExclusions: o.countermeasureExclusions ?? [],
        majorSecurity: o.majorSecurity ?? false,
        majorInfrastructure: o.majorInfrastructure ?? false,
        provider: o.provider ?? null,
        rootCause: o.rootCause ?? null,
        businessSystemId: o.businessSystemId ?? null,
        ownerDepartment: o.ownerDepartment ?? null,
        source,
        occurredAt: facts.occurredAt,
        status: facts.status,
        milestones: Object.fromEntries(Object.entries(facts.milestones).map(([k, v]) => [k, iso(v)])),
        escalations: facts.escalations.map((e) => ({ from: iso(e.from), to: iso(e.to), vendor: e.vendor })),
        recoveredPauses: facts.recoveredPauses.map((p) => ({ from: iso(p.from), to: iso(p.to) })),
      },
      events,
    };
  });
  for (let i = 0; i < built.length; i += 500) {
    const chunk = built.slice(i, i + 500);
    const inserted = await db
      .insert(incidents)
      .values(chunk.map((b) => b.values))
      .returning({ id: incidents.id });
    const events = chunk.flatMap((b, j) =>
      b.events.map((e) => ({ incidentId: inserted[j].id, type: e.type, at: e.at, actorUserId: null, actorLabel, data: e.data })),
    );
    for (let k = 0; k < events.length; k += 2000) await db.insert(incidentEvents).values(events.slice(k, k + 2000));
  }
  return built.length;
}

const t = incidents;
function selectRows(db: Db) {
  return db
    .select({
      row: t,
      siteCode: sql<string | null>`(select s.code from sites s where s.id = ${sql.raw('"incidents"."site_ids"[1]')})`,
      businessSystemCode: sql<string | null>`(select b.code from business_systems b where b.id = ${t.businessSystemId})`,
    })
    .from(t);
}
type Selected = Awaited<ReturnType<ReturnType<typeof selectRows>['where']>>[number];

function valuesOf(r: Selected, events: TimelineEvent[]): Record<string, Value> {
  const at = (d: Date | null | undefined) => (d ? wallClockOf(d, ZONE) : null);
  const firstOf = (type: string, milestone?: string) => events.find((e) => e.type === type && (!milestone || e.data.milestone === milestone))?.at;
  const lastOf = (type: string, milestone?: string) => events.findLast((e) => e.type === type && (!milestone || e.data.milestone === milestone))?.at;
  const reopened = lastOf('reopened');
  const recoveries = events.filter((e) => e.type === 'milestone' && e.data.milestone === 'recovered');
  const m = r.row.milestones as Record<string, string | null>;
  return {
    number: r.row.number,
    title: r.row.title,
    kind: r.row.kind,
    impact: r.row.impact,
    site: r.siteCode,
    businessSystem: r.businessSystemCode,
    ownerDepartment: r.row.ownerDepartment,
    occurredAt: at(r.row.occurredAt),
    detectedAt: at(m.detected ? new Date(m.detected) : null),
    reportedAt: at(m.reported ? new Date(m.reported) : null),
    initialResponseAt: at(m.initial_response ? new Date(m.initial_response) : null),
    countermeasureAt: at(m.countermeasure ? new Date(m.countermeasure) : null),
    escalationStartedAt: at(firstOf('escalation_started')),
    escalationEndedAt: at(lastOf('escalation_ended')),
    vendor: (events.find((e) => e.type === 'escalation_started')?.data.vendor as string | undefined) ?? null,
    firstRecoveredAt: reopened ? at(recoveries.findLast((e) => e.at <= reopened)?.at) : null,
    reopenedAt: at(reopened),
    recoveredAt: at(m.recovered ? new Date(m.recovered) : null),
    reportExclusions: r.row.reportExclusions,
    spreadOverLan: r.row.spreadOverLan,
    countermeasureExclusions: r.row.countermeasureExclusions,
    majorSecurity: r.row.majorSecurity,
    majorInfrastructure: r.row.majorInfrastructure,
    provider: r.row.provider,
    rootCause: r.row.rootCause,
    description: r.row.description,
  };
}

export const incidentsIo = defineLedgerIo<IncidentExportQuery>({
  name: 'incidents',
  entity: 'incident',
  label: { ja: '障害台帳', en: 'Incident ledger' },
  naturalKey: 'number',
  schema: IncidentImportInput,
  columns,

  async loadExisting(db, keys) {
    const rows = await db.select({ id: t.id, number: t.number, siteIds: t.siteIds, version: t.version }).from(t).where(inJson(t.number, keys));
    return new Map<string, Existing>(rows.map((r) => [r.number, { id: r.id, siteId: r.siteIds[0] ?? null, version: r.version, values: {} }]));
  },

  check({ status, values, input, refs, error }) {
    // 4.1.3.a: as in the API, only a business-system incident names a system, and its department is the snapshot.
    const system = refs.businessSystem;
    if (system && values.kind !== 'business_system') error('businessSystem', 'error.business_system_kind');
    if (system && !system.active) error('businessSystem', 'error.business_system_inactive');
    if (system && !values.ownerDepartment) input.ownerDepartment = system.departmentName;
    const at: Partial<Record<TimeColumn, Date>> = {};
    for (const k of TIME_COLUMNS) {
      const v = values[k];
      if (typeof v !== 'string') continue;
      at[k] = instantOfCell(v, ZONE);
      input[k] = at[k]!.toISOString();
    }
    if (status === 'update') {
      error('number', 'import.incident_exists');
      return;
    }
    const occurred = at.occurredAt;
    if (occurred) for (const k of TIME_COLUMNS) if (k !== 'occurredAt' && at[k] && at[k]!.getTime() < occurred.getTime()) error(k, 'import.before_occurred');
    if (at.escalationEndedAt && !at.escalationStartedAt) error('escalationEndedAt', 'import.escalation_end_without_start');
    if (at.escalationEndedAt && at.escalationStartedAt && at.escalationEndedAt < at.escalationStartedAt)
      error('escalationEndedAt', 'import.before_escalation_start');
    if (at.escalationStartedAt && !values.vendor) error('vendor', 'error.required');
    if (!!at.reopenedAt !== !!at.firstRecoveredAt) error(at.reopenedAt ? 'firstRecoveredAt' : 'reopenedAt', 'error.required');
    if (at.reopenedAt && at.firstRecoveredAt && at.reopenedAt < at.firstRecoveredAt) error('reopenedAt', 'import.before_first_recovery');
    if (at.recoveredAt && at.reopenedAt && at.recoveredAt < at.reopenedAt) error('recoveredAt', 'import.before_reopened');
    if (at.recoveredAt && at.escalationStartedAt && !at.escalationEndedAt) error('escalationEndedAt', 'error.required');
  },

  siteOf: (_id, output) => (output.siteId as string | undefined) ?? null,

  // Not used for writing (writeRows builds incidents with their timelines); names the table for the identifier check.
  write: { table: 'incidents', key: 'number', columns: {} },

  async writeRows(db, rows, audit) {
    const date = (v: unknown) => (typeof v === 'string' ? new Date(v) : undefined);
    await insertIncidentHistory(
      db,
      rows.map((r) => {
        const o = r.output as IncidentImportInput;
        return { row: o, times: Object.fromEntries(TIME_COLUMNS.map((k) => [k, date(o[k])])) as HistoryTimes, source: 'import' };
      }),
      audit.actor.label,
    );
  },

  async exportPage(db, query, actor, cursor, limit) {
    const rows = await selectRows(db)
      .where(and(incidentFilters({ siteId: query.siteId, from: query.from, to: query.to }, actor), cursor === null ? undefined : gt(t.number, cursor)))
      .orderBy(asc(t.number))
      .limit(limit);
    const ids = rows.map((r) => r.row.id);
    const events = ids.length
      ? await db
          .select()
          .from(incidentEvents)
          .where(sql`${incidentEvents.incidentId} in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid)`)
          .orderBy(asc(incidentEvents.id))
      : [];
    return {
      rows: rows.map((r) =>
        valuesOf(
          r,
          events.filter((e) => e.incidentId === r.row.id).map((e) => ({ type: e.type, at: e.at, data: e.data as Record<string, unknown> })),
        ),
      ),
      next: rows.length === limit ? rows[rows.length - 1].row.number : null,
    };
  },
});
