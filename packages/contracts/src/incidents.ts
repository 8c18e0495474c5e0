import { z } from 'zod';
import { IncidentBusinessSystemRef } from './business-systems.ts';
import { Abilities, choiceSet, Id, OptionalText, Page, PageQuery, YearMonth } from './common.ts';
import { ExportQuery } from './io.ts';
import { SiteRef } from './org.ts';

const Instant = z.iso.datetime({ offset: true });

// ---------------------------------------------------------------- incidents (障害, 4.1; SLA S-2-x, S-3, S-4, S-4-3-3-x)

export const incidentKinds = choiceSet([
  { value: 'hardware', ja: 'ハードウェア障害', en: 'Hardware', color: 'volcano' },
  { value: 'software', ja: 'ソフトウェア障害', en: 'Software', color: 'blue' },
  { value: 'network', ja: 'ネットワーク障害', en: 'Network', color: 'purple' },
  { value: 'phone', ja: '電話障害', en: 'Telephony', color: 'cyan' },
  { value: 'cloud', ja: 'クラウドサービス障害', en: 'Cloud service (SaaS)', color: 'geekblue' },
  { value: 'business_system', ja: '業務システム障害', en: 'Business system', color: 'gold' },
]);
export type IncidentKind = (typeof incidentKinds.values)[number];

export const incidentStages = choiceSet([
  { value: 'sign', ja: '予兆', en: 'Sign of failure', color: 'gold' },
  { value: 'failure', ja: '障害', en: 'Failure', color: 'red' },
]);
export const incidentIsolations = choiceSet([
  { value: 'user_side', ja: '利用者側の問題', en: 'User side', color: 'blue' },
  { value: 'service_side', ja: 'サービス側の問題', en: 'Service side', color: 'volcano' },
]);

export const incidentImpacts = choiceSet([
  { value: 'individual', ja: '個人', en: 'One person', color: 'default' },
  { value: 'department', ja: '部署', en: 'Department', color: 'blue' },
  { value: 'site', ja: '拠点', en: 'Site', color: 'orange' },
  { value: 'organization', ja: '機構全体', en: 'Whole organization', color: 'red' },
]);

/** S-4-3-3-2: failures excluded from the 2-hour occurrence report (the two rules and their seven examples). */
export const incidentReportExclusions = choiceSet([
  { value: 'individual_impact', ja: '影響範囲が個人レベルに留まる', en: 'Impact limited to one person', color: 'default' },
  { value: 'operation_change', ja: '運用方法の変更により影響を最小限に抑制できる', en: 'Impact minimized by changing operation', color: 'default' },
  { value: 'pc_hardware', ja: 'パソコン本体・周辺機器のハードウェア障害', en: 'PC or peripheral hardware', color: 'default' },
  { value: 'printer_hardware', ja: 'ネットワークプリンタのハードウェア障害', en: 'Network printer hardware', color: 'default' },
  { value: 'pc_malware', ja: 'パソコンの不正プログラム感染（LANへの伝播なし）', en: 'PC malware not spread to the LAN', color: 'default' },
  { value: 'client_os', ja: 'クライアントOSの不具合（プロファイル破損等）', en: 'Client OS fault (e.g. broken profile)', color: 'default' },
  { value: 'client_program', ja: 'MS Office 等クライアントプログラムの不具合', en: 'Office-type client program', color: 'default' },
  { value: 'password_reset', ja: 'ユーザパスワードのリセット', en: 'Password reset', color: 'default' },
  { value: 'file_restore', ja: 'ファイルサーバのデータ消失（リストア）', en: 'File-server data loss restored from backup', color: 'default' },
]);
/** S-4-3-3-3: countermeasures not counted (presented by the escalation party, or routine). */
export const incidentCountermeasureExclusions = choiceSet([
  { value: 'escalation_presented', ja: '2次エスカレーション先が対応策を提示', en: 'Presented by the secondary-escalation party', color: 'default' },
  { value: 'routine', ja: '定常化した対策', en: 'Routine countermeasure', color: 'default' },
]);

export const incidentStatuses = choiceSet([
  { value: 'open', ja: '対応中', en: 'Open', color: 'red' },
  { value: 'recovered', ja: '回復', en: 'Recovered', color: 'green' },
  { value: 'closed', ja: '完了', en: 'Closed', color: 'default' },
]);

/** Milestones, each an event with its time and person; the clocks run from `occurred` to the others. */
export const incidentMilestones = choiceSet([
  { value: 'occurred', ja: '発生', en: 'Occurred', color: 'red' },
  { value: 'detected', ja: '検知', en: 'Detected', color: 'orange' },
  { value: 'reported', ja: '担当職員へ発生報告', en: 'Reported to the staff in charge', color: 'gold' },
  { value: 'initial_response', ja: '初期対応完了', en: 'Initial response complete', color: 'blue' },
  { value: 'countermeasure', ja: '原因究明・1次対応策提示', en: 'Cause and first countermeasure presented', color: 'purple' },
  { value: 'recovered', ja: '回復', en: 'Recovered', color: 'green' },
]);
export type IncidentMilestone = (typeof incidentMilestones.values)[number];

export const incidentClockCodes = choiceSet([
  { value: 'report', ja: '発生報告（2時間）', en: 'Occurrence report (2 h)', color: 'gold' },
  { value: 'initial_response_hw', ja: 'ハードウェア障害の初期対応（4時間）', en: 'Hardware initial response (4 h)', color: 'blue' },
  { value: 'initial_response_sw', ja: 'ソフトウェア障害の初期対応（4時間）', en: 'Software initial response (4 h)', color: 'cyan' },
  { value: 'countermeasure', ja: '対応策提示（4時間）', en: 'Countermeasure (4 h)', color: 'purple' },
  { value: 'recovery', ja: '障害回復（1日）', en: 'Recovery (1 day)', color: 'green' },
  { value: 'infected_response', ja: '感染機器対応（聞き取り・隔離）', en: 'Infected-device response (interview, isolation)', color: 'red' },
]);
/** The clocks measured on incidents; `infected_response` is measured on malware security cases (S-4-5-4-1). */
export const incidentOnlyClockCodes = ['report', 'initial_response_hw', 'initial_response_sw', 'countermeasure', 'recovery'] as const;
export type IncidentClockCode = (typeof incidentClockCodes.values)[number];

export const IncidentCreateInput = z.object({
  title: z.string().trim().min(1).max(300),
  description: OptionalText(10_000),
  kind: incidentKinds.schema,
  stage: incidentStages.schema.default('failure'),
  isolation: incidentIsolations.schema.nullable().optional(),
  ownerDepartment: OptionalText(200),
  /** 4.1.3.a: business_system incidents only; without an ownerDepartment, the master's department is copied in. */
  businessSystemId: Id.nullable().optional(),
  impact: incidentImpacts.schema.default('individual'),
  /** Affected sites; empty means the whole organization (visible to every reader). */
  siteIds: z.array(Id).max(300).default([]),
  assetIds: z.array(Id).max(500).default([]),
  occurredAt: Instant,
  detectedAt: Instant.optional(),
  reportExclusions: z.array(incidentReportExclusions.schema).max(20).default([]),
  /** Malware that spread over the LAN must be reported even though PC malware is otherwise excluded. */
  spreadOverLan: z.boolean().default(false),
  countermeasureExclusions: z.array(incidentCountermeasureExclusions.schema).max(5).default([]),
  majorSecurity: z.boolean().default(false),
  majorInfrastructure: z.boolean().default(false),
  /** SaaS incidents: the provider, tracked as open until the provider recovers (4.1.4). */
  provider: OptionalText(200),
  providerReference: OptionalText(200),
  relatedTicketIds: z.array(Id).max(100).default([]),
});
export type IncidentCreateInput = z.infer<typeof IncidentCreateInput>;

export const IncidentUpdateInput = z.object({
  title: z.string().trim().min(1).max(300).optional(),
  description: OptionalText(10_000),
  kind: incidentKinds.schema.optional(),
  stage: incidentStages.schema.optional(),
  isolation: incidentIsolations.schema.nullable().optional(),
  ownerDepartment: OptionalText(200),
  businessSystemId: Id.nullable().optional(),
  impact: incidentImpacts.schema.optional(),
  siteIds: z.array(Id).max(300).optional(),
  assetIds: z.array(Id).max(500).optional(),
  reportExclusions: z.array(incidentReportExclusions.schema).max(20).optional(),
  spreadOverLan: z.boolean().optional(),
  countermeasureExclusions: z.array(incidentCountermeasureExclusions.schema).max(5).optional(),
  majorSecurity: z.boolean().optional(),
  majorInfrastructure: z.boolean().optional(),
  provider: OptionalText(200),
  providerReference: OptionalText(200),
  rootCause: OptionalText(10_000),
  countermeasureText: OptionalText(10_000),
  relatedTicketIds: z.array(Id).max(100).optional(),
});
export type IncidentUpdateInput = z.infer<typeof IncidentUpdateInput>;

/** One entry of the immutable timeline. Milestones may be dated in the past (when it happened, not when typed). */
export const IncidentEventInput = z.discriminatedUnion('type', [
  z.object({ type: z.literal('milestone'), milestone: incidentMilestones.schema.exclude(['occurred']), at: Instant.optional(), note: OptionalText(2000) }),
  z.object({ type: z.literal('occurred_corrected'), at: Instant, note: z.string().trim().min(1).max(2000) }),
  z.object({ type: z.literal('escalation_started'), vendor: z.string().trim().min(1).max(200), at: Instant.optional(), note: OptionalText(2000) }),
  z.object({ type: z.literal('escalation_ended'), at: Instant.optional(), note: OptionalText(2000) }),
  z.object({ type: z.literal('reopened'), at: Instant.optional(), note: z.string().trim().min(1).max(2000) }),
  z.object({
    type: z.literal('note'),
    note: z.string().trim().min(1).max(10_000),
    at: Instant.optional(),
    /** 4.1.5.c: logs, screenshots and diagnostics attached (uploaded through /files). */
    fileIds: z.array(Id).max(20).default([]),
  }),
  /** 4.1.1.b: the LAN cable check of the isolation work. */
  z.object({ type: z.literal('lan_cable_checked'), result: z.enum(['ok', 'faulty', 'replaced']), at: Instant.optional(), note: OptionalText(2000) }),
  /** 4.1.5.b: a contractor's repair visit and the repair-confirmation test. */
  z.object({
    type: z.literal('repair_visit'),
    contractor: z.string().trim().min(1).max(200),
    attendee: z.string().trim().min(1).max(100),
    testSteps: OptionalText(5000),
    result: z.enum(['passed', 'failed']),
    at: Instant.optional(),
    note: OptionalText(2000),
  }),
  /** 4.1.5.c: logs and diagnostics sent to the maintenance contractor. */
  z.object({
    type: z.literal('logs_sent'),
    to: z.string().trim().min(1).max(200),
    method: z.enum(['mail', 'file_transfer', 'media', 'other']),
    fileIds: z.array(Id).max(20).default([]),
    at: Instant.optional(),
    note: OptionalText(2000),
  }),
  /** 4.1.3.a: the department responsible for the business system (or its contractor) was contacted. */
  z.object({
    type: z.literal('department_contacted'),
    contact: z.string().trim().min(1).max(200),
    method: z.enum(['phone', 'mail', 'other']),
    at: Instant.optional(),
    note: OptionalText(2000),
  }),
  z.object({ type: z.literal('closed'), note: OptionalText(2000) }),
]);
export type IncidentEventInput = z.infer<typeof IncidentEventInput>;

export const IncidentEventDto = z.object({
  id: z.string(),
  type: z.string(),
  at: z.string(),
  recordedAt: z.string(),
  actor: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type IncidentEventDto = z.infer<typeof IncidentEventDto>;
export const IncidentEventList = z.object({ items: z.array(IncidentEventDto) });

export const clockStates = ['running', 'paused', 'met', 'breached', 'excluded', 'not_applicable'] as const;
export const IncidentClockDto = z.object({
  code: z.enum(incidentOnlyClockCodes),
  state: z.enum(clockStates),
  targetMinutes: z.number().int(),
  elapsedMs: z.number().int(),
  /** When the target is reached if nothing pauses the clock; null when stopped or paused. */
  dueAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  exclusions: z.array(z.string()),
});
export type IncidentClockDto = z.infer<typeof IncidentClockDto>;

export const IncidentDto = z.object({
  id: Id,
  number: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  kind: incidentKinds.schema,
  stage: incidentStages.schema,
  isolation: incidentIsolations.schema.nullable(),
  ownerDepartment: z.string().nullable(),
  businessSystem: IncidentBusinessSystemRef.nullable(),
  impact: incidentImpacts.schema,
  status: incidentStatuses.schema,
  sites: z.array(SiteRef),
  assets: z.array(z.object({ id: Id, assetNumber: z.string(), name: z.string().nullable() })),
  reportExclusions: z.array(incidentReportExclusions.schema),
  spreadOverLan: z.boolean(),
  countermeasureExclusions: z.array(incidentCountermeasureExclusions.schema),
  majorSecurity: z.boolean(),
  majorInfrastructure: z.boolean(),
  provider: z.string().nullable(),
  providerReference: z.string().nullable(),
  rootCause: z.string().nullable(),
  countermeasureText: z.string().nullable(),
  relatedTicketIds: z.array(Id),
  milestones: z.record(z.string(), z.string().nullable()),
  /** Open secondary escalation (vendor), if any. */
  escalation: z.object({ vendor: z.string(), since: z.string() }).nullable(),
  clocks: z.array(IncidentClockDto),
  source: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: Abilities,
});
export type IncidentDto = z.infer<typeof IncidentDto>;

export const IncidentListQuery = PageQuery.extend({
  q: z.string().trim().max(200).optional(),
  status: incidentStatuses.schema.optional(),
  kind: incidentKinds.schema.optional(),
  siteId: Id.optional(),
  businessSystemId: Id.optional(),
  /** security | infrastructure | any */
  major: z.enum(['security', 'infrastructure', 'any']).optional(),
  from: Instant.optional(),
  to: Instant.optional(),
});
export type IncidentListQuery = z.infer<typeof IncidentListQuery>;
export const IncidentPage = Page(IncidentDto);

// ---------------------------------------------------------------- explain: how each clock was computed

export const ClockSegmentDto = z.object({
  from: z.string(),
  to: z.string(),
  /** counted: on the clock; paused: a pause rule (escalation, recovered until reopened); closed: outside the calendar. */
  kind: z.enum(['counted', 'paused', 'closed']),
  reason: z.string().nullable(),
  ms: z.number().int(),
});
export const IncidentClockExplainDto = IncidentClockDto.extend({
  rule: z.object({
    settingId: Id,
    effectiveFrom: z.string(),
    calendar: z.string(),
    pauseOnEscalation: z.boolean(),
    kinds: z.array(z.string()),
  }),
  startedAt: z.string(),
  segments: z.array(ClockSegmentDto),
});
export const IncidentExplainDto = z.object({ incidentId: Id, number: z.string(), asOf: z.string(), clocks: z.array(IncidentClockExplainDto) });
export type IncidentExplainDto = z.infer<typeof IncidentExplainDto>;

// ---------------------------------------------------------------- clock settings (targets agreed before service start)

export const IncidentClockSettingDto = z.object({
  id: Id,
  code: incidentClockCodes.schema,
  targetMinutes: z.number().int(),
  /** Monthly compliance rate (%) the SLA row asks for. */
  targetRate: z.number().int(),
  /** Business calendar, or null for 24×7. */
  calendarId: Id.nullable(),
  calendarName: z.string().nullable(),
  pauseOnEscalation: z.boolean(),
  /** Incident kinds the clock applies to ('malware' for the security-case response clock). */
  kinds: z.array(z.string()),
  effectiveFrom: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type IncidentClockSettingDto = z.infer<typeof IncidentClockSettingDto>;
export const IncidentClockSettingList = z.object({ current: z.array(IncidentClockSettingDto), history: z.array(IncidentClockSettingDto) });
export const IncidentClockSettingInput = z.object({
  code: incidentClockCodes.schema,
  targetMinutes: z
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 60),
  targetRate: z.number().int().min(0).max(100).default(95),
  calendarId: Id.nullable().default(null),
  pauseOnEscalation: z.boolean(),
  kinds: z
    .array(z.union([incidentKinds.schema, z.literal('malware')]))
    .min(1)
    .max(10),
  /** Applies to incidents that occur from this instant on; default now. */
  effectiveFrom: Instant.optional(),
});
export type IncidentClockSettingInput = z.infer<typeof IncidentClockSettingInput>;

// ---------------------------------------------------------------- report mail to the staff in charge

export const IncidentReportInput = z.object({
  to: z.array(z.string().trim().toLowerCase().pipe(z.email())).min(1).max(20),
  locale: z.enum(['ja', 'en']).default('ja'),
  /** Also records the "reported" milestone now if it is not set yet (default true). */
  markReported: z.boolean().default(true),
  message: OptionalText(5000),
});
export type IncidentReportInput = z.infer<typeof IncidentReportInput>;

// ---------------------------------------------------------------- monthly metrics

export const IncidentMetricsQuery = z.object({ month: YearMonth });
export const IncidentMetricRow = z.object({
  sla: z.string(),
  clock: incidentClockCodes.schema.nullable(),
  /** Rate rows: compliant ÷ counted × 100 (the spec's inverted formulas read as intended); count rows: cases. */
  kind: z.enum(['rate', 'count']),
  target: z.number(),
  counted: z.number().int(),
  met: z.number().int(),
  missed: z.number().int(),
  excluded: z.number().int(),
  pending: z.number().int(),
  value: z.number().nullable(),
  achieved: z.boolean().nullable(),
  drill: z.object({ met: z.array(Id), missed: z.array(Id), excluded: z.array(Id), pending: z.array(Id) }),
});
export const IncidentMetrics = z.object({ month: z.string(), rows: z.array(IncidentMetricRow) });
export type IncidentMetrics = z.infer<typeof IncidentMetrics>;

// ---------------------------------------------------------------- historical import (3.1.1.q) and export

export const IncidentImportInput = z.object({
  number: z.string().trim().min(1).max(40),
  title: z.string().trim().min(1).max(300),
  kind: incidentKinds.schema,
  impact: incidentImpacts.schema.nullable().optional(),
  siteId: Id.nullable().optional(),
  /** 4.1.3.a: the business system, by its code (business_system incidents only). */
  businessSystemId: Id.nullable().optional(),
  ownerDepartment: OptionalText(200),
  occurredAt: Instant,
  detectedAt: Instant.nullable().optional(),
  reportedAt: Instant.nullable().optional(),
  initialResponseAt: Instant.nullable().optional(),
  countermeasureAt: Instant.nullable().optional(),
  escalationStartedAt: Instant.nullable().optional(),
  escalationEndedAt: Instant.nullable().optional(),
  vendor: OptionalText(200),
  firstRecoveredAt: Instant.nullable().optional(),
  reopenedAt: Instant.nullable().optional(),
  recoveredAt: Instant.nullable().optional(),
  reportExclusions: z.array(incidentReportExclusions.schema).max(20).nullable().optional(),
  spreadOverLan: z.boolean().nullable().optional(),
  countermeasureExclusions: z.array(incidentCountermeasureExclusions.schema).max(5).nullable().optional(),
  majorSecurity: z.boolean().nullable().optional(),
  majorInfrastructure: z.boolean().nullable().optional(),
  provider: OptionalText(200),
  rootCause: OptionalText(10_000),
  description: OptionalText(10_000),
});
export type IncidentImportInput = z.infer<typeof IncidentImportInput>;

export const IncidentExportQuery = ExportQuery.extend({ siteId: Id.optional(), from: Instant.optional(), to: Instant.optional() });
export type IncidentExportQuery = z.infer<typeof IncidentExportQuery>;
